package io.switchboard.metrics;

import java.time.Instant;

/** One queue over a window ({@code from} inclusive, {@code to} exclusive), with its live state. */
public record QueueMetrics(String queue, String tenant, String window, Instant from, Instant to,
                           ServiceLevelPolicy policy, QueueFigures figures, QueueLive live) {
}
