package io.switchboard.cti;

import java.time.Instant;

/**
 * One audited action: who, what, on which call and target, the outcome and how long it took, and
 * the tenant of the user who asked (the one whose audit lists it).
 */
public record AuditEntry(Instant at, String username, String agentId, String action, String callId, String node,
                         String target, String outcome, String message, double latencyMs, String tenant) {
}
