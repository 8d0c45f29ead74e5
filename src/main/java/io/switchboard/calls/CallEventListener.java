package io.switchboard.calls;

import io.switchboard.events.CallEvent;

/**
 * Observes every normalized event after the call model applied it, in per-node order.
 * Called on the lane thread: implementations must be quick and never block.
 */
@FunctionalInterface
public interface CallEventListener {
    /**
     * @param callId the call the event was applied to, or null if it belongs to no known call
     */
    void onEvent(CallEvent event, String callId);
}
