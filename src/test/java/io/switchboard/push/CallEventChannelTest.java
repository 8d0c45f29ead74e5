package io.switchboard.push;

import io.switchboard.testing.ApiUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The push channels in the default, broker-less setup: an in-process consumer receives every
 * event of a simulated call, keyed by the call, in the order the call model applied them.
 */
@QuarkusTest
class CallEventChannelTest {

    @Inject
    DemoSimulator demo;
    @Inject
    ChannelRecorder recorder;
    @Inject
    MetricsService metrics;
    @Inject
    ObjectMapper mapper;

    /** A plain answered queue call with IVR data, no transfer. */
    static GeneratedCall answeredCall() {
        ScenarioSpec spec = new ScenarioSpec("03011234567", "Anna Schmidt", "support", Map.of("INTENT", "billing"),
                List.of("2"), 1, 9_000, 2_000, 20_000, 0, ScenarioSpec.Outcome.ANSWER, null);
        return new ScenarioGenerator(System.nanoTime()).generate(spec);
    }

    /** Plays the call on the simulator and returns its stored timeline, once the call is recorded. */
    static List<Map<String, Object>> playAndAwaitTimeline(DemoSimulator demo, GeneratedCall call) {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        demo.simulator().play(ScenarioMix.schedule(List.of(call), 1.0), PlayOptions.fullSpeed()).done().join();
        JsonPath r = await().atMost(Duration.ofSeconds(30)).until(
                () -> ApiUsers.reader().get("/api/v1/calls/{id}", "sim:" + call.linkedId()).then().extract(),
                resp -> resp.statusCode() == 200).jsonPath();
        return r.getList("timeline");
    }

    @Test
    void everyEventOfACallReachesTheChannelKeyedByTheCallInOrder() throws Exception {
        GeneratedCall call = answeredCall();
        String id = "sim:" + call.linkedId();
        List<Map<String, Object>> timeline = playAndAwaitTimeline(demo, call);
        assertThat(timeline).hasSizeGreaterThan(10);

        await().atMost(Duration.ofSeconds(10)).until(() -> ofCall(id).size() == timeline.size());
        List<ChannelRecorder.Received> received = ofCall(id);
        for (int i = 0; i < timeline.size(); i++) {
            JsonNode event = mapper.readTree(received.get(i).payload());
            Map<String, Object> expected = timeline.get(i);
            assertThat(event.get("type").asText()).as("event %d", i).isEqualTo(expected.get("type"));
            assertThat(text(event.get("legId"))).as("event %d", i).isEqualTo(expected.get("legId"));
            assertThat(event.get("pbxTime").asText()).as("event %d", i).isEqualTo(expected.get("pbxTime"));
            assertThat(event.get("callId").asText()).isEqualTo(id);
            assertThat(event.get("node").asText()).isEqualTo("sim");
        }
        assertThat(received.get(received.size() - 1).payload()).contains("\"type\":\"LegHangup\"");
        assertThat(received).anySatisfy(r -> assertThat(r.payload()).contains("\"name\":\"INTENT\"",
                "\"value\":\"billing\""));
    }

    @Test
    void aPublishedSnapshotReachesTheSnapshotChannel() throws Exception {
        MonitorSnapshot s = Snapshots.snapshot(System.currentTimeMillis(), List.of(Snapshots.queue("sales", 4)),
                List.of(), List.of(), List.of());
        metrics.publish(s);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.snapshots().stream()
                .anyMatch(r -> r.payload().contains("\"version\":" + s.version())));
        ChannelRecorder.Received r = recorder.snapshots().stream()
                .filter(m -> m.payload().contains("\"version\":" + s.version())).findFirst().orElseThrow();
        assertThat(r.key()).isEqualTo(SnapshotPublisher.KEY);
        assertThat(mapper.readTree(r.payload())).isEqualTo(mapper.readTree(mapper.writeValueAsString(s)));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private List<ChannelRecorder.Received> ofCall(String id) {
        return recorder.callEvents().stream().filter(r -> id.equals(r.key())).toList();
    }
}
