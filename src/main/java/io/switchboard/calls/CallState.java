package io.switchboard.calls;

import io.switchboard.calls.CallRecord.AgentAttempt;
import io.switchboard.calls.CallRecord.Transfer;
import io.switchboard.events.CallEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything known about one call in progress. Confined to the ingest lane thread. */
final class CallState {

    /** Timeline entries kept per call; a runaway call cannot grow without bound. */
    static final int MAX_TIMELINE = 2_000;

    final String node;
    final String pbxCallId;
    final Map<String, Leg> legs = new LinkedHashMap<>();
    String firstLegId;
    Instant startedAt;
    Instant lastEventAt;
    /** The latest PBX time of any event of the call (PBX timestamps are not monotonic). */
    Instant latestPbxTime;
    Instant endedAt;
    /** Ended by a live snapshot that no longer listed it, not by its own hangup events. */
    boolean settledByResync;

    String queue;
    Instant queuedAt;
    Instant queueLeftAt;
    Instant abandonedAt;
    boolean abandonedAfterHangup;
    String queueStatus;

    String agentInterface;
    String agentName;
    String agentLegId;
    Instant answeredAt;
    Instant connectedAt;
    Instant talkEndedAt;
    Instant customerHungUpAt;
    long holdMillis;
    String lastDialStatus;
    String routingStatus;

    final List<MutableAttempt> attempts = new ArrayList<>(2);
    final List<Transfer> transfers = new ArrayList<>(1);
    final Map<String, String> ivr = new LinkedHashMap<>();
    final List<CallEvent> timeline = new ArrayList<>(48);
    int droppedTimelineEntries;

    CallState(String node, String pbxCallId) {
        this.node = node;
        this.pbxCallId = pbxCallId;
    }

    Leg leg(String legId) {
        return legs.computeIfAbsent(legId, Leg::new);
    }

    Leg firstLeg() {
        return firstLegId == null ? null : legs.get(firstLegId);
    }

    boolean allLegsGone() {
        if (legs.isEmpty()) {
            return false;
        }
        for (Leg l : legs.values()) {
            if (!l.hungUp) {
                return false;
            }
        }
        return true;
    }

    int liveLegs() {
        int n = 0;
        for (Leg l : legs.values()) {
            if (!l.hungUp) {
                n++;
            }
        }
        return n;
    }

    void addToTimeline(CallEvent e) {
        if (timeline.size() < MAX_TIMELINE) {
            timeline.add(e);
        } else {
            droppedTimelineEntries++;
        }
    }

    MutableAttempt openAttempt(String agentInterface) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            MutableAttempt a = attempts.get(i);
            if (a.outcome == null && a.agentInterface != null && a.agentInterface.equals(agentInterface)) {
                return a;
            }
        }
        return null;
    }

    /** An agent attempt while it is still open. */
    static final class MutableAttempt {
        final String agentInterface;
        final String agentName;
        final Instant offeredAt;
        AgentAttempt.Outcome outcome;
        long ringMillis;

        MutableAttempt(String agentInterface, String agentName, Instant offeredAt) {
            this.agentInterface = agentInterface;
            this.agentName = agentName;
            this.offeredAt = offeredAt;
        }

        AgentAttempt freeze(Instant end) {
            AgentAttempt.Outcome o = outcome == null ? AgentAttempt.Outcome.CANCELLED : outcome;
            long ring = outcome == null ? Math.max(0, Duration.between(offeredAt, end).toMillis()) : ringMillis;
            return new AgentAttempt(agentInterface, agentName, offeredAt, o, ring);
        }
    }
}
