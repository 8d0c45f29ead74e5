package io.switchboard.pbx.asterisk;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.Direction;
import io.switchboard.calls.Disposition;
import io.switchboard.calls.TransferType;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import io.switchboard.simulator.InteractiveCall;
import io.switchboard.simulator.InteractiveCall.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.switchboard.pbx.asterisk.AmiNode.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole calls driven only by call-control commands: the simulator plays what Asterisk reports, the
 * collector's lane builds the call, and the record says who answered, the hold and the transfer.
 */
class AmiInteractiveCallTest {

    private static final Map<String, String> IVR = Map.of("INTENT", "billing", "CUSTOMER_ID", "C-1001",
            "ACCOUNT_ID", "A-77", "LANGUAGE", "de");

    private final AmiNode node = new AmiNode();
    private InteractiveCall call;

    @BeforeEach
    void offer() throws Exception {
        node.start();
        assertThat(node.run(new PbxCommand.QueueLogin(agent("1001"), "support", "Agent One", false)).success()).isTrue();
        call = node.sim.offer("support", "4930123456", "Erika Muster", "PJSIP/1001", IVR);
        await().atMost(Duration.ofSeconds(5)).until(() -> "QUEUED".equals(node.liveState(call.callId())));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void answeredHeldAndHandedOverInAnAttendedTransfer() throws Exception {
        answer();
        send(new PbxCommand.Hold(agentLeg(), callerLeg(), agent("1001"), true), State.HELD);
        await().atMost(Duration.ofSeconds(5)).until(() -> "ON_HOLD".equals(node.liveState(call.callId())));
        send(new PbxCommand.Hold(agentLeg(), callerLeg(), agent("1001"), false), State.TALKING);
        await().atMost(Duration.ofSeconds(5)).until(() -> "CONNECTED".equals(node.liveState(call.callId())));
        LegRef agentLeg = agentLeg();
        send(new PbxCommand.AttendedTransferStart(agentLeg, callerLeg(), agent("1001"), "2001", "transfer-target"),
                State.CONSULTING);
        LegRef consult = new LegRef(null, call.consultChannel());
        assertThat(consult.channel()).startsWith("Local/2001@transfer-target-").endsWith(";1");
        send(new PbxCommand.AttendedTransferComplete(agentLeg, callerLeg(), consult), null);

        CallRecord r = node.awaitRecord(call.callId());

        answeredByAgentOne(r);
        assertThat(r.holdMillis()).isPositive();
        assertThat(r.transfers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TransferType.ATTENDED);
            assertThat(t.from()).isEqualTo("Agent One");
            assertThat(t.to()).isEqualTo("2001");
            assertThat(t.context()).isEqualTo("transfer-target");
        });
        assertThat(r.timeline()).extracting(e -> e.type()).contains("LegHeld", "LegUnheld", "AttendedTransferred");
    }

    @Test
    void answeredAndBlindTransferred() throws Exception {
        answer();
        send(new PbxCommand.BlindTransfer(agentLeg(), callerLeg(), "2000", "transfer-target"), State.TRANSFERRED);

        CallRecord r = node.awaitRecord(call.callId());

        answeredByAgentOne(r);
        assertThat(r.holdMillis()).isZero();
        assertThat(r.transfers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TransferType.BLIND);
            assertThat(t.from()).isEqualTo("Agent One");
            assertThat(t.to()).isEqualTo("2000");
            assertThat(t.context()).isEqualTo("transfer-target");
        });
    }

    @Test
    void attendedTransferCancelledAndTheAgentEndsTheCall() throws Exception {
        answer();
        send(new PbxCommand.AttendedTransferStart(agentLeg(), callerLeg(), agent("1001"), "2001", "transfer-target"),
                State.CONSULTING);
        LegRef consult = new LegRef(null, call.consultChannel());
        send(new PbxCommand.AttendedTransferCancel(agentLeg(), callerLeg(), consult), State.TALKING);
        await().atMost(Duration.ofSeconds(5)).until(() -> "CONNECTED".equals(node.liveState(call.callId())));
        assertThat(node.sim.activeChannelCount()).as("caller and agent only").isEqualTo(2);
        send(new PbxCommand.Hangup(agentLeg()), State.ENDED);

        CallRecord r = node.awaitRecord(call.callId());

        answeredByAgentOne(r);
        assertThat(r.transfers()).isEmpty();
        assertThat(r.holdMillis()).as("the consultation is hold time").isPositive();
        assertThat(r.hangupCause()).isEqualTo(16);
    }

    @Test
    void theCallerGivesUpWhileThePhoneRings() throws Exception {
        assertThat(call.hangupCaller()).isTrue();

        CallRecord r = node.awaitRecord(call.callId());

        assertThat(r.disposition()).isEqualTo(Disposition.ABANDONED);
        assertThat(r.agentAttempts()).singleElement().satisfies(a -> {
            assertThat(a.agentInterface()).isEqualTo("PJSIP/1001");
            assertThat(a.outcome()).isEqualTo(CallRecord.AgentAttempt.Outcome.CANCELLED);
        });
        assertThat(node.sim.interactiveCallCount()).isZero();
    }

    private void answer() throws Exception {
        send(new PbxCommand.Answer(agentLeg(), agent("1001")), State.TALKING);
        await().atMost(Duration.ofSeconds(5)).until(() -> "CONNECTED".equals(node.liveState(call.callId())));
    }

    private void send(PbxCommand command, State after) throws Exception {
        PbxReply reply = node.run(command);
        assertThat(reply.success()).as(command.action() + ": " + reply.message()).isTrue();
        if (after != null) {
            await().atMost(Duration.ofSeconds(5)).until(() -> call.state() == after);
        }
    }

    private void answeredByAgentOne(CallRecord r) {
        assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(r.direction()).isEqualTo(Direction.INBOUND);
        assertThat(r.queue()).isEqualTo("support");
        assertThat(r.callerNumber()).isEqualTo("4930123456");
        assertThat(r.callerName()).isEqualTo("Erika Muster");
        assertThat(r.agentInterface()).isEqualTo("PJSIP/1001");
        assertThat(r.agentName()).isEqualTo("Agent One");
        assertThat(r.answeredAt()).isNotNull();
        assertThat(r.agentAttempts()).singleElement().satisfies(a ->
                assertThat(a.outcome()).isEqualTo(CallRecord.AgentAttempt.Outcome.CONNECTED));
        assertThat(r.ivrData()).isEqualTo(IVR);
    }

    private LegRef agentLeg() {
        return new LegRef(call.agentUniqueid(), call.agentChannel());
    }

    private LegRef callerLeg() {
        return new LegRef(call.callerUniqueid(), call.callerChannel());
    }
}
