package io.switchboard.metrics;

import java.time.Instant;

/**
 * One agent over a window: calls offered to its phone, answered, not answered (ring-no-answer),
 * transferred, handle time parts, AHT and occupancy (null until agent state is known).
 */
public record AgentMetrics(String agent, String window, Instant from, Instant to,
                           long offered, long answered, long ringNoAnswer, long transferred,
                           long talkMillis, long holdMillis, long wrapUpMillis, Long ahtMillis,
                           long staffedMillis, long busyMillis, Double occupancy, AgentLive live) {
}
