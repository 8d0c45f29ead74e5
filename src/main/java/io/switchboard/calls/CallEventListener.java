package io.switchboard.calls;

import io.switchboard.events.CallEvent;

/**
 * Observes every normalized event after the call model applied it, in per-node order, and
 * every finished call record. Called on the lane thread: implementations must be quick and
 * never block.
 */
@FunctionalInterface
public interface CallEventListener {
    /**
     * @param callId the call the event was applied to, or null if it belongs to no known call
     */
    void onEvent(CallEvent event, String callId);

    /**
     * The same, with the call's state after the event ({@code null} when the call just finished
     * or the event belongs to no call).
     */
    default void onEvent(CallEvent event, String callId, ActiveCall view) {
        onEvent(event, callId);
    }

    /**
     * A live snapshot of node {@code nodeId} was applied (after a reconnect, or the first connect
     * after a service restart): {@code live} is every call of the node in progress after it, with
     * its live legs. Adopted calls are new here; legs that ended unseen are left out. Calls the
     * snapshot settled arrive next as records ({@link #onRecord}); calls not in {@code live} are
     * over. No events are invented for what happened unseen.
     */
    default void onResync(String nodeId, java.util.List<ResyncedCall> live) {
    }

    /** A call is over; called after its last event, once per record. */
    default void onRecord(CallRecord record) {
    }
}
