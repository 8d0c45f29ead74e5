package io.switchboard.audit;

import java.time.Instant;
import java.util.List;

/**
 * What an audit entry may keep as its before and after: only these records, written as JSON.
 * None has a field for a password, hash, key, token or PBX secret, so none can reach the trail
 * ({@code AuditSnapshotTest} checks that each new one keeps it so). Built from the domain objects in the
 * api layer ({@code api/AuditSnapshots}), never from entities.
 */
public sealed interface AuditSnapshot {

    /** Where an agent sits on one node. */
    record Endpoint(String node, String memberInterface, String dial, String device) {
    }

    /** An agent definition. */
    record AgentDefinition(String id, String name, String tenant, List<String> skills, List<String> queues,
                           List<Endpoint> endpoints) implements AuditSnapshot {
    }

    /** A routing policy version (the policy itself is in {@code routing_policies} under that version). */
    record PolicyVersion(int version, String comment) implements AuditSnapshot {
    }

    /** A tenant's degradation level and its manual override, if any. */
    record Level(String tenant, int level, int computedLevel, Integer overrideLevel, Instant overrideUntil,
                 String overrideReason) implements AuditSnapshot {
    }

    /** A dialplan version (its text is in {@code dialplans} under that version). */
    record DialplanVersion(String name, String type, int version, String comment) implements AuditSnapshot {
    }

    /** One node's part of a dialplan deployment. */
    record NodeResult(String node, String outcome, String message) {
    }

    /** A dialplan version deployed, with each node's outcome. */
    record DialplanDeployment(String name, String type, int version, List<NodeResult> nodes) implements AuditSnapshot {
    }

    /** A workflow deployment: its id, name, and the definitions it holds as {@code key:version}. */
    record WorkflowDeployment(String id, String name, boolean duplicate, List<String> definitions)
            implements AuditSnapshot {
    }

    /** A test alert: the channel, who it went to (a contact's username, or the addresses given) and what happened. */
    record AlertTest(String channel, String recipient, String status, String detail) implements AuditSnapshot {
    }

    /** A CTI action: the node, its target (a destination, a spied call), the precise outcome and the latency. */
    record CtiAction(String node, String target, String outcome, double latencyMs) implements AuditSnapshot {
    }

    /** An integration's API key as its admin sees it in lists: the display prefix, never the key or its hash. */
    record IntegrationAccess(long id, String name, String prefix, String status, Instant expiresAt, Instant revokedAt)
            implements AuditSnapshot {
    }
}
