package io.switchboard.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.CallEvent;
import io.switchboard.events.EventMeta;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/** The lane side never waits: with the channel stalled, events beyond the buffer are dropped and counted. */
class CallEventPublisherTest {

    private static final int BUFFER = 8;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CallEventPublisher publisher = new CallEventPublisher();

    @AfterEach
    void stop() {
        publisher.stop();
    }

    @Test
    void aStalledChannelCostsTheLaneNothingAndLosesOnlyTheOverflow() {
        publisher.config = config(BUFFER);
        publisher.mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        publisher.registry = registry;
        publisher.init();
        AssertSubscriber<Message<String>> consumer = publisher.stream().subscribe().withSubscriber(
                AssertSubscriber.create(1)); // attached, but asks for one message only

        publisher.onEvent(event(0), "c0");
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getItems().size() == 1);
        // the consumer never asks for more: the channel's small buffer and ours fill up, and from
        // then on the lane's offers are dropped and counted; they return all the same
        int[] total = {1};
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (dropped() < 100) {
                publisher.onEvent(event(total[0]), "c" + total[0]);
                total[0]++;
            }
        });
        assertThat(total[0]).isGreaterThan(BUFFER + 100);

        consumer.request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getItems().size() + dropped() == total[0]);
        List<Integer> delivered = consumer.getItems().stream().map(m -> (String) m.getMetadata(
                OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                .map(k -> Integer.parseInt(k.substring("n1:c".length()))).toList();
        assertThat(delivered).startsWith(0, 1).isSorted(); // whatever was kept goes out in lane order
        assertThat(consumer.getItems().get(0).getPayload()).contains("\"type\":\"LegAnswered\"");
    }

    @Test
    void withoutAConsumerEventsAreLetGoUncounted() {
        publisher.config = config(BUFFER);
        publisher.mapper = new ObjectMapper();
        publisher.registry = registry;
        publisher.init();
        for (int i = 0; i < 100; i++) {
            publisher.onEvent(event(i), "c" + i);
        }
        assertThat(publisher.backlog()).isZero();
        assertThat(dropped()).isZero();
    }

    private double dropped() {
        return registry.get("switchboard.push.messaging.dropped").counter().count();
    }

    private static CallEvent event(int i) {
        Instant t = Instant.parse("2026-11-20T09:00:00Z").plusMillis(i);
        return new CallEvent.LegAnswered(new EventMeta("n1", t, t, "c" + i, "l" + i));
    }

    private static PushConfig config(int buffer) {
        return new PushConfig() {
            @Override
            public Ws ws() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Messaging messaging() {
                return new Messaging() {
                    @Override
                    public int bufferSize() {
                        return buffer;
                    }

                    @Override
                    public Duration snapshotMinInterval() {
                        return Duration.ofSeconds(1);
                    }
                };
            }

            @Override
            public Duration snapshotInterval() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
