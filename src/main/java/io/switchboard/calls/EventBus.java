package io.switchboard.calls;

import java.util.Collection;

/**
 * Carries normalized events from collectors to call models on other instances (the event bus
 * of the kafka profile). When it is enabled, a node's lane only publishes: the call models
 * that write records and feed the listeners are the bus's consumers.
 */
public interface EventBus {

    boolean enabled();

    /** The publisher for a node's lane; only when {@link #enabled}. */
    LaneTap publisher(String nodeId, String pbxType);

    /** The calls in progress in the call models this instance keeps. */
    Collection<ActiveCall> activeCalls();
}
