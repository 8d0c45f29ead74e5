package io.switchboard.calls;

import io.switchboard.events.CallEvent;

import java.util.List;

/**
 * Sees each event on the lane thread just before the node's {@link CallTracker} applies it, and
 * each record the tracker finishes. An event bus publishes from here: the tracker, asked before
 * the event changes it, tells which call the event belongs to and which call it merges away. A
 * live snapshot is seen the same way, as the per-call parts the tracker is about to apply.
 */
public interface LaneTap {

    void before(CallEvent event, CallTracker tracker);

    /**
     * A live snapshot, split into its parts per call, just before the tracker applies them; calls
     * the parts settle are then {@link #finished}.
     */
    default void beforeResync(List<CallResync> parts, CallTracker tracker) {
    }

    default void finished(CallRecord record) {
    }
}
