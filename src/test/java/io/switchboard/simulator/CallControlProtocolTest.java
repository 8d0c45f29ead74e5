package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator on the wire for the call-control actions, seen by a raw client: Asterisk 22's
 * response texts, the events that follow, and the header sets of the captures.
 */
class CallControlProtocolTest {

    private static final AmiTrace QUEUE_CALLS = AmiTrace.load("/simulator/asterisk/queue-calls.ami");
    private static final AmiTrace QUEUE_ABANDON = AmiTrace.load("/simulator/asterisk/queue-abandon.ami");

    private AmiSimulator sim;
    private RawAmiClient c;

    @BeforeEach
    void start() throws Exception {
        sim = new AmiSimulator(SimulatorSettings.defaults()).start();
        c = new RawAmiClient(sim.port());
        c.login("switchboard", "switchboard");
        // the login's reply can arrive before the session takes events: wait until it does
        assertThat(sim.awaitEventClients(1, java.time.Duration.ofSeconds(5))).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        sim.close();
    }

    @Test
    void queueMembershipActionsAnswerAndRaiseMemberEventsLikeAppQueue() throws Exception {
        AmiFrame added = c.request("Action", "QueueAdd", "ActionID", "a-1", "Queue", "support",
                "Interface", "PJSIP/1001", "MemberName", "Agent One", "Paused", "false");
        assertThat(added.get("Response")).isEqualTo("Success");
        assertThat(added.get("Message")).isEqualTo("Added interface to queue");
        AmiFrame addedEvent = c.nextEvent("QueueMemberAdded");
        assertThat(names(addedEvent)).isEqualTo(names(QUEUE_ABANDON.events("QueueMemberPause").getFirst()));
        assertThat(addedEvent.get("Interface")).isEqualTo("PJSIP/1001");
        assertThat(addedEvent.get("MemberName")).isEqualTo("Agent One");
        assertThat(addedEvent.get("Membership")).isEqualTo("dynamic");
        assertThat(addedEvent.get("Status")).isEqualTo("1");

        assertThat(c.request("Action", "QueueAdd", "Queue", "support", "Interface", "PJSIP/1001").get("Message"))
                .isEqualTo("Unable to add interface: Already there");
        assertThat(c.request("Action", "QueueAdd", "Queue", "nope", "Interface", "PJSIP/1001").get("Message"))
                .isEqualTo("Unable to add interface to queue: No such queue");
        assertThat(c.request("Action", "QueueAdd", "Queue", "support").get("Message"))
                .isEqualTo("'Interface' not specified.");

        AmiFrame paused = c.request("Action", "QueuePause", "Interface", "PJSIP/1001", "Paused", "true",
                "Reason", "lunch");
        assertThat(paused.get("Message")).isEqualTo("Interface paused successfully");
        AmiFrame pauseEvent = c.nextEvent("QueueMemberPause");
        assertThat(names(pauseEvent)).isEqualTo(names(QUEUE_ABANDON.events("QueueMemberPause").getFirst()));
        assertThat(pauseEvent.get("Paused")).isEqualTo("1");
        assertThat(pauseEvent.get("PausedReason")).isEqualTo("lunch");
        assertThat(Long.parseLong(pauseEvent.get("LastPause"))).isPositive();
        assertThat(c.request("Action", "QueuePause", "Interface", "PJSIP/1001", "Paused", "false").get("Message"))
                .isEqualTo("Interface unpaused successfully");
        assertThat(c.request("Action", "QueuePause", "Interface", "PJSIP/9999", "Paused", "true").get("Message"))
                .isEqualTo("Interface not found");

        AmiFrame removed = c.request("Action", "QueueRemove", "Queue", "support", "Interface", "PJSIP/1001");
        assertThat(removed.get("Message")).isEqualTo("Removed interface from queue");
        assertThat(c.nextEvent("QueueMemberRemoved").get("Interface")).isEqualTo("PJSIP/1001");
        assertThat(c.request("Action", "QueueRemove", "Queue", "support", "Interface", "PJSIP/1001").get("Message"))
                .isEqualTo("Unable to remove interface: Not there");
    }

