package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.ScenarioSpec.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Writes one inbound queue call the way Asterisk 22 reports it for the captured dialplan:
 * Local/s@inbound ;1/;2 caller legs, queue members Local/agentN@agents/n whose dialled legs are
 * Local pairs too, all sharing the caller's Linkedid.
 */
final class QueueCall {

    static final long RETRY_MICROS = 2_000_000; // queues.conf retry = 2

    final ScenarioSpec spec;
    final CallScript s;
    final Random rng;
    final Leg c1;
    final Leg c2;
    final String queue;
    private final OriginateRequest originate;
    private final List<String> ringNoAnswerInterfaces = new ArrayList<>();
    final List<TruthTransfer> transfers = new ArrayList<>();
    Leg a1;
    Leg a2;
    SimBridge bridge;
    int agent;
    int queuePriority;
    long joinAt;
    long connectAt = -1;
    long holdMicros;

    QueueCall(ScenarioSpec spec, CallScript script, OriginateRequest originate) {
        this.spec = spec;
        this.s = script;
        this.rng = script.rng();
        this.queue = spec.queue();
        this.originate = originate;
        String context = "inbound";
        Leg[] pair = Leg.localPair("Local/s@" + context, Ids.localSuffix(), null, script.baseMicros(), context, "s");
        this.c1 = pair[0];
        this.c2 = pair[1];
    }

    GeneratedCall build() {
        callerSetup();
        joinQueue();
        long wait = spec.waitMillis() * 1_000;
        long ring = spec.ringMillis() * 1_000;
        List<String> rna = spec.ringNoAnswerAgents();
        for (int i = 0; i < rna.size(); i++) {
            int n = ScenarioSpec.agentNumber(rna.get(i));
            long start = joinAt + 2_000 + i * (ring + RETRY_MICROS);
            Leg[] legs = ring(n, start, false);
            ringNoAnswer(n, legs, start + ring);
        }
        long end = switch (spec.outcome()) {
            case ANSWER -> answered(joinAt + wait, Math.min(ring, wait - rna.size() * (ring + RETRY_MICROS)));
            case CALLER_ABANDON -> new UnansweredEnding(this).abandon(joinAt + wait);
            case QUEUE_TIMEOUT -> new UnansweredEnding(this).timeout(joinAt + wait);
        };
        return new GeneratedCall(c1.linkedid, s.frames(), truth(end));
    }

    private CallTruth truth(long callerEnd) {
        boolean answered = spec.outcome() == Outcome.ANSWER;
        long leftQueue = answered ? connectAt : joinAt + spec.waitMillis() * 1_000;
        String disposition = switch (spec.outcome()) {
            case ANSWER -> "ANSWERED";
            case CALLER_ABANDON -> "ABANDONED";
            case QUEUE_TIMEOUT -> "TIMEOUT";
        };
        long talk = answered ? Math.round((callerEnd - connectAt - holdMicros) / 1_000.0) : 0;
        return new CallTruth(c1.linkedid, spec.callerNum(), spec.callerName(), queue, disposition,
                answered ? ScenarioSpec.agentInterface(agent) : null, answered ? ScenarioSpec.agentName(agent) : null,
                Math.round((leftQueue - joinAt) / 1_000.0), talk, Math.round(holdMicros / 1_000.0), transfers,
                ringNoAnswerInterfaces, spec.ivrVars());
    }

    private void callerSetup() {
        String num = spec.callerNum();
        String name = spec.callerName();
        s.newchannel(c1);
        s.newchannel(c2);
        s.newexten(c1, "inbound", "s", 1, "AppDial2", "(Outgoing Line)");
        originateVariables(c1);
        s.newCallerid(c1, num, name);
        s.newConnectedLine(c1, num, name);
        originateVariables(c2);
        c2.connected(num, name);
        s.newCallerid(c2, num, name);
        s.newConnectedLine(c2, num, name);
        s.localBridge(c1, c2, true);
        s.dialBegin(null, c1, "s@inbound");
        s.newexten(c2, "inbound", "s", 1, "NoOp", "Inbound call \"" + name + "\" <" + num + "> tag=");
        s.newexten(c2, "inbound", "s", 2, "Answer", "");
        s.newstate(c2, Leg.UP);
        s.cel("ANSWER", c2, "", "");
        s.newstate(c1, Leg.UP);
        s.cel("ANSWER", c1, "", "");
        if (originate != null) {
            originate.response(s, c1);
        }
        s.dialEnd(null, c1, "ANSWER");
        s.deviceState("Local/s@inbound", "INUSE");
        s.at(500_000 + rng.nextInt(2_000));
        s.newexten(c2, "inbound", "s", 3, "Set", "CDR(userfield)=");
        s.newexten(c2, "inbound", "s", 4, "Playback", "silence/1");
        s.cel("STREAM_BEGIN", c2, "", "{\"sound\":\"silence/1\",\"format\":\"slin\",\"language\":\"en\"}");
        s.at(1_500_000 + rng.nextInt(2_000));
        s.cel("STREAM_END", c2, "", "");
        s.varSet(c2, "PLAYBACKSTATUS", "SUCCESS");
        int priority = 5;
        for (Map.Entry<String, String> v : spec.ivrVars().entrySet()) {
            s.at(s.cursor() + 600_000 + rng.nextInt(400_000)); // caller answers an IVR prompt
            s.newexten(c2, "inbound", "s", priority++, "Set", v.getKey() + "=" + v.getValue());
            s.varSet(c2, v.getKey(), v.getValue());
        }
        String qwait = Long.toString(spec.outcome() == Outcome.QUEUE_TIMEOUT ? spec.waitMillis() / 1_000 : 60);
        s.newexten(c2, "inbound", "s", priority++, "Set", "QWAIT=" + qwait);
        s.varSet(c2, "QWAIT", qwait);
        queuePriority = priority;
        s.newexten(c2, "inbound", "s", priority, "Queue", queue + ",t,,," + qwait);
        s.cel("APP_START", c2, "", "");
        for (String v : List.of("ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "QUEUEWAIT",
                "QUEUEWAIT_MS")) {
            s.varSet(c2, v, "");
        }
    }

