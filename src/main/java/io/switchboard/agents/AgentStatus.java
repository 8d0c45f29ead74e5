package io.switchboard.agents;

import java.time.Instant;

/**
 * An agent's state at one moment. {@code callId} is the call it is offered or on (or wrapping
 * up); {@code pauseReason} is set while paused; {@code wrapUpUntil} while in wrap-up.
 */
public record AgentStatus(String agentId, Presence presence, String pauseReason, Instant since, String callId,
                          Instant wrapUpUntil, boolean paused) {
}
