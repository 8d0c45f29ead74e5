package io.switchboard.cti;

import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.ResyncedCall;
import io.switchboard.calls.ResyncedCall.LiveLeg;
import io.switchboard.events.CallEvent;
import io.switchboard.events.EventMeta;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.LegRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which leg is the agent's and which party it talks to, from normalized events. */
class CallIndexTest {

    private static final Instant T = Instant.parse("2026-11-24T09:00:00Z");
    private static final String PBX_CALL = "1700000000.1";
    private static final String CALL = "ast:" + PBX_CALL;
    private static final AgentEndpoint AGENT1 = new AgentEndpoint("ast", "Local/agent1@agents/n",
            "Local/agent1@agents", "agent1");
    private static final AgentEndpoint AGENT2 = new AgentEndpoint("ast", "Local/agent2@agents/n",
            "Local/agent2@agents", "agent2");

    private final CallIndex index = new CallIndex();
    private final ActiveCall view = new ActiveCall(CALL, "ast", "1700000000.1", "QUEUED", "5550100", "Ann", "support",
            null, null, T, T, null, 2);

    private void apply(CallEvent e) {
        index.onEvent(e, PBX_CALL, view);
    }

    private static EventMeta leg(String legId) {
        return new EventMeta("ast", T, T, "1700000000.1", legId);
    }

    private void queueCallAnsweredByAgent1() {
        apply(new CallEvent.LegCreated(leg("c"), "PJSIP/trunk-00000001", "5550100", "Ann", "from-pstn", "100"));
        apply(new CallEvent.QueueJoined(leg("c"), "support", 1));
        apply(new CallEvent.LegCreated(leg("l1"), "Local/agent1@agents-0000000e;1", "", "", "agents", "agent1"));
        apply(new CallEvent.AgentOffered(leg("c"), "support", AGENT1.memberInterface(), "Agent One", "l1"));
        apply(new CallEvent.LegBridged(leg("c"), "b1", 1));
        apply(new CallEvent.LegBridged(leg("l1"), "b1", 2));
    }

    @Test
    void theAgentsLegIsTheOneTheQueueReported() {
        queueCallAnsweredByAgent1();
        CallIndex.CallLegs call = index.call(CALL).orElseThrow();
        assertThat(call.node()).isEqualTo("ast");
        assertThat(call.queue()).isEqualTo("support");
        CallIndex.Leg mine = call.agentLeg(AGENT1).orElseThrow();
        assertThat(mine.ref()).isEqualTo(new LegRef("l1", "Local/agent1@agents-0000000e;1"));
        assertThat(call.otherLeg(mine).orElseThrow().id()).isEqualTo("c");
        assertThat(call.involves(AGENT2)).isFalse();
    }

    @Test
    void withoutAQueueReportThePhonesChannelIdentifiesTheAgent() {
        apply(new CallEvent.LegCreated(leg("x"), "Local/agent2@agents-00000020;1", "agent2", "", "from-internal", "200"));
        apply(new CallEvent.DialStarted(leg("x"), "y", "PJSIP/trunk-00000021", "PJSIP/5550199@trunk"));
        CallIndex.CallLegs call = index.call(CALL).orElseThrow();
        CallIndex.Leg mine = call.agentLeg(AGENT2).orElseThrow();
        assertThat(mine.id()).isEqualTo("x");
        assertThat(call.otherLeg(mine).orElseThrow().channel()).isEqualTo("PJSIP/trunk-00000021");
    }

    @Test
    void anEndpointOnAnotherNodeNeverOwnsTheCall() {
        queueCallAnsweredByAgent1();
        AgentEndpoint elsewhere = new AgentEndpoint("other", AGENT1.memberInterface(), AGENT1.dial(), AGENT1.device());
        assertThat(index.call(CALL).orElseThrow().involves(elsewhere)).isFalse();
    }

