package io.switchboard.metrics;

import java.util.Map;

/**
 * What is happening now: callers waiting, the longest of their current waits, calls being
 * handled, and the queue's agents by state (AVAILABLE, RINGING, BUSY, WRAP_UP, PAUSED, ...).
 */
public record QueueLive(int waiting, long longestCurrentWaitMillis, int talking, Map<String, Integer> agentsByState) {
    public QueueLive {
        agentsByState = Map.copyOf(agentsByState);
    }
}
