package io.switchboard.agents;

import io.switchboard.events.AgentState;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One agent's state, driven by PBX facts (queue membership, pause, device state, queue calls)
 * and by the agent's own actions (wrap-up done). Presence is derived, in this order: not a
 * member of any queue → LOGGED_OUT; then RINGING, ON_CALL, WRAP_UP; then PAUSED; else AVAILABLE.
 * Not thread-safe: its owner serializes access.
 */
public final class AgentStateMachine {

    /** Membership of every queue of a node at once (mod_callcenter status is per agent, not per queue). */
    static final String ALL_QUEUES = "*";
    private static final String RESTORED = "restored:" + ALL_QUEUES;

    private enum Activity { IDLE, RINGING, ON_CALL, WRAP_UP }

    private final String agentId;
    private final Set<String> queues = new HashSet<>();
    private boolean paused;
    private String reason;
    private Activity activity = Activity.IDLE;
    private String callId;
    private Instant wrapUpUntil;
    private AgentStatus status;

    public AgentStateMachine(String agentId, Instant now) {
        this.agentId = agentId;
        this.status = new AgentStatus(agentId, Presence.LOGGED_OUT, null, now, null, null, false);
    }

    /** Restores the last stored state (until the PBX resync says otherwise). */
    public static AgentStateMachine restored(String agentId, Presence presence, String reason, Instant since) {
        AgentStateMachine m = new AgentStateMachine(agentId, since);
        if (presence != Presence.LOGGED_OUT) {
            m.queues.add(RESTORED);
            m.paused = presence == Presence.PAUSED;
            m.reason = m.paused ? reason : null;
        }
        m.status = new AgentStatus(agentId, m.presence(), m.reason, since, null, null, m.paused);
        return m;
    }

    public AgentStatus status() {
        return status;
    }

    /**
     * A queue member fact. {@code queue} null: every queue. {@code state} LOGGED_OUT removes the
     * membership; any other state implies it; {@code paused}/{@code reason} when reported.
     */
    public AgentStatus member(String node, String queue, AgentState state, Boolean paused, String reason,
                              Instant at) {
        String q = node + ":" + (queue == null ? ALL_QUEUES : queue);
        queues.remove(RESTORED); // the PBX speaks: the stored state no longer counts
        if (state == AgentState.LOGGED_OUT) {
            if (queue == null) {
                queues.removeIf(k -> k.startsWith(node + ":"));
            } else {
                queues.remove(q);
            }
            if (queues.isEmpty()) {
                activity = Activity.IDLE;
                callId = null;
                this.paused = false;
                this.reason = null;
            }
        } else if (queue != null || state == null) {
            // a per-queue report, or a status (Available / On Break) for all queues
            queues.add(q);
        }
        if (paused != null) {
            this.paused = paused;
            this.reason = paused ? blankToNull(reason) : null;
        }
        if (state == AgentState.BUSY && activity == Activity.IDLE) {
            activity = Activity.ON_CALL; // on a call we did not see start (e.g. after a restart)
        } else if (state == AgentState.AVAILABLE && activity == Activity.ON_CALL && callId == null) {
            activity = Activity.IDLE;
        }
        return update(at);
    }

    /** Before a resync snapshot from one node: forget memberships there, keep calls in progress. */
    public void forgetMembership(String node) {
        queues.remove(RESTORED);
        queues.removeIf(k -> k.startsWith(node + ":"));
        paused = false;
        reason = null;
    }

    /** Re-derives presence (after a resync changed memberships). */
    public AgentStatus refresh(Instant at) {
        return update(at);
    }

    public AgentStatus offered(String call, Instant at) {
        if (activity == Activity.IDLE || activity == Activity.WRAP_UP) {
            activity = Activity.RINGING;
            callId = call;
            wrapUpUntil = null;
        }
        return update(at);
    }

    public AgentStatus ringEnded(String call, Instant at) {
        if (activity == Activity.RINGING && Objects.equals(callId, call)) {
            activity = Activity.IDLE;
            callId = null;
        }
        return update(at);
    }

    public AgentStatus connected(String call, Instant at) {
        activity = Activity.ON_CALL;
        callId = call;
        wrapUpUntil = null;
        return update(at);
    }

    /** The agent's part of a call ended; wrap-up follows when {@code wrapUp} is positive. */
    public AgentStatus completed(String call, Instant at, Duration wrapUp) {
        if (call != null && callId != null && !callId.equals(call)) {
            return status; // a late end of an earlier call
        }
        if (wrapUp.isPositive() && !queues.isEmpty()) {
            activity = Activity.WRAP_UP;
            callId = call;
            wrapUpUntil = at.plus(wrapUp);
        } else {
            activity = Activity.IDLE;
            callId = null;
        }
        return update(at);
    }

    public AgentStatus wrapUpDone(Instant at) {
        if (activity == Activity.WRAP_UP) {
            activity = Activity.IDLE;
            callId = null;
            wrapUpUntil = null;
            if (paused && WRAP_UP_REASON.equals(reason)) {
                paused = false;
                reason = null;
            }
        }
        return update(at);
    }

    /** The pause reason the service uses to keep the ACD away during wrap-up. */
    public static final String WRAP_UP_REASON = "wrap-up";

    public boolean inWrapUp() {
        return activity == Activity.WRAP_UP;
    }

    public Instant wrapUpUntil() {
        return wrapUpUntil;
    }

    private Presence presence() {
        if (queues.isEmpty()) {
            return Presence.LOGGED_OUT;
        }
        return switch (activity) {
            case RINGING -> Presence.RINGING;
            case ON_CALL -> Presence.ON_CALL;
            case WRAP_UP -> Presence.WRAP_UP;
            case IDLE -> paused ? Presence.PAUSED : Presence.AVAILABLE;
        };
    }

    private AgentStatus update(Instant at) {
        Presence p = presence();
        String shownReason = p == Presence.PAUSED ? reason : null;
        AgentStatus next = new AgentStatus(agentId, p, shownReason,
                p == status.presence() ? status.since() : at, callId, wrapUpUntil, paused);
        if (!next.equals(status)) {
            status = next;
        }
        return status;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
