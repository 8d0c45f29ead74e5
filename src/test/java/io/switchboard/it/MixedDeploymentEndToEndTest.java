package io.switchboard.it;

import io.switchboard.testing.ApiUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.freeswitch.FreeSwitchCapture;
import io.switchboard.simulator.AmiTrace;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.TimedFrame;
import io.switchboard.simulator.TraceRewriter;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslTrace;
import io.switchboard.simulator.esl.EslTraceRewriter;
import io.switchboard.simulator.esl.TimedEslEvent;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.switchboard.testing.Operators;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * One Asterisk node (AMI) and one FreeSWITCH node (event socket) at once, both simulated over
 * TCP from real captures: one call list, each record naming its node and PBX type, and the
 * same fields and dispositions whichever PBX carried the call.
 */
@QuarkusTest
class MixedDeploymentEndToEndTest {

    @Inject
    DemoSimulator demo;

    /** The rewritten a-leg uuid of every caller of the FreeSWITCH capture, by tag, with its kind. */
    static Map<String, String[]> rewrittenCallers(List<TimedEslEvent> original, List<TimedEslEvent> rewritten) {
        List<String> before = aLegs(original);
        List<String> after = aLegs(rewritten);
        Map<String, String[]> out = new LinkedHashMap<>();
        FreeSwitchCapture.callers().forEach((tag, kindAndLeg) ->
                out.put(tag, new String[]{kindAndLeg[0], after.get(before.indexOf(kindAndLeg[1]))}));
        return out;
    }

    private static List<String> aLegs(List<TimedEslEvent> events) {
        List<String> legs = new ArrayList<>();
        for (TimedEslEvent t : events) {
            if ("CHANNEL_CREATE".equals(t.event().eventName())
                    && "loopback/support-a".equals(t.event().header("Channel-Name"))) {
                legs.add(t.event().uniqueId());
            }
        }
        return legs;
    }

    static JsonPath awaitCall(String id) {
        return await().atMost(Duration.ofSeconds(40)).until(
                () -> ApiUsers.reader().get("/api/v1/calls/{id}", id).then().extract(),
                r -> r.statusCode() == 200).jsonPath();
    }

    @Test
    void bothPbxTypesFeedOneCallList() {
        EslSimulator fs = demo.eslSimulator();
        assertThat(fs.awaitEventClients(1, Duration.ofSeconds(20))).as("FreeSWITCH node logged in").isTrue();
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();

        List<TimedEslEvent> original = EslTrace.load("simulator/freeswitch/callcenter-plain.esl");
        List<TimedEslEvent> fsScript = EslTraceRewriter.rewrite(original);
        Map<String, String[]> fsCallers = rewrittenCallers(original, fsScript);
        List<TimedFrame> amiScript = new TraceRewriter().rewrite(
                AmiTrace.load("simulator/asterisk/queue-calls.ami").frames());
        Set<String> amiCalls = SimulatedPbx.callIds(amiScript);

        var fsDone = fs.play(fsScript, PlayOptions.fullSpeed()).done();
        demo.simulator().play(amiScript, PlayOptions.fullSpeed()).done().join();
        fsDone.join();

        for (String linkedId : amiCalls) {
            JsonPath r = awaitCall("sim:" + linkedId);
            assertThat(r.getString("call.pbxType")).isEqualTo("asterisk");
            assertThat(r.getString("call.disposition")).isEqualTo("ANSWERED");
            assertThat(r.getString("call.queue")).isEqualTo("support");
        }
        for (Map.Entry<String, String[]> c : fsCallers.entrySet()) {
            String kind = c.getValue()[0];
            JsonPath r = awaitCall("fssim:" + c.getValue()[1]);
            assertThat(r.getString("call.node")).isEqualTo("fssim");
            assertThat(r.getString("call.pbxType")).isEqualTo("freeswitch");
            assertThat(r.getString("call.queue")).isEqualTo("support");
            assertThat(r.getString("call.direction")).isEqualTo("INBOUND");
            assertThat(r.getString("call.disposition")).as(c.getKey())
                    .isEqualTo(kind.equals("abandon") ? "ABANDONED" : "ANSWERED");
            if (!kind.equals("abandon")) {
                assertThat(r.getString("call.agentName")).isIn("1001", "1002", "1003");
                assertThat(r.getDouble("call.talkSeconds")).isGreaterThan(1.0);
            }
            assertThat(r.getList("call.transfers")).hasSize(kind.equals("transfer") ? 1 : 0);
        }
        // one list, both nodes
        JsonPath all = ApiUsers.reader().queryParam("limit", 500).get("/api/v1/calls").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.node", String.class)).contains("sim", "fssim");
        JsonPath nodes = Operators.supervisor().get("/api/v1/pbx/nodes").then().extract().jsonPath();
        assertThat(nodes.getString("find { it.id == 'fssim' }.state")).isEqualTo("CONNECTED");
        assertThat(nodes.getString("find { it.id == 'fssim' }.type")).isEqualTo("freeswitch");
        assertThat(nodes.getLong("find { it.id == 'fssim' }.unknownEvents")).isZero();
    }

    @Test
    void theSameScenarioGivesTheSameRecordFieldsOnEitherPbx() {
        // a normal call on each PBX: same fields present, same disposition, the same wait and talk
        // as each PBX's own queue application reports (AgentConnect/AgentComplete vs mod_callcenter)
        List<TimedEslEvent> original = EslTrace.load("simulator/freeswitch/callcenter-plain.esl");
        List<TimedEslEvent> fsScript = EslTraceRewriter.rewrite(original);
        String c01 = rewrittenCallers(original, fsScript).get("c01")[1];
        demo.eslSimulator().play(fsScript, PlayOptions.fullSpeed()).done().join();
        List<TimedFrame> amiScript = new TraceRewriter().rewrite(
                AmiTrace.load("simulator/asterisk/queue-calls.ami").frames());
        demo.simulator().play(amiScript, PlayOptions.fullSpeed()).done().join();
        String ami = SimulatedPbx.callIds(amiScript).iterator().next();

        Map<String, Object> fsCall = awaitCall("fssim:" + c01).getMap("call");
        Map<String, Object> astCall = awaitCall("sim:" + ami).getMap("call");
        assertThat(fsCall.keySet()).containsExactlyInAnyOrderElementsOf(astCall.keySet());
        for (Map<String, Object> call : List.of(fsCall, astCall)) {
            assertThat(call.get("disposition")).isEqualTo("ANSWERED");
            assertThat(call.get("direction")).isEqualTo("INBOUND");
            assertThat(call.get("queue")).isEqualTo("support");
            assertThat(call.get("agentName")).isNotNull();
            assertThat(call.get("answeredAt")).isNotNull();
            assertThat(((Number) call.get("talkSeconds")).doubleValue()).isCloseTo(4.0, within(1.0));
            assertThat((List<?>) call.get("agentAttempts")).isNotEmpty();
        }
    }
}
