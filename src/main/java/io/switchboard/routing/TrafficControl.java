package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Degradation levels per tenant (0 normal, 1 overflow to self-service, 2 self-service for all but
 * VIP, 3 emergency announcement): entered on thresholds, left with hysteresis, overridable by hand
 * for a limited time. Every transition is a {@link RoutingEvent}.
 */
@ApplicationScoped
public class TrafficControl {

    /** The level in force for a tenant's new calls (the override's, or the computed one). */
    public int level(String tenant) {
        return 0;
    }

    public List<LevelStatus> statuses() {
        return List.of();
    }

    public LevelStatus override(String tenant, int level, Duration duration, String actor, String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    public void clearOverride(String tenant, String actor) {
    }
}
