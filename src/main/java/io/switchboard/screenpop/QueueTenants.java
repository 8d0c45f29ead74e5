package io.switchboard.screenpop;

import io.switchboard.metrics.MetricsConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tenant a queue belongs to, by the same settings the metrics use
 * ({@code switchboard.metrics.tenant} and {@code switchboard.metrics.queue."<queue>".tenant}):
 * a queue without its own tenant, and a call without a queue, belong to the default tenant.
 */
public final class QueueTenants {

    private final String defaultTenant;
    private final Map<String, String> byQueue;

    public QueueTenants(String defaultTenant, Map<String, String> byQueue) {
        this.defaultTenant = defaultTenant;
        this.byQueue = Map.copyOf(byQueue);
    }

    public static QueueTenants from(MetricsConfig c) {
        Map<String, String> byQueue = new HashMap<>();
        c.queue().forEach((queue, settings) -> settings.tenant().ifPresent(t -> byQueue.put(queue, t)));
        return new QueueTenants(c.tenant(), byQueue);
    }

    public static QueueTenants single(String tenant) {
        return new QueueTenants(tenant, Map.of());
    }

    public String tenantOf(String queue) {
        return queue == null ? defaultTenant : byQueue.getOrDefault(queue, defaultTenant);
    }

    public boolean isDefault(String tenant) {
        return defaultTenant.equals(tenant);
    }

    /** Queues given to {@code tenant} by name (the default tenant also has every queue not named). */
    public Set<String> queuesOf(String tenant) {
        Set<String> out = new TreeSet<>();
        byQueue.forEach((q, t) -> {
            if (t.equals(tenant)) {
                out.add(q);
            }
        });
        return out;
    }

    /** Queues given by name to any tenant other than {@code tenant}. */
    public Set<String> queuesNotOf(String tenant) {
        Set<String> out = new TreeSet<>();
        byQueue.forEach((q, t) -> {
            if (!t.equals(tenant)) {
                out.add(q);
            }
        });
        return out;
    }
}
