package io.switchboard.bus;

import io.switchboard.testing.ApiUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.push.EmbeddedKafka;
import io.switchboard.push.KafkaProfile;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.TruthTransfer;
import io.switchboard.simulator.esl.EslScenarioGenerator;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.GeneratedEslCall;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kafka profile end to end: the collectors (AMI and ESL) publish to the event topic, the
 * application's consumer applies its partitions and the records reach the database and the API.
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class BusPathTest {

    @Inject
    DemoSimulator demo;
    @Inject
    BusService bus;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void collectorsPublishAndTheConsumerStoresTheRecords() {
        assertThat(bus.enabled()).isTrue();
        EslSimulator fs = demo.eslSimulator();
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        assertThat(fs.awaitEventClients(1, Duration.ofSeconds(20))).isTrue();

        ScenarioGenerator generator = new ScenarioGenerator(System.nanoTime());
        List<GeneratedCall> ami = List.of(
                generator.generate(ScenarioSpec.answered("5551001", "Ann", 1, 3_000, 8_000)
                        .withTransfer(Transfer.attended())),
                generator.generate(ScenarioSpec.abandoned("5551002", "Bob", 4_000)),
                generator.generate(new ScenarioSpec("5551003", "Cid", "sales", Map.of(), List.of(), 2, 2_000, 1_000,
                        5_000, 0, ScenarioSpec.Outcome.ANSWER, null)));
        EslScenarioGenerator eslGenerator = new EslScenarioGenerator(System.nanoTime(), fs.coreUuid());
        long start = System.currentTimeMillis() * 1_000;
        List<GeneratedEslCall> esl = List.of(
                eslGenerator.generate(ScenarioSpec.answered("5552001", "Dee", 2, 2_000, 4_000), start),
                eslGenerator.generate(ScenarioSpec.abandoned("5552002", "Eve", 3_000), start + 500_000));

        var fsDone = fs.play(EslScenarioGenerator.merge(esl), PlayOptions.fullSpeed()).done();
        demo.simulator().play(ScenarioMix.schedule(ami, 2.0), PlayOptions.fullSpeed()).done().join();
        fsDone.join();

        for (GeneratedCall c : ami) {
            JsonPath r = awaitCall("sim:" + c.linkedId());
            assertThat(r.getString("call.disposition")).isEqualTo(c.truth().disposition());
            assertThat(r.getString("call.queue")).isEqualTo(c.truth().queue());
            assertThat(r.getString("call.agentInterface")).isEqualTo(c.truth().agentInterface());
            assertThat(r.getList("call.transfers.type")).isEqualTo(
                    c.truth().transfers().stream().map(TruthTransfer::type).toList());
        }
        for (GeneratedEslCall c : esl) {
            JsonPath r = awaitCall("fssim:" + c.callId());
            assertThat(r.getString("call.pbxType")).isEqualTo("freeswitch");
            assertThat(r.getString("call.disposition")).isEqualTo(c.truth().disposition());
            assertThat(r.getString("call.agentName")).isEqualTo(c.truth().agentName());
        }

        // the events went through the topic, each under its call's key
        Set<String> keys = readBusKeys(ami.size() + esl.size());
        assertThat(keys).containsAll(ami.stream().map(c -> "sim:" + c.linkedId()).toList());
        assertThat(keys).containsAll(esl.stream().map(c -> "fssim:" + c.callId()).toList());
        assertThat(bus.consumer().partitions()).hasSize(EmbeddedKafka.BUS_PARTITIONS);
        assertThat(bus.consumer().malformedRecords()).isZero();
    }

    private static JsonPath awaitCall(String id) {
        return await().atMost(Duration.ofSeconds(40)).until(
                () -> ApiUsers.reader().get("/api/v1/calls/{id}", id).then().extract(),
                r -> r.statusCode() == 200).jsonPath();
    }

    private Set<String> readBusKeys(int atLeast) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = IntStream.range(0, EmbeddedKafka.BUS_PARTITIONS)
                    .mapToObj(p -> new TopicPartition(EmbeddedKafka.BUS_TOPIC, p)).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return parts.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            Set<String> keys = all.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertThat(keys).hasSizeGreaterThanOrEqualTo(atLeast);
            return keys;
        }
    }
}
