package io.switchboard.simulator;

import io.switchboard.simulator.InteractiveCall.State;
import java.util.Map;

/**
 * The queue half of an {@link InteractiveCall}, before anyone answers: the caller runs the inbound
 * dialplan into the queue, the member's phone rings, a ring is refused, the caller gives up.
 * Runs under the call's lock.
 */
final class QueueSide {

    private final InteractiveCall c;

    QueueSide(InteractiveCall call) {
        this.c = call;
    }

    /** Answer, the IVR's variables, Queue(): QueueCallerJoin and hold music for the caller. */
    void enter(CallScript s, Map<String, String> variables) {
        Leg caller = c.caller;
        s.newchannel(caller);
        s.newexten(caller, "inbound", "s", 1, "NoOp", "Inbound call \"" + caller.cidName + "\" <" + caller.cidNum + ">");
        s.newexten(caller, "inbound", "s", 2, "Answer", "");
        s.newstate(caller, Leg.UP);
        s.cel("ANSWER", caller, "", "");
        int priority = 3;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            s.newexten(caller, "inbound", "s", priority++, "Set", v.getKey() + "=" + v.getValue());
            s.varSet(caller, v.getKey(), v.getValue());
        }
        join(s, "inbound", "s", priority);
    }

    /** Queue() at {@code context,exten,priority}: QueueCallerJoin and hold music for the caller. */
    void join(CallScript s, String context, String exten, int priority) {
        Leg caller = c.caller;
        s.newexten(caller, context, exten, priority, "Queue", c.queue + ",t,,,60");
        c.callerPriority = priority + 1;
        int position = c.sim.queues().join(c.queue, caller);
        c.joinedAt = AmiTime.nowMicros();
        s.chan("QueueCallerJoin", CallScript.AGENT, caller, b -> b.add("Queue", c.queue)
                .add("Position", Integer.toString(position)).add("Count", Integer.toString(position)));
        s.musicOnHold(caller, true);
    }

    /** The queue dials the member's phone: a PJSIP channel with the caller's Linkedid rings. */
    void ring(CallScript s) {
        c.offeredAt = AmiTime.nowMicros();
        // a Local member (Local/agent1@agents/n) rings its phone through the dialplan: PJSIP/agent1
        String phone = c.agentInterface.regionMatches(true, 0, "Local/", 0, 6) ? "PJSIP/" + c.device : c.agentInterface;
        Leg agent = new Leg(phone + "-" + Ids.localSuffix(), Ids.uniqueid(c.offeredAt), c.caller.linkedid,
                Leg.DOWN, "from-internal", "s");
        c.agent = agent;
        s.newchannel(agent);
        s.newCallerid(agent, c.caller.cidNum, c.caller.cidName);
        s.newConnectedLine(agent, c.caller.cidNum, c.caller.cidName);
        s.chanDest("AgentCalled", CallScript.AGENT, c.caller, agent, c.member());
        s.dialBegin(c.caller, agent, c.device);
        s.newstate(agent, Leg.RINGING);
        c.device(s, "RINGING", 6, false, false);
        s.dialState(c.caller, agent, "RINGING");
        c.state = State.RINGING;
    }

    /** The phone was hung up while ringing: app_queue counts a ring-no-answer and the caller keeps waiting. */
    void refused(CallScript s) {
        long ringMillis = (AmiTime.nowMicros() - c.offeredAt) / 1_000;
        s.softHangupRequest(c.agent, 16);
        s.chanDest("AgentRingNoAnswer", CallScript.AGENT, c.caller, c.agent, c.member().andThen(
                b -> b.add("RingTime", Long.toString(ringMillis))));
        s.dialEnd(c.caller, c.agent, "NOANSWER");
        c.agentHangup(s);
        c.device(s, "NOT_INUSE", 1, false, false);
        c.agent = null;
        c.agentGone = false;
        c.state = State.WAITING;
    }

    /** The caller hung up before an agent answered. */
    void abandon(CallScript s) {
        long waited = (AmiTime.nowMicros() - c.joinedAt) / 1_000_000;
        s.chan("QueueCallerAbandon", CallScript.AGENT, c.caller, b -> b.add("Queue", c.queue).add("Position", "1")
                .add("OriginalPosition", "1").add("HoldTime", Long.toString(waited)));
        c.sim.queues().leave(c.queue, c.caller, true);
        if (c.agent != null) {
            s.dialEnd(c.caller, c.agent, "CANCEL");
            c.agentHangup(s);
            c.device(s, "NOT_INUSE", 1, false, false);
        }
        s.musicOnHold(c.caller, false);
        s.hangup(c.caller, 16, "");
    }
}
