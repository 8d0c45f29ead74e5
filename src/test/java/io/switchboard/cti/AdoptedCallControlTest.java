package io.switchboard.cti;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.agents.Presence;
import io.switchboard.calls.CallPipeline;
import io.switchboard.calls.IngestLane;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.AmiSimulator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A call that began while the service did not hear the PBX is known to call control as soon as
 * the reconnect's live snapshot is applied: an agent's hangup on it goes to the PBX before any
 * event of that call has arrived, and the agent is on it. When it ends unseen in a later gap, the
 * next snapshot lets both go of it.
 */
@QuarkusTest
class AdoptedCallControlTest {

    static final String NODE = "sim";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DemoSimulator demo;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    UserStore users;
    @Inject
    CallPipeline pipeline;
    @Inject
    PbxRegistry pbx;
    @Inject
    CallIndex index;

    @Test
    void anAgentHangsUpACallAdoptedAfterAReconnect() {
        TestAgents.TestAgent agent = TestAgents.asterisk(roster, presence, users, NODE, "support");
        AmiSimulator sim = demo.simulator();
        as(agent).post("/api/v1/agents/" + agent.id() + "/login").then().statusCode(200);
        await().atMost(WAIT).until(() -> presence.status(agent.id()).orElseThrow().presence() == Presence.AVAILABLE);
        CallControl control = pbx.control(NODE).orElseThrow();
        IngestLane lane = pipeline.lanes().stream().filter(l -> l.nodeId().equals(NODE)).findFirst().orElseThrow();
        await().atMost(WAIT).until(control::connected);

        String linkedid = "1732460000." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String agentLeg = linkedid + "1";
        String agentChannel = agent.endpoint().dial() + "-0000" + agentLeg.substring(agentLeg.length() - 4);
        String callId = NODE + ":" + linkedid;
        // the queue call begins and is answered by the agent while the service hears nothing
        inGap(sim, control, lane, () -> queueCallTalking(sim, linkedid, agentLeg, agentChannel));
        assertThat(index.call(callId)).as("known from the snapshot alone").isPresent();
        await().atMost(WAIT).until(() -> callId.equals(presence.status(agent.id()).orElseThrow().callId())
                && presence.status(agent.id()).orElseThrow().presence() == Presence.ON_CALL);

        int mark = sim.receivedActions().size();
        as(agent).post("/api/v1/cti/calls/" + callId + "/hangup").then().statusCode(200).body("outcome", equalTo("ok"));
        await().atMost(WAIT).until(() -> sim.receivedActions().subList(mark, sim.receivedActions().size()).stream()
                .anyMatch(a -> "Hangup".equalsIgnoreCase(a.get("Action")) && agentChannel.equals(a.get("Channel"))));

        // the hang-ups fall into another gap: the next snapshot settles the call
        inGap(sim, control, lane, () -> {
            hangup(sim, agentLeg, linkedid);
            hangup(sim, linkedid, linkedid);
        });
        assertThat(index.call(callId)).isEmpty();
        await().atMost(WAIT).until(() -> presence.status(agent.id()).orElseThrow().presence() != Presence.ON_CALL);
        as(agent).post("/api/v1/agents/" + agent.id() + "/logout").then().statusCode(200);
    }

    /** Runs {@code pbx} while the node is not heard, and returns once the reconnect's snapshot is applied. */
    private static void inGap(AmiSimulator sim, CallControl control, IngestLane lane, Runnable pbx) {
        long resyncs = lane.resyncs();
        sim.stop();
        await().atMost(WAIT).until(() -> !control.connected());
        try {
            pbx.run();
        } finally {
            sim.start();
        }
        await().atMost(WAIT).until(() -> control.connected() && lane.resyncs() > resyncs);
    }

    private static RequestSpecification as(TestAgents.TestAgent a) {
        return given().auth().preemptive().basic(a.user(), a.password()).contentType(ContentType.JSON);
    }

    /** Asterisk: a caller in queue support, answered by the agent's phone and bridged with it, as AMI reports it. */
    private static void queueCallTalking(AmiSimulator sim, String caller, String agent, String agentChannel) {
        String callerChannel = "PJSIP/trunk-" + caller;
        newchannel(sim, caller, caller, callerChannel, "from-pstn");
        sim.emit(AmiFrame.of("Event", "Newexten", "Privilege", "dialplan,all", "Channel", callerChannel,
                "Context", "from-pstn", "Extension", "8005550100", "Priority", "2", "Application", "Queue",
                "AppData", "support", "Uniqueid", caller, "Linkedid", caller));
        newchannel(sim, agent, caller, agentChannel, "from-queue");
        int inBridge = 0;
        for (String[] leg : List.of(new String[]{caller, callerChannel}, new String[]{agent, agentChannel})) {
            sim.emit(AmiFrame.of("Event", "Newstate", "Privilege", "call,all", "Channel", leg[1], "ChannelState", "6",
                    "ChannelStateDesc", "Up", "Uniqueid", leg[0], "Linkedid", caller));
            sim.emit(AmiFrame.of("Event", "BridgeEnter", "Privilege", "call,all", "BridgeUniqueid", "bridge-" + caller,
                    "BridgeNumChannels", Integer.toString(++inBridge), "Channel", leg[1], "ChannelState", "6",
                    "ChannelStateDesc", "Up", "Uniqueid", leg[0], "Linkedid", caller));
        }
    }

    private static void newchannel(AmiSimulator sim, String leg, String call, String channel, String context) {
        sim.emit(AmiFrame.of("Event", "Newchannel", "Privilege", "call,all", "Channel", channel, "ChannelState", "4",
                "ChannelStateDesc", "Ring", "CallerIDNum", "5550188", "CallerIDName", "Cy Example", "Context", context,
                "Exten", "8005550100", "Priority", "1", "Uniqueid", leg, "Linkedid", call));
    }

    private static void hangup(AmiSimulator sim, String leg, String call) {
        sim.emit(AmiFrame.of("Event", "Hangup", "Privilege", "call,all", "ChannelState", "6", "ChannelStateDesc", "Up",
                "Uniqueid", leg, "Linkedid", call, "Cause", "16", "Cause-txt", "Normal Clearing"));
    }
}