    @Test
    void queueStatusListsParamsMembersAndCallersForTheAskingClientOnly() throws Exception {
        c.request("Action", "QueueAdd", "Queue", "support", "Interface", "PJSIP/1001", "MemberName", "Agent One");
        c.request("Action", "QueuePause", "Interface", "PJSIP/1001", "Paused", "1", "Reason", "coffee");
        sim.offer("support", "5550001", "Waiting Caller", "PJSIP/1002", Map.of());

        AmiFrame ack = c.request("Action", "QueueStatus", "ActionID", "qs-1", "Queue", "support");
        assertThat(ack.get("Response")).isEqualTo("Success");
        assertThat(ack.get("EventList")).isEqualTo("start");
        assertThat(ack.get("Message")).isEqualTo("Queue status will follow");

        AmiFrame params = c.nextEvent("QueueParams");
        assertThat(names(params)).containsExactly("Event", "Queue", "Max", "Strategy", "Calls", "Holdtime",
                "TalkTime", "Completed", "Abandoned", "ServiceLevel", "ServicelevelPerf", "ServicelevelPerf2",
                "Weight", "ActionID");
        assertThat(params.get("Calls")).isEqualTo("1");
        AmiFrame member = c.nextEvent("QueueMember");
        assertThat(names(member)).containsExactly("Event", "Queue", "Name", "Location", "StateInterface",
                "Membership", "Penalty", "CallsTaken", "LastCall", "LastPause", "LoginTime", "InCall", "Status",
                "Paused", "PausedReason", "Wrapuptime", "ActionID");
        assertThat(member.get("Location")).isEqualTo("PJSIP/1001");
        assertThat(member.get("Name")).isEqualTo("Agent One");
        assertThat(member.get("Paused")).isEqualTo("1");
        assertThat(member.get("PausedReason")).isEqualTo("coffee");
        assertThat(member.get("ActionID")).isEqualTo("qs-1");
        AmiFrame entry = c.nextEvent("QueueEntry");
        assertThat(entry.get("CallerIDNum")).isEqualTo("5550001");
        assertThat(entry.get("ActionID")).isEqualTo("qs-1");
        AmiFrame complete = c.nextEvent("QueueStatusComplete");
        assertThat(complete.get("ActionID")).isEqualTo("qs-1");
        assertThat(complete.get("EventList")).isEqualTo("Complete");
        assertThat(complete.get("ListItems")).isEqualTo("3");
    }

    @Test
    void anOfferedCallRingsTheAgentAndWaitsForThePhone() throws Exception {
        InteractiveCall call = sim.offer("support", "4930123456", "Erika Muster", "PJSIP/1001",
                Map.of("INTENT", "billing"));

        AmiFrame callerChannel = c.nextEvent("Newchannel");
        assertThat(callerChannel.get("Channel")).isEqualTo(call.callerChannel()).matches("PJSIP/trunk-[0-9a-f]{8}");
        assertThat(callerChannel.get("CallerIDNum")).isEqualTo("4930123456");
        AmiFrame intent = c.nextEvent("VarSet");
        assertThat(intent.get("Variable")).isEqualTo("INTENT");
        assertThat(intent.get("Value")).isEqualTo("billing");
        assertSameHeaders(c.nextEvent("QueueCallerJoin"));
        AmiFrame agentChannel = c.nextEvent("Newchannel");
        assertThat(agentChannel.get("Channel")).isEqualTo(call.agentChannel()).matches("PJSIP/1001-[0-9a-f]{8}");
        assertThat(agentChannel.get("Linkedid")).isEqualTo(call.callId());
        AmiFrame called = c.nextEvent("AgentCalled");
        assertSameHeaders(called);
        assertThat(called.get("DestChannel")).isEqualTo(call.agentChannel());
        assertThat(c.nextEvent("DialState").get("DialStatus")).isEqualTo("RINGING");
        assertThat(c.poll(300)).as("nothing happens until the phone answers").isNull();

        AmiFrame sent = c.request("Action", "PJSIPNotify", "ActionID", "n-1", "Endpoint", "PJSIP/1001",
                "Variable", "Event=talk");
        assertThat(sent.get("Message")).isEqualTo("NOTIFY sent");
        assertThat(c.nextEvent("DialEnd").get("DialStatus")).isEqualTo("ANSWER");
        AmiFrame connect = c.nextEvent("AgentConnect");
        assertSameHeaders(connect);
        assertThat(connect.get("Interface")).isEqualTo("PJSIP/1001");
        assertThat(c.nextEvent("BridgeEnter").get("Channel")).isEqualTo(call.agentChannel());
        AmiFrame callerEnters = c.nextEvent("BridgeEnter");
        assertThat(callerEnters.get("Channel")).isEqualTo(call.callerChannel());
        assertThat(callerEnters.get("BridgeNumChannels")).isEqualTo("2");
        assertThat(call.state()).isEqualTo(InteractiveCall.State.TALKING);
    }

