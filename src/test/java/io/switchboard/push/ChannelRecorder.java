package io.switchboard.push;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * An in-process consumer of both push channels, as any capability of the service could attach
 * one. Keeps the latest messages of each (every test of the run feeds them).
 */
@ApplicationScoped
public class ChannelRecorder {

    private static final int KEEP = 50_000;

    record Received(String key, String payload) {
    }

    private final Deque<Received> callEvents = new ArrayDeque<>();
    private final Deque<Received> snapshots = new ArrayDeque<>();

    @Incoming(CallEventPublisher.CHANNEL)
    CompletionStage<Void> callEvent(Message<String> m) {
        keep(callEvents, m);
        return m.ack();
    }

    @Incoming(SnapshotPublisher.CHANNEL)
    CompletionStage<Void> snapshot(Message<String> m) {
        keep(snapshots, m);
        return m.ack();
    }

    List<Received> callEvents() {
        synchronized (callEvents) {
            return new ArrayList<>(callEvents);
        }
    }

    List<Received> snapshots() {
        synchronized (snapshots) {
            return new ArrayList<>(snapshots);
        }
    }

    private static void keep(Deque<Received> into, Message<String> m) {
        String key = m.getMetadata(OutgoingKafkaRecordMetadata.class).map(md -> (String) md.getKey()).orElse(null);
        synchronized (into) {
            into.addLast(new Received(key, m.getPayload()));
            if (into.size() > KEEP) {
                into.removeFirst();
            }
        }
    }
}
