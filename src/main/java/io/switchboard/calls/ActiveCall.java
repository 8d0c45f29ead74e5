package io.switchboard.calls;

import java.time.Instant;

/** Read-only view of a call in progress, safe to hand to other threads. */
public record ActiveCall(String id, String node, String pbxCallId, String state, String callerNumber,
                         String callerName, String queue, String agentName, String agentInterface,
                         Instant startedAt, Instant queuedAt, Instant answeredAt, int legs) {
}
