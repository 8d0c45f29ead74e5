package io.switchboard.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Locale;

/**
 * Brings a node's {@link CallTracker} in line with a {@link LiveSnapshot} of the PBX. Runs on the
 * lane thread, at the snapshot's place in the event stream, so it sees exactly the events the PBX
 * had sent when it answered. The PBX does not replay what happened while the service was not
 * listening; the snapshot is the only witness of it:
 * <ul>
 *   <li>a tracked call none of whose live legs is listed (and whose call id no listed channel
 *   carries) is over: its legs are closed and it is written now, ended when the connection was
 *   lost, with the hangup cause text {@value #SETTLED};</li>
 *   <li>a listed call's leg that is not listed is closed the same way (it hung up in the gap);</li>
 *   <li>listed channels the tracker does not know began in the gap (or before a service restart):
 *   they join the call of a known channel of their group, or form a new, adopted call whose later
 *   events complete it into a normal record.</li>
 * </ul>
 * A leg with an event read after the snapshot was requested is never closed: the snapshot may be
 * older than that event (FreeSWITCH answers from its channel table, which trails its events).
 */
public final class LiveReconciler {

    /** Hangup cause text of records (and legs) ended by a snapshot rather than by their own events. */
    public static final String SETTLED = "settled by resync";

    /**
     * What one snapshot changed: calls written, calls adopted, legs closed in calls that go on, and
     * every call still in progress after it ({@code live}, adopted ones included) with its live legs.
     */
    public record Outcome(int settled, int adopted, int closedLegs, List<ResyncedCall> live) {

        static final Outcome NONE = new Outcome(0, 0, 0, List.of());
    }

    private LiveReconciler() {
    }

    /** The whole snapshot: its share for each call, applied one after the other. */
    static Outcome apply(CallTracker t, LiveSnapshot s, List<CallRecord> completed) {
        return applyAll(t, ResyncPlanner.plan(t.book(), s), completed);
    }

    static Outcome applyAll(CallTracker t, List<CallResync> parts, List<CallRecord> completed) {
        int settled = 0;
        int adopted = 0;
        int closed = 0;
        List<ResyncedCall> live = new ArrayList<>();
        for (CallResync part : parts) {
            Outcome o = apply(t, part, completed);
            settled += o.settled();
            adopted += o.adopted();
            closed += o.closedLegs();
            live.addAll(o.live());
        }
        return new Outcome(settled, adopted, closed, live);
    }

    /**
     * One call's share of a snapshot (see {@link ResyncPlanner}): the call is settled, or loses the
     * legs not listed and takes in the channels that join it; or the channels form a new call.
     */
    static Outcome apply(CallTracker t, CallResync p, List<CallRecord> completed) {
        CallBook book = t.book();
        String id = book.resolve(p.callId());
        CallState c = book.get(id);
        int closed = 0;
        if (c != null) {
            boolean goesOn = goesOn(c, p.listed(), p.listedLegs(), p.requestedAt());
            Instant end = endOf(c, p.lostAt(), p.takenAt());
            for (Leg l : c.legs.values()) {
                if (!l.hungUp && !p.listedLegs().contains(l.id) && !fresh(c, l, p.requestedAt())) {
                    close(c, l, end);
                    closed++;
                }
            }
            if (!goesOn) {
                c.settledByResync = true;
                if (c.endedAt == null || end.isAfter(c.endedAt)) {
                    c.endedAt = end;
                }
                completed.add(t.finishNow(id));
                return new Outcome(1, 0, 0, List.of());
            }
            for (LiveChannel ch : p.known()) {
                enrich(c, ch);
            }
        } else if (!p.adopts() || book.isFinished(id)) {
            return Outcome.NONE; // the call is not (or no longer) this tracker's
        }
        int adopted = 0;
        if (!p.joining().isEmpty()) {
            boolean fresh = c == null;
            c = book.open(id);
            for (LiveChannel ch : p.joining()) {
                attach(book, c, ch, p.takenAt());
            }
            if (fresh) {
                derive(c, p.joining(), p.takenAt());
                adopted = 1;
            }
        }
        if (c == null) {
            return Outcome.NONE;
        }
        if (c.allLegsGone()) { // listed by call id only, with nothing of it left up
            c.settledByResync = true;
            completed.add(t.finishNow(id));
            return new Outcome(1, adopted, closed, List.of());
        }
        Map<String, LiveChannel> listed = new HashMap<>();
        p.known().forEach(ch -> listed.put(ch.legId(), ch));
        p.joining().forEach(ch -> listed.put(ch.legId(), ch));
        return new Outcome(0, adopted, closed, List.of(ResyncedCall.of(t, c, listed, adopted == 1)));
    }

    /**
     * Whether a call survives a snapshot: it is listed (by call id or by a live leg), or it or one of
     * its live legs had an event read after the snapshot was asked for.
     */
    static boolean goesOn(CallState c, boolean listed, List<String> listedLegs, Instant requestedAt) {
        if (listed || freshCall(c, requestedAt)) {
            return true;
        }
        for (Leg l : c.legs.values()) {
            if (!l.hungUp && (listedLegs.contains(l.id) || fresh(c, l, requestedAt))) {
                return true;
            }
        }
        return false;
    }

