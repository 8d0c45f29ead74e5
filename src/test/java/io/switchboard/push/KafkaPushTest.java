package io.switchboard.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.simulator.GeneratedCall;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The kafka profile: call events and snapshots reach their topics, keyed, in order. */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class KafkaPushTest {

    @Inject
    DemoSimulator demo;
    @Inject
    MetricsService metrics;
    @Inject
    ObjectMapper mapper;
    @Inject
    ChannelRecorder recorder;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aCallsEventsAndASnapshotArriveOnTheirTopics() throws Exception {
        GeneratedCall call = CallEventChannelTest.answeredCall();
        String id = "sim:" + call.linkedId();
        List<Map<String, Object>> timeline = CallEventChannelTest.playAndAwaitTimeline(demo, call);
        MonitorSnapshot s = Snapshots.snapshot(System.currentTimeMillis(), List.of(Snapshots.queue("sales", 4)),
                List.of(), List.of(), List.of());
        metrics.publish(s);

        List<ConsumerRecord<String, String>> events = read("switchboard.call-events",
                all -> all.stream().filter(r -> id.equals(r.key())).count() == timeline.size(), () -> { });
        List<ConsumerRecord<String, String>> ofCall = events.stream().filter(r -> id.equals(r.key())).toList();
        for (int i = 0; i < timeline.size(); i++) {
            JsonNode e = mapper.readTree(ofCall.get(i).value());
            assertThat(e.get("type").asText()).as("event %d", i).isEqualTo(timeline.get(i).get("type"));
            assertThat(e.get("pbxTime").asText()).as("event %d", i).isEqualTo(timeline.get(i).get("pbxTime"));
            assertThat(e.get("callId").asText()).isEqualTo(id);
        }

        String version = "\"version\":" + s.version();
        // the service's own next view supersedes ours when it lands before the send: offer it again
        List<ConsumerRecord<String, String>> snapshots = read("switchboard.metric-snapshots",
                all -> all.stream().anyMatch(r -> r.value().contains(version)), () -> metrics.publish(s));
        ConsumerRecord<String, String> snapshot = snapshots.stream().filter(r -> r.value().contains(version))
                .findFirst().orElseThrow();
        assertThat(snapshot.key()).isEqualTo("snapshot");
        assertThat(mapper.readTree(snapshot.value())).isEqualTo(mapper.readTree(mapper.writeValueAsString(s)));

        // in-process consumers keep receiving next to the connector
        assertThat(recorder.callEvents()).anyMatch(r -> id.equals(r.key()));
    }

    /** Reads the topic from the start until {@code done} holds for what was read, running {@code retry} otherwise. */
    private List<ConsumerRecord<String, String>> read(String topic,
                                                      Predicate<List<ConsumerRecord<String, String>>> done,
                                                      Runnable retry) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                if (done.test(all)) {
                    return true;
                }
                retry.run();
                return false;
            });
            return all;
        }
    }
}
