package io.switchboard.calls;

import io.switchboard.events.CallEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One node's ingestion thread. The PBX reader thread only {@link #submit}s; this thread owns
 * the {@link CallTracker}, so each call's events are applied in socket order without locks.
 * Finished records go to the {@link RecordSink}; a full sink pushes back on this thread, never
 * on the PBX reader, unless the lane's own large queue fills up too.
 */
public final class IngestLane implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IngestLane.class.getName());
    private static final Object STOP = new Object();

    private final String nodeId;
    private final CallTracker tracker;
    private final RecordSink sink;
    private final BlockingQueue<Object> queue;
    private final Duration sweepEvery;
    private final List<CallEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ActiveCall> active = new ConcurrentHashMap<>();
    private final LongAdder applied = new LongAdder();
    private final LongAdder stalls = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder resyncs = new LongAdder();
    private final LongAdder settled = new LongAdder();
    private final LongAdder adopted = new LongAdder();
    private volatile long lastLagNanos;
    private volatile LaneTap tap;
    private final Thread thread;

    public IngestLane(String nodeId, CallTracker tracker, RecordSink sink, int capacity, Duration sweepEvery) {
        this.nodeId = nodeId;
        this.tracker = tracker;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sweepEvery = sweepEvery;
        this.thread = Thread.ofPlatform().name("ingest-" + nodeId).daemon().unstarted(this::run);
    }

    public IngestLane start() {
        thread.start();
        return this;
    }

    /** Sets the tap; before {@link #start}. */
    public IngestLane tap(LaneTap t) {
        this.tap = t;
        return this;
    }

    public void addListener(CallEventListener l) {
        listeners.add(l);
    }

    /**
     * Hands an event to the lane. Called on the PBX reader thread: normally returns at once; only
     * if the lane is a full queue behind does it wait, which is counted as a stall.
     */
    public void submit(CallEvent e) {
        if (!queue.offer(e)) {
            stalls.increment();
            try {
                queue.put(e);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Hands a live snapshot of the node to the lane, to be applied after the events submitted
     * before it and before those submitted after it. Called where the reply was read (on the AMI
     * reader thread), the snapshot lands at its exact place in the event stream.
     */
    public void resync(LiveSnapshot snapshot) {
        if (!queue.offer(snapshot)) {
            stalls.increment();
            try {
                queue.put(snapshot);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        List<CallRecord> done = new ArrayList<>(4);
        long nextSweep = System.nanoTime() + sweepEvery.toNanos();
        try {
            while (true) {
                Object o = queue.poll(1, TimeUnit.SECONDS);
                if (o == STOP) {
                    return;
                }
                if (o instanceof CallEvent e) {
                    apply(e, done);
                } else if (o instanceof LiveSnapshot s) {
                    reconcile(s, done);
                }
                if (System.nanoTime() >= nextSweep) {
                    tracker.sweep(Instant.now(), done);
                    // views of calls merged into another (attended transfer) have no record of their own
                    active.values().removeIf(v -> !tracker.isActive(v.pbxCallId()));
                    nextSweep = System.nanoTime() + sweepEvery.toNanos();
                }
                if (!done.isEmpty()) {
                    for (CallRecord r : done) {
                        active.remove(r.id());
                        sink.accept(r);
                        records.increment();
                        if (tap != null) {
                            tap.finished(r);
                        }
                        for (CallEventListener l : listeners) {
                            try {
                                l.onRecord(r);
                            } catch (RuntimeException bug) {
                                LOG.log(Level.WARNING, "record listener failed", bug);
                            }
                        }
                    }
                    done.clear();
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(CallEvent e, List<CallRecord> done) {
        String callId;
        try {
            if (tap != null) {
                tap.before(e, tracker);
            }
            callId = tracker.apply(e, done);
        } catch (RuntimeException bug) {
            // one bad event must not stop the node's ingestion
            LOG.log(Level.WARNING, "call model failed on " + e.type() + " of call " + e.callId(), bug);
            return;
        }
        applied.increment();
        ActiveCall view = null;
        if (callId != null && done.isEmpty()) {
            view = tracker.view(callId);
            if (view != null) {
                active.put(view.id(), view);
            }
        }
        for (CallEventListener l : listeners) {
            try {
                l.onEvent(e, callId, view);
            } catch (RuntimeException bug) {
                LOG.log(Level.WARNING, "event listener failed", bug);
            }
        }
        lastLagNanos = Duration.between(e.meta().receivedAt(), Instant.now()).toNanos();
    }

    private void reconcile(LiveSnapshot s, List<CallRecord> done) {
        LiveReconciler.Outcome out;
        try {
            List<CallResync> parts = tracker.planResync(s);
            if (tap != null) { // publishes the parts the tracker is about to apply
                tap.beforeResync(parts, tracker);
            }
            out = tracker.resync(parts, done);
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "resync of node " + nodeId + " failed", bug);
            return;
        }
        settled.add(out.settled());
        adopted.add(out.adopted());
        resyncs.increment(); // whoever sees the resync counted sees its outcome too
        for (ResyncedCall c : out.live()) {
            active.put(c.view().id(), c.view());
        }
        // listeners know the node's calls from events only; tell them what the snapshot left
        for (CallEventListener l : listeners) {
            try {
                l.onResync(nodeId, out.live());
            } catch (RuntimeException bug) {
                LOG.log(Level.WARNING, "resync listener failed", bug);
            }
        }
        if (out.settled() + out.adopted() + out.closedLegs() > 0) {
            LOG.info(() -> "node " + nodeId + " resynced from " + s.channels().size() + " live channels: "
                    + out.settled() + " calls settled, " + out.adopted() + " adopted, " + out.closedLegs()
                    + " legs closed");
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public Collection<ActiveCall> activeCalls() {
        return active.values();
    }

    public long appliedEvents() {
        return applied.sum();
    }

    public long stalls() {
        return stalls.sum();
    }

    public long recordsEmitted() {
        return records.sum();
    }

    /** Live snapshots applied. */
    public long resyncs() {
        return resyncs.sum();
    }

    /** Calls written because a snapshot no longer listed them. */
    public long settledCalls() {
        return settled.sum();
    }

    /** Calls taken over from a snapshot (begun in a gap, or before a restart). */
    public long adoptedCalls() {
        return adopted.sum();
    }

    public int backlog() {
        return queue.size();
    }

    public long lastLagNanos() {
        return lastLagNanos;
    }

    public long lateEvents() {
        return tracker.lateEvents();
    }

    @Override
    public void close() {
        queue.clear();
        queue.offer(STOP);
        try {
            thread.join(5_000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
