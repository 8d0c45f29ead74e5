package io.switchboard.metrics;

import java.time.Instant;
import java.util.List;

/** An agent's state now, as the PBX last reported it, and the queues it is a member of. */
public record AgentLive(String state, boolean paused, String pauseReason, Instant since, List<String> queues) {
    public AgentLive {
        queues = List.copyOf(queues);
    }
}
