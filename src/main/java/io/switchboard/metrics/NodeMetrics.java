package io.switchboard.metrics;

import java.time.Instant;

/** One PBX node: its connection, concurrent calls now, and the queue figures of its calls over the window. */
public record NodeMetrics(String node, String pbxType, String connection, int activeCalls, String window,
                          Instant from, Instant to, long calls, QueueFigures figures) {
}
