package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.TransferType;
import io.switchboard.events.CallEvent.AgentConnected;
import io.switchboard.events.CallEvent.DialStarted;
import io.switchboard.events.CallEvent.IvrData;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import io.switchboard.simulator.esl.EslOfferedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interactive mod_callcenter calls driven through {@link EslCallControl} end to end: the CTI
 * learns the ringing agent leg from the events, answers it, holds, transfers, and the call model
 * ends with a record of what happened.
 */
class EslInteractiveCallTest {

    static final AgentEndpoint AGENT = new AgentEndpoint("fs", "1001", "user/1001", "1001");

    private EslControlHarness h;

    @BeforeEach
    void start() {
        h = new EslControlHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Offers a call and waits until the model knows the agent's ringing leg (as a CTI would learn it). */
    private EslOfferedCall ringing() {
        EslOfferedCall call = h.sim.offer("support", "5550101", "Ada Lovelace", "1001",
                Map.of("INTENT", "billing", "CUSTOMER_ID", "4711"));
        await().atMost(Duration.ofSeconds(10)).until(() -> h.events.stream().anyMatch(e -> e instanceof DialStarted d
                && d.targetLegId().equals(call.agentLeg())));
        return call;
    }

    /** Answers through the CTI and waits for mod_callcenter's connect. */
    private LegRef[] answered(EslOfferedCall call) throws Exception {
        PbxReply r = h.run(new PbxCommand.Answer(new LegRef(call.agentLeg(), null), AGENT));
        assertThat(r.success()).as(r.message()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> h.events.stream().anyMatch(e -> e instanceof AgentConnected));
        AgentConnected c = (AgentConnected) h.events.stream().filter(AgentConnected.class::isInstance).findFirst().orElseThrow();
        assertThat(c.agentLegId()).isEqualTo(call.agentPhoneLeg());
        return new LegRef[]{new LegRef(c.agentLegId(), null), new LegRef(call.memberLeg(), null)};
    }

    @Test
    void theRingingAgentLegIsKnownBeforeAnswerAndIvrDataBeforeTheAgentRings() {
        EslOfferedCall call = ringing();
        DialStarted d = (DialStarted) h.events.stream().filter(DialStarted.class::isInstance).findFirst().orElseThrow();
        assertThat(d.legId()).isEqualTo(call.memberLeg());
        assertThat(d.callId()).isEqualTo(call.callId());
        assertThat(d.dialString()).isEqualTo("1001");
        assertThat(d.targetChannel()).isEqualTo("loopback/agent-talk-4000-a");
        int dial = h.events.indexOf(d);
        // the member's channel variables come with member-queue-start, before any agent rings
        assertThat(h.events.subList(0, dial)).filteredOn(IvrData.class::isInstance).map(IvrData.class::cast)
                .filteredOn(i -> i.legId().equals(call.memberLeg())).extracting(IvrData::name, IvrData::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("INTENT", "billing"),
                        org.assertj.core.groups.Tuple.tuple("CUSTOMER_ID", "4711"));
        assertThat(call.answered()).isFalse();
    }

    @Test
    void answerHoldUnholdThenAttendedTransferCompleted() throws Exception {
        EslOfferedCall call = ringing();
        LegRef[] legs = answered(call);
        LegRef agent = legs[0];
        LegRef member = legs[1];
        assertThat(h.run(new PbxCommand.Hold(agent, member, AGENT, true)).success()).isTrue();
        assertThat(h.run(new PbxCommand.Hold(agent, member, AGENT, false)).success()).isTrue();
        PbxReply start = h.run(new PbxCommand.AttendedTransferStart(agent, member, AGENT, "2001", "transfer-target"));
        assertThat(start.success()).as(start.message()).isTrue();
        LegRef consult = new LegRef(start.data().get("consultLeg"), start.data().get("consultChannel"));
        PbxReply done = h.run(new PbxCommand.AttendedTransferComplete(agent, member, consult));
        assertThat(done.success()).as(done.message()).isTrue();
        assertThat(h.run(new PbxCommand.Hangup(member)).success()).isTrue();

        CallRecord r = h.record(call.callId());
        assertThat(r.agentName()).isEqualTo("1001");
        assertThat(r.answeredAt()).isNotNull();
        assertThat(r.ivrData()).containsEntry("INTENT", "billing").containsEntry("CUSTOMER_ID", "4711");
        assertThat(r.holdMillis()).isPositive();
        assertThat(r.transfers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TransferType.ATTENDED);
            assertThat(t.from()).isEqualTo("1001");
            assertThat(t.to()).isEqualTo("2001");
            assertThat(t.context()).isEqualTo("transfer-target");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> h.sim.activeChannelCount() == 0);
    }