    private void originateVariables(Leg leg) {
        if (originate != null) {
            originate.variables().forEach((k, v) -> s.varSet(leg, k, v));
        }
    }

    private void joinQueue() {
        s.deviceState("Queue:" + queue, "RINGING");
        joinAt = s.chan("QueueCallerJoin", CallScript.AGENT, c2,
                b -> b.add("Queue", queue).add("Position", "1").add("Count", "1"));
        s.cel("STREAM_BEGIN", c2, "", "{\"class\":\"default\"}");
        s.musicOnHold(c2, true);
    }

    /** Offers the call to agent {@code n}: the member's Local pair rings. */
    private Leg[] ring(int n, long at, boolean willAnswer) {
        s.at(at);
        String num = spec.callerNum();
        String name = spec.callerName();
        String agentExten = "agent" + n;
        Leg[] a = Leg.localPair("Local/" + agentExten + "@agents", Ids.localSuffix(), c1.linkedid, s.baseMicros(),
                "agents", agentExten);
        s.newchannel(a[0]);
        s.newchannel(a[1]);
        s.newexten(a[0], "agents", agentExten, 1, "AppQueue", "(Outgoing Line)");
        s.newCallerid(a[0], num, name);
        s.varSet(a[0], "DIALEDPEERNUMBER", agentExten + "@agents/n");
        s.varSet(a[1], "DIALEDPEERNUMBER", agentExten + "@agents/n");
        a[1].connected(num, name);
        s.newCallerid(a[1], num, name);
        s.newConnectedLine(a[1], num, name);
        s.localBridge(a[0], a[1], false);
        s.chanDest("AgentCalled", CallScript.AGENT, c2, a[0], member(n));
        s.dialBegin(c2, a[0], ScenarioSpec.agentInterface(n));
        s.newexten(a[1], "agents", agentExten, 1, "Goto", "sim,1");
        s.newexten(a[1], "agents", "sim", 1, "NoOp", a[1].name + " offered call from \"" + name + "\" <" + num + ">");
        s.newexten(a[1], "agents", "sim", 2, "Ringing", "");
        a[0].dialplan("agents", "s", 1);
        a[0].connected(num, name);
        s.newstate(a[0], Leg.RINGING);
        s.newexten(a[1], "agents", "sim", 3, "GotoIf", (willAnswer ? "0" : "1") + "?noanswer");
        if (willAnswer) {
            s.newexten(a[1], "agents", "sim", 4, "Wait", "1");
        } else {
            s.newexten(a[1], "agents", "sim", 8, "Wait", "120");
        }
        s.deviceState("Local/" + agentExten + "@agents", "RINGING");
        s.memberStatus(queue, n, 6, 0);
        s.dialState(c2, a[0], "RINGING");
        return a;
    }

    private void ringNoAnswer(int n, Leg[] a, long at) {
        s.pin(at);
        s.chanDest("AgentRingNoAnswer", CallScript.AGENT, c2, a[0], member(n).andThen(
                b -> b.add("RingTime", Long.toString(spec.ringMillis()))));
        s.dialEnd(c2, a[0], "NOANSWER");
        s.hangup(a[0], 19, "");
        s.hangupRequest(a[1], 19);
        s.hangup(a[1], 19, "");
        s.deviceState("Local/agent" + n + "@agents", "NOT_INUSE");
        s.memberStatus(queue, n, 1, 0);
        ringNoAnswerInterfaces.add(ScenarioSpec.agentInterface(n));
    }

