package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The load per node, queue and tenant, recomputed every {@code switchboard.routing.load.interval}
 * from the live call model (metrics), the agents' states, node health and PBX command statistics.
 */
@ApplicationScoped
public class LoadModel {

    private volatile LoadSnapshot current = LoadSnapshot.empty(Instant.EPOCH);

    /** The latest snapshot; never null. */
    public LoadSnapshot current() {
        return current;
    }

    /** One PBX command's outcome, for the node's latency and error-rate figures. */
    public void recordCommand(String node, long nanos, boolean failed) {
    }
}
