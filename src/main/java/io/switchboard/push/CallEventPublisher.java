package io.switchboard.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.annotations.Broadcast;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.calls.CallEventListener;
import io.switchboard.events.CallEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts every normalized event on the {@code call-events} channel, keyed by its call. The ingest
 * lanes only offer to a bounded queue (a full queue drops and counts, it never waits); one
 * thread of its own serializes and hands the events to the channel as fast as it takes them,
 * so neither JSON nor a slow broker ever holds up ingestion. Per-node order is kept.
 */
@Startup
@ApplicationScoped
public class CallEventPublisher implements CallEventListener {

    public static final String CHANNEL = "call-events";
    private static final Logger LOG = Logger.getLogger(CallEventPublisher.class);
    private static final long BUSY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    @Inject
    PushConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    private final ChannelOutlet outlet = new ChannelOutlet();
    private BlockingQueue<Pending> queue;
    private Counter dropped;
    private Counter sent;
    private Thread dispatcher;
    private volatile boolean running = true;

    private record Pending(CallEvent event, String callId) {
    }

    @PostConstruct
    void init() {
        queue = new ArrayBlockingQueue<>(config.messaging().bufferSize());
        ChannelMeters meters = ChannelMeters.register(registry, CHANNEL);
        dropped = meters.dropped();
        sent = meters.sent();
        dispatcher = Thread.ofPlatform().name("push-call-events").daemon().start(this::dispatch);
    }

    /** Subscribed by SmallRye only when the channel has a consumer; broadcast so several may attach. */
    @Outgoing(CHANNEL)
    @Broadcast
    public Multi<Message<String>> stream() {
        return outlet.stream();
    }

    @PreDestroy
    void stop() {
        running = false;
        dispatcher.interrupt();
    }

    /** On the lane thread: never blocks; with no consumer attached there is nothing to do at all. */
    @Override
    public void onEvent(CallEvent event, String callId) {
        if (outlet.state() == ChannelOutlet.State.UNCONNECTED) {
            return;
        }
        if (!queue.offer(new Pending(event, callId))) {
            dropped.increment();
        }
    }

    int backlog() {
        return queue.size();
    }

    private void dispatch() {
        while (running) {
            Pending p;
            try {
                p = queue.take();
            } catch (InterruptedException stopping) {
                return;
            }
            try {
                if (awaitDemand()) {
                    outlet.send(message(p));
                    sent.increment();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not put a %s event on %s", p.event().type(), CHANNEL);
            }
        }
    }

    /**
     * Waits while consumers are attached but busy (the queue in front absorbs that); false when no
     * one consumes the channel, as in the default in-process setup without listeners.
     */
    private boolean awaitDemand() {
        while (running) {
            switch (outlet.state()) {
                case OPEN -> {
                    return true;
                }
                case UNCONNECTED -> {
                    return false;
                }
                case BUSY -> LockSupport.parkNanos(BUSY_WAIT_NANOS);
            }
        }
        return false;
    }

    private Message<String> message(Pending p) {
        String key = CallEventJson.callKey(p.event(), p.callId());
        String json;
        try {
            json = mapper.writeValueAsString(CallEventJson.write(mapper, p.event(), key));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // events of no call are keyed by their node: they keep their order among themselves
        String recordKey = key != null ? key : p.event().meta().nodeId();
        return Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(recordKey).build());
    }
}
