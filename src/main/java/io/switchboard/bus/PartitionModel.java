package io.switchboard.bus;

import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallResync;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The call models (one tracker per node) of one partition of the event topic. Its state is a
 * function of the partition's records alone, so any instance that owns the partition builds
 * the same calls and records from them.
 *
 * <p>{@link #safeOffset} is where a new owner must start to rebuild every call in progress: the
 * offset of the oldest call still open, else the next offset. Calls finished in between are
 * replayed too; their records are written again, which the idempotent insert ignores. In the
 * stretch a previous owner may already have applied ({@code replayEnd}), an event of a call this
 * model does not know, unless it is the call's first ({@link BusMessage#opens}), belongs to a call
 * that started before the committed offset and was finished and stored: it is skipped, so no
 * partial call is built. Events around a merge name the call they belong with
 * ({@link BusMessage#needs}) and are kept exactly when the model knows that call.
 *
 * <p>A call's share of a live snapshot (a {@code Resync} message, sent where the collector's lane
 * applied the snapshot) is applied to that call by the same rules the lane's tracker used; one that
 * adopts a call opens it, so the call's first offset is the message's.
 */
final class PartitionModel {

    /** Sees each applied event, as a lane's listeners do. */
    @FunctionalInterface
    interface Applied {
        void event(CallEvent e, String callId, ActiveCall view);
    }

    private final Function<String, TrackerSettings> settings;
    private final long replayEnd;
    private final Map<String, CallTracker> trackers = new ConcurrentHashMap<>();
    private final Map<String, Long> firstOffsets = new HashMap<>();
    private final Map<String, ActiveCall> views = new ConcurrentHashMap<>();
    private long next = -1;
    private Instant clock = Instant.EPOCH;
    private long skipped;

    /**
     * @param settings  tracker settings by PBX type
     * @param replayEnd offsets below this may have been applied by a previous owner (0: none)
     */
    PartitionModel(Function<String, TrackerSettings> settings, long replayEnd) {
        this.settings = settings;
        this.replayEnd = replayEnd;
    }

    void apply(BusMessage m, long offset, List<CallRecord> done, Applied applied) {
        next = offset + 1;
        CallTracker tracker = trackers.computeIfAbsent(m.node(),
                n -> new CallTracker(n, settings.apply(m.pbxType())));
        if (m.forget() != null) {
            tracker.forget(m.forget());
            firstOffsets.remove(BusMessage.key(m.node(), m.forget()));
            views.remove(BusMessage.key(m.node(), m.forget()));
            return;
        }
        if (m.resync() != null) {
            resync(tracker, m, offset, done);
            return;
        }
        CallEvent e = m.event();
        String route = tracker.routeOf(e);
        if (storedBefore(tracker, m, route, offset)) {
            skipped++;
            return;
        }
        String absorbed = tracker.absorbs(e, route);
        Long absorbedFirst = absorbed == null ? null : firstOffsets.get(BusMessage.key(m.node(), absorbed));
        if (e.meta().receivedAt().isAfter(clock)) {
            clock = e.meta().receivedAt();
        }
        int before = done.size();
        String callId = tracker.apply(e, done);
        ActiveCall view = null;
        if (callId != null) {
            firstOffsets.putIfAbsent(BusMessage.key(m.node(), callId), offset);
            if (absorbedFirst != null) { // the merged call's events are now this call's
                firstOffsets.merge(BusMessage.key(m.node(), callId), absorbedFirst, Math::min);
            }
            if (done.size() == before) {
                view = tracker.view(callId);
                if (view != null) {
                    views.put(view.id(), view);
                }
            }
        }
        for (int i = before; i < done.size(); i++) {
            finished(done.get(i));
        }
        applied.event(e, callId, view);
    }

    /**
     * A replayed message of a call this model does not know, which neither opens the call nor names
     * one it knows: the call began before the committed offset and was stored.
     */
    private boolean storedBefore(CallTracker tracker, BusMessage m, String route, long offset) {
        return route != null && offset < replayEnd && !tracker.isActive(route) && !tracker.isFinished(route)
                && !(m.needs() != null ? tracker.isActive(m.needs()) : m.opens());
    }

    /** A call's share of a live snapshot: an adopted call opens at this offset, a settled one is done. */
    private void resync(CallTracker tracker, BusMessage m, long offset, List<CallRecord> done) {
        CallResync p = m.resync();
        String route = tracker.routeOf(p);
        if (storedBefore(tracker, m, route, offset)) {
            skipped++;
            return;
        }
        if (p.takenAt().isAfter(clock)) {
            clock = p.takenAt();
        }
        int before = done.size();
        tracker.resync(p, done);
        if (tracker.isActive(route)) {
            firstOffsets.putIfAbsent(BusMessage.key(m.node(), route), offset);
            ActiveCall view = tracker.view(route);
            if (view != null) {
                views.put(view.id(), view);
            }
        }
        for (int i = before; i < done.size(); i++) {
            finished(done.get(i));
        }
    }

    private void finished(CallRecord r) {
        firstOffsets.remove(r.id());
        views.remove(r.id());
    }

    /** Closes calls idle for the trackers' max-idle, by the time of the partition's latest event. */
    void sweep(List<CallRecord> done) {
        int before = done.size();
        trackers.values().forEach(t -> t.sweep(clock, done));
        for (int i = before; i < done.size(); i++) {
            finished(done.get(i));
        }
        prune();
    }

    /** The offset to commit: the first record of the oldest open call, else the next; -1 before any. */
    long safeOffset() {
        if (next < 0) {
            return -1;
        }
        prune();
        long safe = next;
        for (long first : firstOffsets.values()) {
            safe = Math.min(safe, first);
        }
        return safe;
    }

    /** Calls merged into another one keep no offset and no view of their own. */
    private void prune() {
        Iterator<Map.Entry<String, Long>> it = firstOffsets.entrySet().iterator();
        while (it.hasNext()) {
            String key = it.next().getKey();
            int colon = key.indexOf(':');
            CallTracker t = trackers.get(key.substring(0, colon));
            if (t == null || !t.isActive(key.substring(colon + 1))) {
                it.remove();
                views.remove(key);
            }
        }
    }

    Collection<ActiveCall> activeCalls() {
        return views.values();
    }

    int openCalls() {
        return trackers.values().stream().mapToInt(CallTracker::activeCount).sum();
    }

    long skipped() {
        return skipped;
    }
}
