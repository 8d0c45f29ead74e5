package io.switchboard.calls;

import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.AttendedTransferred;
import io.switchboard.events.CallEvent.LegHangup;
import io.switchboard.events.CallEvent.LegsLinked;

import java.time.Instant;
import java.util.List;

/**
 * Correlates a node's normalized events into calls and emits one {@link CallRecord} per
 * finished call. Single-threaded: owned by one ingest lane, which gives per-call ordering.
 *
 * <p>A call is the set of legs sharing a call id (Asterisk Linkedid). A leg stays with the call
 * it was first seen in even if the PBX later re-links it, and a call merged by an attended
 * transfer answers to both ids. The call ends when every leg it has seen is hung up.
 * PBX timestamps are not monotonic in stream order, so start/end use min/max and durations
 * come from the events that mean them (queue join, agent connect, bridge leave).
 *
 * <p>The index of calls, legs and merged ids is the {@link CallBook}; what each event changes in
 * its call is {@link CallEventRules}; what a live snapshot changes is {@link LiveReconciler}.
 */
public final class CallTracker {

    private final TrackerSettings settings;
    private final CallBook book;
    private final CallEventRules rules;
    private final CallRecordAssembler assembler;
    private long lateEvents;

    public CallTracker(String node, TrackerSettings settings) {
        this.settings = settings;
        this.assembler = new CallRecordAssembler(settings);
        this.book = new CallBook(node, settings.finishedMemory());
        this.rules = new CallEventRules(book);
    }

    /**
     * Applies one event.
     *
     * @return the id of the call the event was applied to, or null when it belongs to no call
     */
    public String apply(CallEvent e, List<CallRecord> completed) {
        String callId = book.route(e);
        if (callId == null) {
            return null;
        }
        if (book.isFinished(callId)) {
            lateEvents++;
            return null;
        }
        CallState c = book.open(callId);
        Instant t = e.pbxTime();
        c.lastEventAt = e.meta().receivedAt();
        if (c.startedAt == null || t.isBefore(c.startedAt)) {
            c.startedAt = t;
        }
        if (c.latestPbxTime == null || t.isAfter(c.latestPbxTime)) {
            c.latestPbxTime = t;
        }
        Leg leg = null;
        if (e.legId() != null) {
            leg = c.leg(e.legId());
            leg.seenAt = e.meta().receivedAt();
            book.bindLegIfUnbound(e.legId(), callId);
            if (c.firstLegId == null) {
                c.firstLegId = e.legId();
                leg.customer = true;
            }
        }
        c.addToTimeline(e);
        rules.apply(c, leg, e, t);
        if (e instanceof LegHangup && c.allLegsGone()) {
            completed.add(finish(callId));
        }
        return callId;
    }

    private CallRecord finish(String callId) {
        return assembler.assemble(book.finish(callId));
    }

    /** Closes calls that saw no event for {@code maxIdle}; they are written with what is known. */
    public void sweep(Instant now, List<CallRecord> completed) {
        for (String id : book.idleSince(now.minus(settings.maxIdle()))) {
            CallState c = book.get(id);
            if (c.endedAt == null) {
                c.endedAt = c.timeline.isEmpty() ? c.startedAt : c.timeline.getLast().pbxTime();
            }
            completed.add(finish(id));
        }
    }

    /**
     * The call {@code e} will be applied to (before applying it), or null for an event of no call.
     * An event bus keys events by it so that everything one call is made of stays together.
     */
    public String routeOf(CallEvent e) {
        return book.route(e);
    }

    /**
     * The other call that applying {@code e} to call {@code route} merges away (an attended
     * transfer's consultation call, or a provisional call that a leg link joins), or null.
     */
    public String absorbs(CallEvent e, String route) {
        String other = switch (e) {
            case AttendedTransferred x -> x.secondCallId();
            case LegsLinked x -> x.otherLegId() == null ? null : book.callOfLeg(x.otherLegId());
            default -> null;
        };
        return other != null && route != null && !other.equals(route) && book.isActive(other) ? other : null;
    }

    /** Drops a call without a record: its events are being replayed elsewhere (see {@link #absorbs}). */
    public void forget(String callId) {
        book.forget(callId);
    }

    public boolean isFinished(String pbxCallId) {
        return book.isFinished(pbxCallId);
    }

    /**
     * Applies a live snapshot of the node (after a reconnect or a restart): calls the PBX no longer
     * has are settled, legs it no longer has are closed, channels the tracker does not know are
     * adopted. The rules are in {@link LiveReconciler} and docs/recovery.md.
     */
    public LiveReconciler.Outcome resync(LiveSnapshot snapshot, List<CallRecord> completed) {
        return LiveReconciler.apply(this, snapshot, completed);
    }

    /**
     * A snapshot split into one part per call it concerns, before anything is applied; applying all
     * parts in order with {@link #resync(CallResync, List)} is {@link #resync(LiveSnapshot, List)}.
     */
    public List<CallResync> planResync(LiveSnapshot snapshot) {
        return ResyncPlanner.plan(book, snapshot);
    }

    /** Applies a snapshot's parts in order, as {@link #resync(LiveSnapshot, List)} does. */
    public LiveReconciler.Outcome resync(List<CallResync> parts, List<CallRecord> completed) {
        return LiveReconciler.applyAll(this, parts, completed);
    }

    /** Applies one call's share of a snapshot (on the lane, or on the owner of the call's bus partition). */
    public LiveReconciler.Outcome resync(CallResync part, List<CallRecord> completed) {
        return LiveReconciler.apply(this, part, completed);
    }

    /** The call a snapshot's part is applied to, like {@link #routeOf(CallEvent)}. */
    public String routeOf(CallResync part) {
        return book.resolve(part.callId());
    }

    /** The calls in progress and their indexes, for {@link LiveReconciler}. */
    CallBook book() {
        return book;
    }

    CallRecord finishNow(String callId) {
        return finish(callId);
    }

    public ActiveCall view(String callId) {
        CallState c = book.get(callId);
        return c == null ? null : assembler.view(c);
    }

    public boolean isActive(String pbxCallId) {
        return book.isActive(pbxCallId);
    }

    public int activeCount() {
        return book.calls().size();
    }

    public long lateEvents() {
        return lateEvents;
    }
}