    private static void attach(CallBook book, CallState c, LiveChannel ch, Instant takenAt) {
        Leg l = c.leg(ch.legId());
        book.bindLeg(ch.legId(), c.pbxCallId);
        l.channel = ch.channel();
        l.context = ch.context();
        l.extension = ch.extension();
        l.callerNumber = ch.callerNumber();
        l.callerName = ch.callerName();
        l.createdAt = ch.createdAt();
        l.seenAt = takenAt;
        if (ch.answered()) {
            l.answeredAt = takenAt; // the answer time is not reported; known to be answered by now
        }
        if (ch.bridgeId() != null) {
            l.bridges.add(ch.bridgeId());
        }
        if (ch.held()) {
            l.heldSince = takenAt;
        }
        Instant created = ch.createdAt() != null ? ch.createdAt() : takenAt;
        if (c.startedAt == null || created.isBefore(c.startedAt)) {
            c.startedAt = created;
        }
        if (c.latestPbxTime == null || takenAt.isAfter(c.latestPbxTime)) {
            c.latestPbxTime = takenAt;
        }
        c.lastEventAt = takenAt;
    }

    /**
     * An adopted call: the first channel (see the sort above) is the caller's; a caller in Queue /
     * callcenter gives the queue; a caller up together with another answered channel (same bridge on
     * Asterisk) is talking, and in a queue call that other channel is the agent's.
     */
    private static void derive(CallState c, List<LiveChannel> channels, Instant takenAt) {
        LiveChannel caller = channels.getFirst();
        c.firstLegId = caller.legId();
        Leg first = c.legs.get(caller.legId());
        first.customer = true;
        c.queue = queueOf(caller);
        if (c.queue != null) {
            c.queuedAt = caller.createdAt() != null ? caller.createdAt() : c.startedAt;
        }
        if (!caller.answered()) {
            return;
        }
        for (LiveChannel other : channels.subList(1, channels.size())) {
            boolean together = caller.bridgeId() != null ? caller.bridgeId().equals(other.bridgeId())
                    : other.bridgeId() == null;
            if (other.answered() && together) {
                c.connectedAt = takenAt;
                if (c.queue != null) {
                    c.legs.get(other.legId()).agent = true;
                    c.agentInterface = agentInterface(other.channel());
                    c.agentLegId = other.legId();
                }
                return;
            }
        }
    }

    static String queueOf(LiveChannel ch) {
        String app = ch.application() == null ? "" : ch.application().toLowerCase(Locale.ROOT);
        String data = ch.applicationData();
        if (data == null || data.isBlank() || !(app.equals("queue") || app.equals("callcenter"))) {
            return null;
        }
        int comma = data.indexOf(',');
        return (comma < 0 ? data : data.substring(0, comma)).strip();
    }

    /**
     * {@code PJSIP/agent1-0000002a} → {@code PJSIP/agent1}: the device, without the 8-hex-digit
     * sequence Asterisk appends (and a Local channel's {@code ;1}/{@code ;2}); other names as they are.
     */
    static String agentInterface(String channel) {
        if (channel == null) {
            return null;
        }
        String name = channel;
        int semi = name.lastIndexOf(';');
        if (semi > 0 && name.startsWith("Local/")) {
            name = name.substring(0, semi);
        }
        int dash = name.lastIndexOf('-');
        if (dash > name.indexOf('/') && name.indexOf('/') > 0 && name.substring(dash + 1).matches("[0-9a-f]{8}")) {
            return name.substring(0, dash);
        }
        return channel;
    }

    /** Fills what a known leg is missing (its creation was not seen, e.g. it began in the gap). */
    private static void enrich(CallState c, LiveChannel ch) {
        Leg l = c.legs.get(ch.legId());
        if (l == null) {
            return;
        }
        if (l.channel == null) {
            l.channel = ch.channel();
        }
        if (l.callerNumber == null) {
            l.callerNumber = ch.callerNumber();
        }
        if (l.createdAt == null && ch.createdAt() != null) {
            l.createdAt = ch.createdAt();
            if (c.startedAt == null || ch.createdAt().isBefore(c.startedAt)) {
                c.startedAt = ch.createdAt();
            }
        }
    }

    private static void close(CallState c, Leg l, Instant end) {
        if (l.heldSince != null) {
            c.holdMillis += Math.max(0, Duration.between(l.heldSince, end).toMillis());
            l.heldSince = null;
        }
        l.hungUp = true;
        l.causeText = SETTLED;
        if (c.endedAt == null || end.isAfter(c.endedAt)) {
            c.endedAt = end;
        }
        if (l.customer && (c.customerHungUpAt == null || end.isAfter(c.customerHungUpAt))) {
            c.customerHungUpAt = end;
        }
    }

    /** The connection loss, never before the call's own last event; without a loss, that event. */
    static Instant endOf(CallState c, Instant lostAt, Instant takenAt) {
        Instant last = c.latestPbxTime != null ? c.latestPbxTime : c.startedAt;
        if (lostAt == null || last == null) {
            return last != null ? last : takenAt;
        }
        return lostAt.isAfter(last) ? lostAt : last;
    }

    private static boolean fresh(CallState c, Leg l, Instant requestedAt) {
        Instant seen = l.seenAt != null ? l.seenAt : c.lastEventAt;
        return seen != null && !seen.isBefore(requestedAt);
    }

    private static boolean freshCall(CallState c, Instant requestedAt) {
        return c.lastEventAt != null && !c.lastEventAt.isBefore(requestedAt);
    }
}
