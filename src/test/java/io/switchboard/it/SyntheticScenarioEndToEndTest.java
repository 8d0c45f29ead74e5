package io.switchboard.it;

import io.switchboard.testing.ApiUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.TruthTransfer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A seeded mix of synthetic calls (answered, abandoned, timeouts, ring-no-answer, hold, every
 * transfer kind, IVR data), overlapping on the wire: each stored record equals its ground truth.
 */
@QuarkusTest
class SyntheticScenarioEndToEndTest {

    @Inject
    DemoSimulator demo;

    @Test
    void everySyntheticCallIsStoredAsItHappened() {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        List<GeneratedCall> calls = new ScenarioMix(2026).calls(60);
        demo.simulator().play(ScenarioMix.schedule(calls, 30.0), PlayOptions.fullSpeed()).done().join();

        for (GeneratedCall c : calls) {
            CallTruth t = c.truth();
            String id = SimulatedPbx.recordId(c.linkedId());
            JsonPath r = await().atMost(Duration.ofSeconds(30)).until(
                    () -> ApiUsers.reader().get("/api/v1/calls/{id}", id).then().extract(),
                    resp -> resp.statusCode() == 200).jsonPath();
            assertThat(r.getString("call.disposition")).as(id).isEqualTo(t.disposition());
            assertThat(r.getString("call.agentInterface")).as(id).isEqualTo(t.agentInterface());
            assertThat(r.getString("call.agentName")).isEqualTo(t.agentName());
            assertThat(r.getString("call.callerNumber")).isEqualTo(t.callerNum());
            assertThat(r.getDouble("call.waitSeconds")).as("wait " + id).isCloseTo(t.waitMillis() / 1000.0, within(0.02));
            assertThat(r.getDouble("call.talkSeconds")).as("talk " + id).isCloseTo(t.talkMillis() / 1000.0, within(0.02));
            assertThat(r.getDouble("call.holdSeconds")).as("hold " + id).isCloseTo(t.holdMillis() / 1000.0, within(0.02));
            List<TruthTransfer> transfers = r.getList("call.transfers", java.util.Map.class).stream()
                    .map(m -> new TruthTransfer((String) m.get("type"), (String) m.get("to"))).toList();
            assertThat(transfers).as("transfers " + id).containsExactlyElementsOf(t.transfers());
            assertThat(r.getMap("call.ivrData", String.class, String.class)).containsAllEntriesOf(t.ivrVars());
        }
    }
}
