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
    private volatile long lastLagNanos;
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
