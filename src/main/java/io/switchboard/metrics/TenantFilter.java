package io.switchboard.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One tenant's part of the metrics: pure functions over published answers. */
public final class TenantFilter {

    private TenantFilter() {
    }

    /** The snapshot as {@code tenant} may see it; the same version, time and window. */
    public static MonitorSnapshot snapshot(MonitorSnapshot s, String tenant, TenantOwners owners) {
        return new MonitorSnapshot(s.version(), s.at(), s.window(), s.from(), s.to(),
                queues(s.queues(), tenant, owners), agents(s.agents(), tenant, owners),
                nodes(s.nodes(), tenant, owners), tenants(s.tenants(), tenant));
    }

    public static List<QueueMetrics> queues(List<QueueMetrics> all, String tenant, TenantOwners owners) {
        List<QueueMetrics> out = new ArrayList<>();
        for (QueueMetrics q : all) {
            if (tenant != null && tenant.equals(owners.ofQueue(q.queue()))) {
                out.add(q);
            }
        }
        return out;
    }

    public static List<AgentMetrics> agents(List<AgentMetrics> all, String tenant, TenantOwners owners) {
        List<AgentMetrics> out = new ArrayList<>();
        for (AgentMetrics a : all) {
            if (tenant != null && tenant.equals(owners.ofAgent(a.agent(), a.live()))) {
                out.add(a);
            }
        }
        return out;
    }

    public static List<NodeMetrics> nodes(List<NodeMetrics> all, String tenant, TenantOwners owners) {
        List<NodeMetrics> out = new ArrayList<>();
        for (NodeMetrics n : all) {
            if (tenant != null && owners.ownsNode(tenant, n.node())) {
                out.add(n);
            }
        }
        return out;
    }

    public static List<TenantMetrics> tenants(List<TenantMetrics> all, String tenant) {
        List<TenantMetrics> out = new ArrayList<>(1);
        for (TenantMetrics t : all) {
            if (tenant != null && Objects.equals(tenant, t.tenant())) {
                out.add(t);
            }
        }
        return out;
    }
}
