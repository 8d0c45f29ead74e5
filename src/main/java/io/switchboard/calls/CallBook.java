package io.switchboard.calls;

import io.switchboard.events.CallEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's calls in progress and how an event finds its call: by its leg (a leg stays with the
 * call it was first seen in), else by its call id, where a call merged into another answers to
 * the survivor's id. Remembers recently finished calls and legs, so late events of them are not
 * taken for new calls. Confined to the lane thread, like the {@link CallTracker} that owns it.
 */
final class CallBook {

    private final String node;
    private final Map<String, CallState> calls = new HashMap<>();
    private final Map<String, String> legToCall = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, Boolean> finished;
    private final Map<String, Boolean> finishedLegs;

    CallBook(String node, int finishedMemory) {
        this.node = node;
        this.finished = bounded(finishedMemory);
        this.finishedLegs = bounded(finishedMemory);
    }

    private static Map<String, Boolean> bounded(int memory) {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > memory;
            }
        };
    }

    /** The call {@code e} belongs to (by its leg, else its call id), or null for a node-level event. */
    String route(CallEvent e) {
        if (e.legId() != null) {
            String byLeg = legToCall.get(e.legId());
            if (byLeg != null) {
                return byLeg;
            }
        }
        return e.callId() == null ? null : resolve(e.callId());
    }

    String resolve(String callId) {
        return aliases.getOrDefault(callId, callId);
    }

    String callOfLeg(String legId) {
        return legToCall.get(legId);
    }

    void bindLeg(String legId, String callId) {
        legToCall.put(legId, callId);
    }

    /** Binds a leg to a call unless it already belongs to one (a leg stays where it was first seen). */
    void bindLegIfUnbound(String legId, String callId) {
        legToCall.putIfAbsent(legId, callId);
    }

    CallState open(String callId) {
        return calls.computeIfAbsent(callId, id -> new CallState(node, id));
    }

    CallState get(String callId) {
        return calls.get(callId);
    }

    Map<String, CallState> calls() {
        return calls;
    }

    boolean isActive(String callId) {
        return calls.containsKey(callId);
    }

    boolean isFinished(String callId) {
        return finished.containsKey(callId);
    }

    boolean isFinishedLeg(String legId) {
        return finishedLegs.containsKey(legId);
    }

    /**
     * Call {@code otherId} becomes part of {@code into}: its id is an alias of {@code into}, its
     * legs belong to {@code into}.
     *
     * @return the absorbed call's state, for its legs and timeline, or null if it was not open
     */
    CallState absorb(CallState into, String otherId) {
        CallState other = calls.remove(otherId);
        aliases.put(otherId, into.pbxCallId);
        if (other != null) {
            for (Leg l : other.legs.values()) {
                legToCall.put(l.id, into.pbxCallId);
            }
        }
        return other;
    }

    /** The call is over: it and its legs are remembered as finished, and nothing routes to it. */
    CallState finish(String callId) {
        CallState c = calls.remove(callId);
        finished.put(callId, Boolean.TRUE);
        for (String legId : c.legs.keySet()) {
            legToCall.remove(legId);
            finishedLegs.put(legId, Boolean.TRUE);
        }
        aliases.values().removeIf(callId::equals);
        return c;
    }

    /** Drops a call without remembering it as finished: its events are applied elsewhere. */
    void forget(String callId) {
        CallState c = calls.remove(callId);
        if (c != null) {
            c.legs.keySet().forEach(legToCall::remove);
        }
        aliases.values().removeIf(callId::equals);
    }

    /** Calls whose last event was read before {@code cutoff}. */
    List<String> idleSince(Instant cutoff) {
        List<String> stale = new ArrayList<>();
        calls.forEach((id, c) -> {
            if (c.lastEventAt != null && c.lastEventAt.isBefore(cutoff)) {
                stale.add(id);
            }
        });
        return stale;
    }
}