    @Test
    void blindTransferLeavesTheCallerOnTheNewExtension() throws Exception {
        EslOfferedCall call = ringing();
        LegRef[] legs = answered(call);
        PbxReply r = h.run(new PbxCommand.BlindTransfer(legs[0], legs[1], "2000", "transfer-target"));
        assertThat(r.success()).as(r.message()).isTrue();
        // FreeSWITCH hangs up the agent's leg itself once the caller leaves it
        await().atMost(Duration.ofSeconds(10)).until(() -> h.events.stream().anyMatch(e ->
                e instanceof io.switchboard.events.CallEvent.LegHangup x && x.legId().equals(legs[0].id())));
        assertThat(h.run(new PbxCommand.Hangup(legs[1])).success()).isTrue();

        CallRecord rec = h.record(call.callId());
        assertThat(rec.agentName()).isEqualTo("1001");
        assertThat(rec.answeredAt()).isNotNull();
        assertThat(rec.transfers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TransferType.BLIND);
            assertThat(t.to()).isEqualTo("2000");
            assertThat(t.context()).isEqualTo("transfer-target");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> h.sim.activeChannelCount() == 0);
    }

    @Test
    void attendedTransferCancelledReturnsTheAgentToTheCaller() throws Exception {
        EslOfferedCall call = ringing();
        LegRef[] legs = answered(call);
        PbxReply start = h.run(new PbxCommand.AttendedTransferStart(legs[0], legs[1], AGENT, "2001", "transfer-target"));
        assertThat(start.success()).as(start.message()).isTrue();
        LegRef consult = new LegRef(start.data().get("consultLeg"), start.data().get("consultChannel"));
        PbxReply cancel = h.run(new PbxCommand.AttendedTransferCancel(legs[0], legs[1], consult));
        assertThat(cancel.success()).as(cancel.message()).isTrue();
        // the agent talks to the caller again, then ends the call
        assertThat(h.run(new PbxCommand.Hangup(legs[0])).success()).isTrue();

        CallRecord rec = h.record(call.callId());
        assertThat(rec.agentName()).isEqualTo("1001");
        assertThat(rec.answeredAt()).isNotNull();
        assertThat(rec.transfers()).isEmpty();
        CallRecord consultation = h.record(consult.id());
        assertThat(consultation.dialedNumber()).isEqualTo("2001");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.sim.activeChannelCount() == 0);
    }

    @Test
    void aFailedStepIsReportedAndTheStepsBeforeItUndone() throws Exception {
        EslOfferedCall call = ringing();
        LegRef[] legs = answered(call);
        h.sim.onApi("originate", args -> "-ERR NO_ANSWER\n"); // the target does not pick up
        h.sim.clearReceivedCommands();
        PbxReply start = h.run(new PbxCommand.AttendedTransferStart(legs[0], legs[1], AGENT, "2001", "transfer-target"));

        assertThat(start.success()).isFalse();
        assertThat(start.message()).isEqualTo("attended-transfer step 3/5 (originate) failed: -ERR NO_ANSWER; undone: "
                + "uuid_hold off " + legs[0].id() + ", uuid_setvar_multi " + legs[1].id()
                + " park_after_bridge=false;hangup_after_bridge=true");
        assertThat(start.data()).containsEntry("failedStep", "3").containsEntry("failedCommand", "originate");
        assertThat(h.wire()).hasSize(5).last().isEqualTo("uuid_setvar_multi " + legs[1].id()
                + " park_after_bridge=false;hangup_after_bridge=true");
        // the caller is still with the agent, off hold
        await().atMost(Duration.ofSeconds(10)).until(() -> h.events.stream().anyMatch(e ->
                e instanceof io.switchboard.events.CallEvent.LegUnheld u && u.legId().equals(legs[0].id())));
        assertThat(h.run(new PbxCommand.Hangup(legs[0])).success()).isTrue();
        assertThat(h.record(call.callId()).transfers()).isEmpty();
    }
}