    @Test
    void holdAndRetrieveFromThePhoneThenBlindTransfer() throws Exception {
        InteractiveCall call = talking();

        c.request("Action", "PJSIPNotify", "Endpoint", "1001", "Variable", "Event=hold");
        AmiFrame hold = c.nextEvent("Hold");
        assertThat(hold.get("Channel")).as("the phone that holds").isEqualTo(call.agentChannel());
        assertThat(hold.get("MusicClass")).isEqualTo("default");
        assertThat(c.nextEvent("MusicOnHoldStart").get("Channel")).as("the caller hears music")
                .isEqualTo(call.callerChannel());
        c.request("Action", "PJSIPNotify", "Endpoint", "1001", "Variable", "Event=talk");
        assertThat(c.nextEvent("Unhold").get("Channel")).isEqualTo(call.agentChannel());
        assertThat(c.nextEvent("MusicOnHoldStop").get("Channel")).isEqualTo(call.callerChannel());

        AmiFrame ok = c.request("Action", "BlindTransfer", "Channel", call.agentChannel(), "Exten", "2000",
                "Context", "transfer-target");
        assertThat(ok.get("Message")).isEqualTo("Transfer succeeded");
        AmiFrame blind = c.nextEvent("BlindTransfer");
        assertThat(blind.get("Result")).isEqualTo("Success");
        assertThat(blind.get("TransfererChannel")).isEqualTo(call.agentChannel());
        assertThat(blind.get("TransfereeChannel")).isEqualTo(call.callerChannel());
        assertThat(blind.get("Extension")).isEqualTo("2000");
        assertThat(blind.get("Context")).isEqualTo("transfer-target");
        AmiFrame complete = c.nextEvent("AgentComplete");
        assertSameHeaders(complete);
        assertThat(complete.get("Reason")).isEqualTo("transfer");
        assertThat(c.nextEvent("Hangup").get("Channel")).isEqualTo(call.agentChannel());
        AmiFrame atTarget = c.nextEvent("Newexten");
        assertThat(atTarget.get("Channel")).isEqualTo(call.callerChannel());
        assertThat(atTarget.get("Context")).isEqualTo("transfer-target");
        assertThat(atTarget.get("Extension")).isEqualTo("2000");
        assertThat(atTarget.get("Priority")).isEqualTo("1");
        assertThat(c.request("Action", "BlindTransfer", "Channel", call.agentChannel(), "Exten", "2000")
                .get("Message")).isEqualTo("Channel specified does not exist");
    }

    @Test
    void attendedTransferConsultsTheTargetAndCompletesWhenTheAgentHangsUp() throws Exception {
        InteractiveCall call = talking();

        AmiFrame queued = c.request("Action", "Atxfer", "Channel", call.agentChannel(), "Exten", "2001",
                "Context", "transfer-target");
        assertThat(queued.get("Message")).isEqualTo("Atxfer successfully queued");
        assertThat(c.nextEvent("Hold").get("Channel")).isEqualTo(call.agentChannel());
        AmiFrame leaves = c.nextEvent("BridgeLeave");
        assertThat(leaves.get("Channel")).isEqualTo(call.agentChannel());
        String originalBridge = leaves.get("BridgeUniqueid");
        AmiFrame consult = c.nextEvent("Newchannel");
        assertThat(consult.get("Channel")).isEqualTo(call.consultChannel()).startsWith("Local/2001@transfer-target-");
        assertThat(consult.get("Linkedid")).isEqualTo(call.callId());
        assertThat(c.nextEvent("DialEnd").get("DialStatus")).isEqualTo("ANSWER");

        assertThat(c.request("Action", "Hangup", "Channel", call.agentChannel()).get("Message"))
                .isEqualTo("Channel Hungup");
        AmiFrame done = c.nextEvent("AttendedTransfer");
        assertThat(done.get("Result")).isEqualTo("Success");
        assertThat(done.get("OrigTransfererChannel")).isEqualTo(call.agentChannel());
        assertThat(done.get("TransfereeChannel")).isEqualTo(call.callerChannel());
        assertThat(done.get("TransferTargetChannel")).isEqualTo(consult.get("Channel"));
        assertThat(done.get("DestBridgeUniqueid")).isEqualTo(originalBridge);
        AmiFrame joined;
        do {
            joined = c.nextEvent("BridgeEnter");
        } while (!originalBridge.equals(joined.get("BridgeUniqueid")));
        assertThat(joined.get("Channel")).isEqualTo(consult.get("Channel"));
        assertThat(call.state()).isEqualTo(InteractiveCall.State.TRANSFERRED);
    }

