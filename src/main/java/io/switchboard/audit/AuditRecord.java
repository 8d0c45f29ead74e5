package io.switchboard.audit;

import java.time.Instant;

/**
 * One entry to write.
 *
 * @param actor   a username, or {@code apikey:<name>}
 * @param agentId the agent a CTI action was done as; null for other entries
 * @param outcome {@link AuditTrail#OK}, {@link AuditTrail#REFUSED} or {@link AuditTrail#FAILED}
 */
public record AuditRecord(Instant at, String tenant, String actor, String action, String targetType, String targetId,
                          String agentId, AuditSnapshot before, AuditSnapshot after, String outcome, String detail) {
}