    @Test
    void theBridgedPartyIsPreferredAndTheConsultationIsNeverTheOtherParty() {
        queueCallAnsweredByAgent1();
        apply(new CallEvent.LegCreated(leg("k"), "Local/agent3@agents-00000030;1", "", "", "agents", "agent3"));
        index.consult(CALL, new CallIndex.Consult("agent1", new LegRef("k", "Local/agent3@agents-00000030;1"), "agent3"));
        CallIndex.CallLegs call = index.call(CALL).orElseThrow();
        assertThat(call.otherLeg(call.agentLeg(AGENT1).orElseThrow()).orElseThrow().id()).isEqualTo("c");
        apply(new CallEvent.LegHangup(leg("k"), 16, "Normal Clearing"));
        assertThat(index.call(CALL).orElseThrow().consult()).isNull();
    }

    /** A call adopted from a live snapshot can be acted on before any event of it arrives. */
    @Test
    void anAdoptedCallIsKnownFromTheSnapshot() {
        ActiveCall adopted = new ActiveCall(CALL, "ast", PBX_CALL, "CONNECTED", "5550100", null, "support", null,
                AGENT1.memberInterface(), T, T, T, 2);
        index.onResync("ast", List.of(new ResyncedCall(adopted, true, List.of(
                new LiveLeg("c", "PJSIP/trunk-00000001", "b1", false),
                new LiveLeg("l1", "Local/agent1@agents-0000000e;1", "b1", true)))));
        CallIndex.CallLegs call = index.call(CALL).orElseThrow();
        assertThat(call.node()).isEqualTo("ast");
        assertThat(call.queue()).isEqualTo("support");
        assertThat(call.agentLegs()).containsEntry(AGENT1.memberInterface(), "l1");
        CallIndex.Leg mine = call.agentLeg(AGENT1).orElseThrow();
        assertThat(mine.ref()).isEqualTo(new LegRef("l1", "Local/agent1@agents-0000000e;1"));
        assertThat(call.otherLeg(mine).orElseThrow().id()).isEqualTo("c");
    }

    @Test
    void aSnapshotForgetsLegsAndCallsTheNodeNoLongerHasAndLeavesOtherNodesAlone() {
        queueCallAnsweredByAgent1();
        index.consult(CALL, new CallIndex.Consult("agent1", new LegRef("l1", "Local/agent1@agents-0000000e;1"), "x"));
        ActiveCall elsewhere = new ActiveCall("other:9", "other", "9", "RINGING", "1", null, null, null, null, T, null,
                null, 1);
        index.onEvent(new CallEvent.LegCreated(new EventMeta("other", T, T, "9", "o"), "PJSIP/o-1", "1", "", "c", "2"),
                "9", elsewhere);

        // the agent's leg ended while the node was not heard; FreeSWITCH-like: no bridge reported
        index.onResync("ast", List.of(new ResyncedCall(view, false, List.of(new LiveLeg("c", "PJSIP/trunk-00000001", null, false)))));
        CallIndex.CallLegs call = index.call(CALL).orElseThrow();
        assertThat(call.legs()).containsExactly(new CallIndex.Leg("c", "PJSIP/trunk-00000001", "b1"));
        assertThat(call.agentLeg(AGENT1)).isEmpty();
        assertThat(call.consult()).isNull();

        index.onResync("ast", List.of());
        assertThat(index.call(CALL)).isEmpty();
        assertThat(index.calls()).extracting(CallIndex.CallLegs::callId).containsExactly("other:9");
    }

    @Test
    void legsThatHungUpAndFinishedCallsAreForgotten() {
        queueCallAnsweredByAgent1();
        apply(new CallEvent.LegHangup(leg("l1"), 16, "Normal Clearing"));
        assertThat(index.call(CALL).orElseThrow().agentLeg(AGENT1)).isEmpty();
        // the caller's hang-up ends the call: the model hands over no view any more
        index.onEvent(new CallEvent.LegHangup(leg("c"), 16, "Normal Clearing"), PBX_CALL, null);
        assertThat(index.call(CALL)).isEmpty();
        assertThat(index.calls()).isEmpty();
    }
}
