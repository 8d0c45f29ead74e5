package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * An inbound queue call that waits for the middleware: the caller (a {@code PJSIP/trunk-…} channel)
 * runs the inbound dialplan, sets its IVR variables, joins the queue and the agent's phone
 * ({@code PJSIP/1001-…}) rings — then nothing happens until the phone answers (PJSIP NOTIFY
 * {@code Event: talk}, or {@link #answer()}). Every later step is what Asterisk 22 reports for the
 * AMI action that caused it: hold and retrieve from the phone, Hangup, BlindTransfer, Atxfer and
 * CancelAtxfer, ChanSpy. Steps are serialized per call; each step's events carry one monotonic clock.
 */
public final class InteractiveCall {

    public enum State { RINGING, WAITING, TALKING, HELD, CONSULTING, TRANSFERRED, ENDED }

    static final String MOH = "default";

    final AmiSimulator sim;
    final String queue;
    final String agentInterface;
    final String device;
    final Leg caller;
    final Random rng = new Random();
    Leg agent;
    /** The agent's leg hung up (after a transfer the call goes on without it). */
    boolean agentGone;
    SimBridge bridge;
    State state;
    long joinedAt;
    long offeredAt;
    long connectedAt;
    int callerPriority;
    private long clock;
    private final QueueSide queueSide = new QueueSide(this);
    final CallSpies spies = new CallSpies(this);
    final CallTransfers transfers = new CallTransfers(this);

    InteractiveCall(AmiSimulator sim, String queue, String callerNumber, String callerName, String agentInterface,
                    Map<String, String> variables) {
        this.sim = sim;
        this.queue = queue;
        this.agentInterface = agentInterface;
        this.device = AmiSimulator.deviceOf(agentInterface);
        long now = AmiTime.nowMicros();
        String id = Ids.uniqueid(now);
        this.caller = new Leg("PJSIP/trunk-" + Ids.localSuffix(), id, id, Leg.RING, "inbound", "s");
        caller.callerId(orUnknown(callerNumber), orUnknown(callerName));
        synchronized (this) {
            CallScript s = step();
            queueSide.enter(s, variables == null ? Map.of() : variables);
            queueSide.ring(s);
            emit(s);
        }
    }

    /**
     * A caller already in the dialplan (e.g. sent on by the routing server) reaches
     * {@code Queue(queue)} at {@code context,exten,priority}; rings {@code agentInterface}, or just
     * waits in the queue when it is null.
     */
    InteractiveCall(AmiSimulator sim, String queue, String agentInterface, Leg caller, long clock, String context,
                    String exten, int priority) {
        this.sim = sim;
        this.queue = queue;
        this.agentInterface = agentInterface;
        this.device = agentInterface == null ? "" : AmiSimulator.deviceOf(agentInterface);
        this.caller = caller;
        this.clock = clock;
        synchronized (this) {
            CallScript s = step();
            queueSide.join(s, context, exten, priority);
            if (agentInterface != null) {
                queueSide.ring(s);
            } else {
                state = State.WAITING;
            }
            emit(s);
        }
    }

    /** Linkedid of the call: the call id the middleware records. */
    public String callId() {
        return caller.linkedid;
    }

    public String callerChannel() {
        return caller.name;
    }

    public String callerUniqueid() {
        return caller.uniqueid;
    }

    /** The agent's channel, or null while no phone rings (after a refused offer). */
    public synchronized String agentChannel() {
        return agent == null ? null : agent.name;
    }

    public synchronized String agentUniqueid() {
        return agent == null ? null : agent.uniqueid;
    }

    /** The consultation channel of an attended transfer in progress (Local …;1), or null. */
    public synchronized String consultChannel() {
        return transfers.consultChannel();
    }

    public synchronized State state() {
        return state;
    }

    /** The agent picks up the ringing phone (what a NOTIFY {@code Event: talk} makes the phone do). */
    public synchronized boolean answer() {
        if (state != State.RINGING) {
            return false;
        }
        long now = AmiTime.nowMicros();
        CallScript s = step();
        s.newstate(agent, Leg.UP);
        s.cel("ANSWER", agent, "", "");
        s.dialEnd(caller, agent, "ANSWER");
        s.musicOnHold(caller, false);
        String name = sim.queues().memberName(queue, agentInterface);
        s.newConnectedLine(caller, device, name);
        s.varSet(caller, "MEMBERINTERFACE", agentInterface);
        s.varSet(caller, "MEMBERNAME", name);
        s.chan("QueueCallerLeave", CallScript.AGENT, caller, b -> b.add("Queue", queue).add("Position", "1")
                .add("Count", "0"));
        sim.queues().leave(queue, caller, false);
        long hold = (now - joinedAt) / 1_000_000;
        long ring = (now - offeredAt) / 1_000_000;
        s.chanDest("AgentConnect", CallScript.AGENT, caller, agent, member().andThen(
                b -> b.add("HoldTime", Long.toString(hold)).add("RingTime", Long.toString(ring))));
        connectedAt = now;
        bridge = new SimBridge();
        s.bridgeCreate(bridge);
        s.bridgeEnter(bridge, agent, null);
        s.bridgeEnter(bridge, caller, agent);
        device(s, "INUSE", 2, true, false);
        state = State.TALKING;
        emit(s);
        return true;
    }

    /** The caller hangs up (or the test ends the call from the caller's side). */
    public boolean hangupCaller() {
        return hangup(caller.name, null);
    }

    /** The phone's own hold / retrieve: Hold is reported on the phone's channel, the caller hears music. */
    synchronized boolean hold(boolean on, Runnable accepted) {
        if (on ? state != State.TALKING : state != State.HELD) {
            return false;
        }
        accepted.run();
        CallScript s = step();
        if (on) {
            s.chan("Hold", CallScript.CALL, agent, b -> b.add("MusicClass", MOH));
            s.musicOnHold(caller, true);
            state = State.HELD;
        } else {
            s.chan("Unhold", CallScript.CALL, agent, null);
            s.musicOnHold(caller, false);
            state = State.TALKING;
        }
        emit(s);
        return true;
    }

    /** Hangup of one of this call's channels; false when the channel is not (or no longer) part of it. */
    synchronized boolean hangup(String channel, Runnable accepted) {
        if (state == State.ENDED) {
            return false;
        }
        boolean isCaller = caller.name.equals(channel);
        boolean isAgent = agent != null && !agentGone && agent.name.equals(channel);
        boolean isConsult = transfers.ownsConsult(channel);
        if (!isCaller && !isAgent && !isConsult) {
            return false;
        }
        if (accepted != null) {
            accepted.run();
        }
        CallScript s = step();
        if (isConsult && state == State.CONSULTING) {
            transfers.cancel(s); // the target hung up: the agent is back with the caller
        } else if (isConsult) {
            transfers.targetHangsUp(s);
        } else if (isAgent && state == State.CONSULTING) {
            transfers.complete(s);
        } else if (isAgent && state == State.RINGING) {
            queueSide.refused(s);
        } else if (isAgent) {
            agentHangsUp(s);
        } else {
            callerHangsUp(s);
        }
        emit(s);
        return true;
    }

    /** True when {@code channel} is one of this call's live channels. */
    synchronized boolean owns(String channel) {
        return state != State.ENDED && (caller.name.equals(channel)
                || (agent != null && !agentGone && agent.name.equals(channel)) || transfers.ownsConsult(channel));
    }

    /** A step's events start after the previous step's last one, so Timestamps never run backwards. */
    CallScript step() {
        return new CallScript(rng, Math.max(AmiTime.nowMicros(), clock + 1));
    }

    void emit(CallScript s) {
        for (TimedFrame f : s.frames()) {
            sim.emit(f.frame());
        }
        clock = s.baseMicros() + s.cursor();
    }

    private void agentHangsUp(CallScript s) {
        if (state == State.HELD) {
            s.musicOnHold(caller, false);
        }
        s.softHangupRequest(agent, 16);
        agentComplete(s, "agent");
        s.bridgeLeave(bridge, agent);
        s.bridgeLeave(bridge, caller);
        agentHangup(s);
        device(s, "NOT_INUSE", 1, false, true);
        s.bridgeDestroy(bridge);
        callerLeavesDialplan(s);
    }

    private void callerHangsUp(CallScript s) {
        s.softHangupRequest(caller, 16);
        switch (state) {
            case RINGING, WAITING -> queueSide.abandon(s);
            case TALKING, HELD -> {
                if (state == State.HELD) {
                    s.musicOnHold(caller, false);
                }
                agentComplete(s, "caller");
                s.bridgeLeave(bridge, caller);
                s.bridgeLeave(bridge, agent);
                s.hangup(caller, 16, "ANSWER");
                s.hangupRequest(agent, 16);
                agentHangup(s);
                device(s, "NOT_INUSE", 1, false, true);
                s.bridgeDestroy(bridge);
            }
            default -> transfers.callerHangsUp(s);
        }
        state = State.ENDED;
        sim.calls().ended(this);
    }

    /** Queue() returns once the agent is gone and the inbound dialplan ends the call. */
    void callerLeavesDialplan(CallScript s) {
        s.newexten(caller, caller.context, caller.exten, callerPriority, "NoOp", "Left queue " + queue + ": QUEUESTATUS=");
        s.newexten(caller, caller.context, caller.exten, callerPriority + 1, "Hangup", "");
        s.softHangupRequest(caller, 16);
        s.hangup(caller, 16, "ANSWER");
        state = State.ENDED;
        sim.calls().ended(this);
    }

    void agentComplete(CallScript s, String reason) {
        long now = AmiTime.nowMicros();
        long hold = (connectedAt - joinedAt) / 1_000_000;
        long talk = (now - connectedAt) / 1_000_000;
        s.chanDest("AgentComplete", CallScript.AGENT, caller, agent, member().andThen(b -> b.add("HoldTime",
                Long.toString(hold)).add("TalkTime", Long.toString(talk)).add("Reason", reason)));
    }

    /** The agent's phone changed device state: DeviceStateChange, then QueueMemberStatus per queue. */
    void device(CallScript s, String deviceState, int status, boolean inCall, boolean completed) {
        s.deviceState(agentInterface, deviceState);
        for (AmiFrame f : sim.queues().deviceState(agentInterface, status, inCall, completed ? queue : null)) {
            s.event(f.eventName(), CallScript.AGENT, b -> {
                for (int i = 3; i < f.size(); i++) { // past Event, Privilege, Timestamp
                    b.add(f.name(i), f.value(i));
                }
            });
        }
    }

    /** The agent's leg is gone; supervisors spying on it stop (ChanSpy option E). */
    void agentHangup(CallScript s) {
        s.hangup(agent, 16, "");
        agentGone = true;
        spies.end(s);
    }

    Consumer<AmiFrame.Builder> member() {
        String name = sim.queues().memberName(queue, agentInterface);
        return b -> b.add("Queue", queue).add("Interface", agentInterface).add("MemberName", name);
    }

    private static String orUnknown(String v) {
        return v == null || v.isBlank() ? Leg.UNKNOWN : v;
    }
}
