package io.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The load the control console sees at one moment, per node, queue and tenant, and overall.
 * Computed from the live call model and the PBX command statistics (see {@link LoadModel}).
 */
public record LoadSnapshot(Instant at, List<NodeLoad> nodes, List<QueueLoad> queues, List<TenantLoad> tenants,
                           TenantLoad overall) {

    public LoadSnapshot {
        nodes = List.copyOf(nodes);
        queues = List.copyOf(queues);
        tenants = List.copyOf(tenants);
    }

    public static LoadSnapshot empty(Instant at) {
        return new LoadSnapshot(at, List.of(), List.of(), List.of(), new TenantLoad("*", 0, 0, 0, 0, 0, 0, 0, 0));
    }

    public Map<String, QueueLoad> queuesByName() {
        return queues.stream().collect(Collectors.toMap(QueueLoad::queue, Function.identity()));
    }

    public Map<String, NodeLoad> nodesById() {
        return nodes.stream().collect(Collectors.toMap(NodeLoad::node, Function.identity()));
    }

    public QueueLoad queue(String name) {
        return queues.stream().filter(q -> q.queue().equals(name)).findFirst()
                .orElse(new QueueLoad(name, null, 0, 0, 0, 0, 0));
    }

    public TenantLoad tenant(String tenant) {
        return tenants.stream().filter(t -> t.tenant().equals(tenant)).findFirst()
                .orElse(new TenantLoad(tenant, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    /**
     * One node.
     *
     * @param lineCapacity     configured concurrent-call capacity (0 = unknown: line use counts as 0)
     * @param commandP99Ms     p99 of PBX command latency over the last minute
     * @param commandErrorRate failed or timed-out commands / all commands over the last minute
     */
    public record NodeLoad(String node, String pbxType, boolean healthy, int activeCalls, int lineCapacity,
                           int waiting, long longestWaitMs, int agentsAvailable, double commandP99Ms,
                           double commandErrorRate) {
        public double lineUse() {
            return lineCapacity <= 0 ? 0 : (double) activeCalls / lineCapacity;
        }
    }

    public record QueueLoad(String queue, String tenant, int waiting, long longestWaitMs, int talking,
                            int agentsAvailable, int agentsLoggedIn) {
    }

    /** A tenant's queues and nodes together ({@code "*"}: everything). */
    public record TenantLoad(String tenant, int waiting, long longestWaitMs, int talking, int agentsAvailable,
                             int activeCalls, int lineCapacity, double lineUse, double commandErrorRate) {
    }
}
