package io.switchboard.metrics;

import java.time.Instant;

/** All queues of one tenant over a window, with their summed live state. */
public record TenantMetrics(String tenant, String window, Instant from, Instant to, QueueFigures figures,
                            QueueLive live) {
}
