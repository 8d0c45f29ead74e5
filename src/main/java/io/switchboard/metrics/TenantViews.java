package io.switchboard.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The metrics as one tenant sees them (REST and the monitor WebSocket). Each tenant's answer is
 * filtered once per published version and named window, then served from memory like the
 * unfiltered ones: readers pay a map lookup, not a pass over every queue and agent.
 */
@ApplicationScoped
public class TenantViews {

    @Inject
    MetricsService metrics;
    @Inject
    TenantOwners owners;

    private record Answers(long version, Map<String, Object> byKey) {
    }

    private record Views(MonitorSnapshot source, Map<String, MonitorSnapshot> byTenant) {
    }

    private volatile Answers answers = new Answers(-1, new ConcurrentHashMap<>());
    private volatile Views views = new Views(null, new ConcurrentHashMap<>());

    /** The latest published snapshot as {@code tenant} sees it. */
    public MonitorSnapshot monitor(String tenant) {
        return of(metrics.monitor(), tenant);
    }

    /**
     * {@code snapshot} as {@code tenant} sees it: computed once per snapshot and tenant, whoever asks
     * first (a REST call or the WebSocket hub on a publish).
     */
    public MonitorSnapshot of(MonitorSnapshot snapshot, String tenant) {
        if (snapshot == null || tenant == null) {
            return snapshot == null ? null : TenantFilter.snapshot(snapshot, null, owners);
        }
        Views v = views;
        if (v.source != snapshot) {
            v = new Views(snapshot, new ConcurrentHashMap<>());
            views = v;
        }
        MonitorSnapshot hit = v.byTenant.get(tenant);
        if (hit == null) {
            hit = TenantFilter.snapshot(snapshot, tenant, owners);
            v.byTenant.putIfAbsent(tenant, hit);
        }
        return hit;
    }

    public MonitorSnapshot monitor(String tenant, MetricsWindow w) {
        return cached("monitor", tenant, w, () -> TenantFilter.snapshot(metrics.monitor(w), tenant, owners));
    }

    public List<QueueMetrics> queues(String tenant, MetricsWindow w) {
        return cached("queues", tenant, w, () -> TenantFilter.queues(metrics.queues(w), tenant, owners));
    }

    /** Whether the queue is {@code tenant}'s: another tenant's queue is answered as if it did not exist. */
    public boolean ownsQueue(String tenant, String queue) {
        return tenant != null && tenant.equals(owners.ofQueue(queue));
    }

    public List<AgentMetrics> agents(String tenant, MetricsWindow w) {
        return cached("agents", tenant, w, () -> TenantFilter.agents(metrics.agents(w), tenant, owners));
    }

    public List<NodeMetrics> nodes(String tenant, MetricsWindow w) {
        return cached("nodes", tenant, w, () -> TenantFilter.nodes(metrics.nodes(w), tenant, owners));
    }

    public List<TenantMetrics> tenants(String tenant, MetricsWindow w) {
        return cached("tenants", tenant, w, () -> TenantFilter.tenants(metrics.tenants(w), tenant));
    }

    /**
     * One entry per version: the unfiltered answer is computed (and cached by the service) outside
     * this map, so no computation runs inside another's map update. Ranges are not kept.
     */
    @SuppressWarnings("unchecked")
    private <T> T cached(String what, String tenant, MetricsWindow w, Supplier<T> compute) {
        if ("range".equals(w.name())) {
            return compute.get();
        }
        long version = metrics.version();
        Answers a = answers;
        if (a.version != version) {
            a = new Answers(version, new ConcurrentHashMap<>());
            answers = a;
        }
        String key = what + ':' + tenant + ':' + w.fromUs() + ':' + w.toUs() + ':' + w.name();
        Object hit = a.byKey.get(key);
        if (hit == null) {
            hit = compute.get();
            Object earlier = a.byKey.putIfAbsent(key, hit);
            if (earlier != null) {
                hit = earlier;
            }
        }
        return (T) hit;
    }
}
