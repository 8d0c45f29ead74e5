package io.switchboard.metrics;

/**
 * Who owns each entry of the metrics: the metrics engine counts for every tenant at once, readers
 * see their own tenant's part. Implemented where queues, nodes and agents get their tenants.
 */
public interface TenantOwners {

    /** The tenant of a queue. */
    String ofQueue(String queue);

    /** Whether {@code tenant} owns the node; only then may it see the node's figures (they mix every tenant on it). */
    boolean ownsNode(String tenant, String node);

    /** The tenant of an agent known to the metrics by {@code agent} (member name or interface), or null for none. */
    String ofAgent(String agent, AgentLive live);
}
