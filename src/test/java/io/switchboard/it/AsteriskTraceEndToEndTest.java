package io.switchboard.it;

import io.switchboard.testing.ApiUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.asterisk.CapturedTrace;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.AmiTrace;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.TimedFrame;
import io.switchboard.simulator.TraceRewriter;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The whole path on real parts: the simulator replays each real Asterisk capture over TCP
 * (fresh ids), the service logs in over AMI, builds calls, writes them to MariaDB, and
 * {@code GET /api/v1/calls} shows exactly one correct record per captured call.
 */
@QuarkusTest
class AsteriskTraceEndToEndTest {

    @Inject
    DemoSimulator demo;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "queue-calls,   6, ANSWERED,",
            "queue-abandon, 4, ABANDONED,",
            "agi-noserver,  2, ANSWERED, FAILURE",
            "agi-fastagi,   2, ANSWERED, SUCCESS"})
    void everyCapturedCallBecomesOneCorrectRecord(String trace, int calls, String disposition, String routing) {
        AmiSimulator sim = demo.simulator();
        assertThat(sim.awaitEventClients(1, Duration.ofSeconds(20))).as("service logged in").isTrue();
        List<TimedFrame> script = new TraceRewriter().rewrite(
                AmiTrace.load("simulator/asterisk/" + trace + ".ami").frames());
        Set<String> callIds = SimulatedPbx.callIds(script);
        assertThat(callIds).hasSize(calls);
        Map<String, CapturedTrace.Expected> expected =
                new CapturedTrace(trace, SimulatedPbx.frames(script)).expectations();

        sim.play(script, PlayOptions.fullSpeed()).done().join();

        for (String linkedId : callIds) {
            String id = SimulatedPbx.recordId(linkedId);
            JsonPath call = await().atMost(Duration.ofSeconds(30)).until(
                    () -> ApiUsers.reader().get("/api/v1/calls/{id}", id).then().extract(),
                    r -> r.statusCode() == 200).jsonPath();
            CapturedTrace.Expected x = expected.get(linkedId);
            assertThat(call.getString("call.disposition")).as(id).isEqualTo(disposition);
            assertThat(call.getString("call.queue")).isEqualTo("support");
            assertThat(call.getString("call.node")).isEqualTo("sim");
            assertThat(call.getString("call.pbxType")).isEqualTo("asterisk");
            assertThat(call.getString("call.routingStatus")).isEqualTo(routing);
            assertThat(call.getDouble("call.waitSeconds")).isCloseTo(x.waitSeconds, within(1.0));
            if ("ANSWERED".equals(disposition)) {
                assertThat(call.getString("call.agentName")).isEqualTo(x.agent);
                assertThat(call.getString("call.agentInterface")).isEqualTo(x.agentInterface);
                assertThat(call.getDouble("call.talkSeconds")).isCloseTo(x.talkSeconds, within(1.0));
            }
            assertThat(call.getList("timeline")).isNotEmpty();
            assertThat(call.getString("timeline[0].type")).isNotBlank();
        }
        // exactly one record per call in the list as well
        for (String linkedId : callIds) {
            AmiFrame any = script.stream().map(TimedFrame::frame)
                    .filter(f -> linkedId.equals(f.get("Linkedid")) && f.get("CallerIDNum") != null
                            && f.get("CallerIDNum").startsWith("555"))
                    .findFirst().orElseThrow();
            List<String> ids = ApiUsers.reader().queryParam("caller", any.get("CallerIDNum")).queryParam("limit", 500)
                    .get("/api/v1/calls").then().statusCode(200).contentType(ContentType.JSON)
                    .extract().jsonPath().getList("items.id");
            assertThat(ids).filteredOn(SimulatedPbx.recordId(linkedId)::equals).hasSize(1);
        }
    }
}