    @Test
    void cancelledConsultationHangsUpTheTargetAndReturnsToTheCaller() throws Exception {
        InteractiveCall call = talking();
        c.request("Action", "Atxfer", "Channel", call.agentChannel(), "Exten", "2001", "Context", "transfer-target");
        String consult = c.nextEvent("Newchannel").get("Channel");

        AmiFrame cancelled = c.request("Action", "CancelAtxfer", "Channel", call.agentChannel());
        assertThat(cancelled.get("Message")).isEqualTo("CancelAtxfer successfully queued");
        assertThat(c.nextEvent("Hangup").get("Channel")).isEqualTo(consult);
        AmiFrame back;
        do {
            back = c.nextEvent("BridgeEnter");
        } while (!call.agentChannel().equals(back.get("Channel")));
        assertThat(c.nextEvent("Unhold").get("Channel")).isEqualTo(call.agentChannel());
        assertThat(call.state()).isEqualTo(InteractiveCall.State.TALKING);
    }

    @Test
    void chanSpyOriginateStartsSpyingOnTheAgentsChannel() throws Exception {
        InteractiveCall call = talking();

        AmiFrame queued = c.request("Action", "Originate", "ActionID", "spy-1", "Channel", "PJSIP/1900",
                "Application", "ChanSpy", "Data", call.agentChannel() + ",qwE", "Async", "true");
        assertThat(queued.get("Message")).isEqualTo("Originate successfully queued");
        AmiFrame response = c.nextEvent("OriginateResponse");
        assertThat(response.get("ActionID")).isEqualTo("spy-1");
        assertThat(response.get("Application")).isEqualTo("ChanSpy");
        AmiFrame spying = c.nextEvent("ChanSpyStart");
        assertThat(spying.get("SpyerChannel")).startsWith("PJSIP/1900-");
        assertThat(spying.get("SpyeeChannel")).isEqualTo(call.agentChannel());

        c.request("Action", "Hangup", "Channel", call.agentChannel());
        assertThat(c.nextEvent("ChanSpyStop").get("SpyeeChannel")).isEqualTo(call.agentChannel());
    }

    @Test
    void anActionLeftUnansweredIsStillRecorded() throws Exception {
        sim.leaveUnanswered(a -> "QueueStatus".equalsIgnoreCase(a.get("Action")));
        c.send("Action", "QueueStatus", "ActionID", "lost-1");
        assertThat(c.request("Action", "Ping", "ActionID", "p-1").get("ActionID")).isEqualTo("p-1");
        assertThat(sim.receivedActions("QueueStatus")).hasSize(1);
        sim.leaveUnanswered(null);
        assertThat(c.request("Action", "QueueStatus", "ActionID", "qs-2").get("Message"))
                .isEqualTo("Queue status will follow");
    }

    private InteractiveCall talking() throws Exception {
        c.request("Action", "QueueAdd", "Queue", "support", "Interface", "PJSIP/1001", "MemberName", "Agent One");
        InteractiveCall call = sim.offer("support", "4930123456", "Erika Muster", "PJSIP/1001", Map.of());
        assertThat(call.answer()).isTrue();
        c.nextEvent("AgentConnect");
        return call;
    }

    /** The header names (in order) of the first event of that name in the captures. */
    private static void assertSameHeaders(AmiFrame event) {
        AmiFrame captured = QUEUE_CALLS.events(event.eventName()).getFirst();
        assertThat(names(event)).as(event.eventName() + " headers").isEqualTo(names(captured));
    }

    private static List<String> names(AmiFrame f) {
        return f.headers().stream().map(Entry::getKey).toList();
    }
}
