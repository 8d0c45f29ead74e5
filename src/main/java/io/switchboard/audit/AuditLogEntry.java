package io.switchboard.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One entry as read back; {@code before} and {@code after} are the snapshots' JSON, or null. */
public record AuditLogEntry(long id, Instant at, String tenant, String actor, String action, String targetType,
                            String targetId, String agentId, JsonNode before, JsonNode after, String outcome,
                            String detail) {
}
