package io.switchboard.calls;

import io.switchboard.calls.CallRecord.AgentAttempt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns a finished {@link CallState} into its {@link CallRecord}; the rules are in docs/events.md. */
final class CallRecordAssembler {

    private static final Set<String> QUEUE_FAILURES =
            Set.of("FULL", "JOINEMPTY", "LEAVEEMPTY", "JOINUNAVAIL", "LEAVEUNAVAIL");

    private final TrackerSettings settings;

    CallRecordAssembler(TrackerSettings settings) {
        this.settings = settings;
    }

    CallRecord assemble(CallState c) {
        Instant ended = c.endedAt != null ? c.endedAt : c.startedAt;
        Instant answered = c.answeredAt != null ? c.answeredAt : c.connectedAt;
        Instant talkEnd = talkEnd(c, answered, ended);
        for (Leg l : c.legs.values()) {
            if (l.heldSince != null) { // still on hold when the call ended
                c.holdMillis += millis(l.heldSince, talkEnd);
                l.heldSince = null;
            }
        }
        long talk = answered == null ? 0 : Math.max(0, millis(answered, talkEnd) - c.holdMillis);
        Leg first = c.firstLeg();
        List<AgentAttempt> attempts = new ArrayList<>(c.attempts.size());
        for (CallState.MutableAttempt a : c.attempts) {
            attempts.add(a.freeze(ended));
        }
        return new CallRecord(
                c.node + ":" + c.pbxCallId, c.node, settings.pbxType(), c.pbxCallId,
                direction(c, first),
                callerNumber(c, first), callerName(c, first), dialedNumber(c, first),
                c.queue, c.agentName, c.agentInterface,
                c.startedAt, c.queuedAt, answered, ended,
                waitMillis(c, answered, ended), talk, c.holdMillis,
                disposition(c, answered, first),
                first != null ? first.cause : null,
                c.settledByResync ? LiveReconciler.SETTLED : first != null ? first.causeText : null,
                c.routingStatus, c.transfers, attempts, c.ivr, c.timeline);
    }

    ActiveCall view(CallState c) {
        Instant answered = c.answeredAt != null ? c.answeredAt : c.connectedAt;
        String state;
        if (answered != null) {
            state = c.legs.values().stream().anyMatch(l -> l.heldSince != null) ? "ON_HOLD" : "CONNECTED";
        } else if (c.queuedAt != null && c.queueLeftAt == null) {
            state = "QUEUED";
        } else {
            state = "IN_PROGRESS";
        }
        Leg first = c.firstLeg();
        return new ActiveCall(c.node + ":" + c.pbxCallId, c.node, c.pbxCallId, state,
                callerNumber(c, first), callerName(c, first), c.queue, c.agentName, c.agentInterface,
                c.startedAt, c.queuedAt, answered, c.liveLegs());
    }

    /**
     * The caller's conversation ends when it leaves its last bridge. After a transfer the caller
     * is with the transfer target (which may be an application, not a bridge) until it hangs up.
     */
    private static Instant talkEnd(CallState c, Instant answered, Instant ended) {
        Instant end = c.talkEndedAt != null && answered != null && c.talkEndedAt.isAfter(answered)
                ? c.talkEndedAt : ended;
        if (!c.transfers.isEmpty() && c.customerHungUpAt != null && c.customerHungUpAt.isAfter(end)) {
            end = c.customerHungUpAt;
        }
        return end;
    }

    private Direction direction(CallState c, Leg first) {
        String ctx = first != null ? first.context : null;
        if (c.queue != null || (ctx != null && settings.inboundContexts().contains(ctx))) {
            return Direction.INBOUND;
        }
        if (ctx != null && settings.outboundContexts().contains(ctx)) {
            return Direction.OUTBOUND;
        }
        return Direction.INTERNAL;
    }

    private static long waitMillis(CallState c, Instant answered, Instant ended) {
        if (c.queuedAt != null) {
            Instant end = firstNonNull(c.answeredAt, c.abandonedAt, c.queueLeftAt, ended);
            return millis(c.queuedAt, end);
        }
        return c.startedAt == null ? 0 : millis(c.startedAt, answered != null ? answered : ended);
    }

    static Disposition disposition(CallState c, Instant answered, Leg first) {
        if (answered != null) {
            return Disposition.ANSWERED;
        }
        if (c.queue != null) {
            if ("TIMEOUT".equals(c.queueStatus)) {
                return Disposition.TIMEOUT;
            }
            if (c.queueStatus != null && QUEUE_FAILURES.contains(c.queueStatus)) {
                return Disposition.FAILED;
            }
            // Asterisk reports a queue timeout as an abandon too: if no caller leg had hung up
            // when the queue let go of the call, the queue gave up, not the caller.
            if (c.abandonedAt != null && !c.abandonedAfterHangup) {
                return Disposition.TIMEOUT;
            }
            return Disposition.ABANDONED;
        }
        if (c.lastDialStatus != null) {
            switch (c.lastDialStatus) {
                case "NOANSWER":
                    return Disposition.NO_ANSWER;
                case "BUSY":
                    return Disposition.BUSY;
                case "CANCEL":
                    return Disposition.ABANDONED;
                case "ANSWER":
                    break;
                default:
                    return Disposition.FAILED;
            }
        }
        boolean systemAnswered = c.legs.values().stream().anyMatch(l -> l.customer && l.answeredAt != null);
        if (systemAnswered) {
            return Disposition.ANSWERED; // handled by the dialplan (IVR, announcement)
        }
        Integer cause = first != null ? first.cause : null;
        if (cause != null && cause == 17) {
            return Disposition.BUSY;
        }
        if (cause != null && (cause == 18 || cause == 19 || cause == 21)) {
            return Disposition.NO_ANSWER;
        }
        return Disposition.FAILED;
    }

    private static String callerNumber(CallState c, Leg first) {
        if (first != null && first.callerNumber != null) {
            return first.callerNumber;
        }
        return c.legs.values().stream().filter(l -> l.customer && l.callerNumber != null)
                .map(l -> l.callerNumber).findFirst().orElse(null);
    }

    private static String callerName(CallState c, Leg first) {
        if (first != null && first.callerName != null) {
            return first.callerName;
        }
        return c.legs.values().stream().filter(l -> l.customer && l.callerName != null)
                .map(l -> l.callerName).findFirst().orElse(null);
    }

    /** The first real extension the caller dialed ("s" is Asterisk's start extension, not a number). */
    private static String dialedNumber(CallState c, Leg first) {
        if (first == null) {
            return null;
        }
        if (first.extension != null && !"s".equals(first.extension)) {
            return first.extension;
        }
        Leg peer = first.peerLegId == null ? null : c.legs.get(first.peerLegId);
        return peer != null && peer.extension != null && !"s".equals(peer.extension) ? peer.extension : null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static long millis(Instant from, Instant to) {
        if (from == null || to == null) {
            return 0;
        }
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