    /** Agent rings for {@code ringMicros} and the caller is connected at {@code at}; returns when the caller's talk ends. */
    private long answered(long at, long ringMicros) {
        agent = spec.answeringAgent();
        Leg[] a = ring(agent, at - Math.max(ringMicros, 0), true);
        a1 = a[0];
        a2 = a[1];
        s.at(at - 3_000);
        s.cel("ANSWER", a2, "", "");
        s.cel("ANSWER", a1, "", "");
        s.newexten(a2, "agents", "sim", 5, "Answer", "");
        s.newstate(a1, Leg.UP);
        s.newstate(a2, Leg.UP);
        s.dialEnd(c2, a1, "ANSWER");
        s.musicOnHold(c2, false);
        long waitSeconds = spec.waitMillis() / 1_000;
        for (Leg leg : new Leg[] {c2, a1}) {
            s.varSet(leg, "MEMBERINTERFACE", ScenarioSpec.agentInterface(agent));
            s.varSet(leg, "MEMBERNAME", ScenarioSpec.agentName(agent));
            s.varSet(leg, "QEHOLDTIME", Long.toString(waitSeconds));
            s.varSet(leg, "QEORIGINALPOS", "1");
        }
        s.queueStats(queue, c2, false);
        s.chan("QueueCallerLeave", CallScript.AGENT, c2, b -> b.add("Queue", queue).add("Position", "1").add("Count", "0"));
        s.varSet(c2, "QUEUEPOSITION", "1");
        s.varSet(c2, "QUEUEWAIT", Long.toString(waitSeconds));
        s.varSet(c2, "QUEUEWAIT_MS", Long.toString(spec.waitMillis()));
        s.pin(at);
        connectAt = s.chanDest("AgentConnect", CallScript.AGENT, c2, a1, member(agent).andThen(
                b -> b.add("HoldTime", Long.toString(waitSeconds)).add("RingTime", Long.toString(ringMicros / 1_000_000))));
        s.cel("STREAM_END", c2, "", "");
        bridge = new SimBridge();
        s.bridgeCreate(bridge);
        s.bridgeEnter(bridge, a1, null);
        s.bridgeEnter(bridge, c2, a1);
        s.memberStatus(queue, agent, 2, 1);
        s.at(connectAt + Math.min(500_000, spec.talkMillis() * 250)); // before the hold, even on short talks
        s.newexten(a2, "agents", "sim", 6, "Wait", Long.toString((spec.talkMillis() + spec.holdMillis()) / 1_000));
        if (spec.holdMillis() > 0) {
            hold(connectAt + spec.talkMillis() * 500, spec.holdMillis() * 1_000);
        }
        long end = connectAt + (spec.talkMillis() + spec.holdMillis()) * 1_000;
        if (spec.transfer() != null) {
            return new TransferScript(this).run(spec.transfer(), end);
        }
        return agentHangsUp(end);
    }

    /** The caller is put on hold for {@code micros}; counts into the truth's hold time. */
    void hold(long at, long micros) {
        s.pin(at);
        long start = s.chan("Hold", CallScript.CALL, c2, b -> b.add("MusicClass", "default"));
        s.musicOnHold(c2, true);
        s.pin(start + micros);
        s.chan("Unhold", CallScript.CALL, c2, null);
        s.musicOnHold(c2, false);
        holdMicros += micros;
    }

    private long agentHangsUp(long at) {
        s.pin(at);
        s.newexten(a2, "agents", "sim", 7, "Hangup", "16");
        s.softHangupRequest(a2, 16);
        s.hangupRequest(a1, 16);
        agentComplete("agent", at);
        s.bridgeLeave(bridge, a1);
        s.bridgeLeave(bridge, c2);
        s.hangup(a2, 16, "");
        s.queueStats(queue, c2, true);
        s.softHangupRequest(c2, 16);
        s.bridgeDestroy(bridge);
        s.hangup(a1, 16, "");
        s.cdr(a2, "sim", "agents", "", "Hangup", "16", "");
        s.hangupRequest(c1, 16);
        s.hangup(c1, 16, "");
        callerCdrs(a1.name);
        s.hangup(c2, 16, "ANSWER");
        s.cel("LINKEDID_END", c2, "", "");
        agentIdle();
        return at;
    }

    void agentComplete(String reason, long at) {
        long talkSeconds = (at - connectAt) / 1_000_000;
        s.chanDest("AgentComplete", CallScript.AGENT, c2, a1, member(agent).andThen(
                b -> b.add("HoldTime", Long.toString(spec.waitMillis() / 1_000))
                        .add("TalkTime", Long.toString(talkSeconds)).add("Reason", reason)));
    }

    void agentIdle() {
        s.deviceState("Local/agent" + agent + "@agents", "NOT_INUSE");
        s.memberStatus(queue, agent, 1, 0);
    }

    void callerCdrs(String destinationChannel) {
        s.cdr(c1, "s", "inbound", "", "Wait", "120", "");
        s.cdr(c2, "s", "inbound", destinationChannel, "Queue", queue + ",t,,,60", "");
    }


    private Consumer<AmiFrame.Builder> member(int n) {
        return b -> b.add("Queue", queue).add("Interface", ScenarioSpec.agentInterface(n))
                .add("MemberName", ScenarioSpec.agentName(n));
    }
}
