package io.switchboard.metrics;

import java.util.HashMap;
import java.util.Map;

/** Resolves each queue's service-level policy and tenant: its overrides, else the defaults. */
final class QueuePolicies {

    private final ServiceLevelPolicy defaults;
    private final String defaultTenant;
    private final Map<String, ServiceLevelPolicy> policies = new HashMap<>();
    private final Map<String, String> tenants = new HashMap<>();

    QueuePolicies(ServiceLevelPolicy defaults, String defaultTenant) {
        this.defaults = defaults;
        this.defaultTenant = defaultTenant;
    }

    static QueuePolicies from(MetricsConfig c) {
        QueuePolicies p = new QueuePolicies(new ServiceLevelPolicy(c.serviceLevelThreshold().toSeconds(),
                c.serviceLevelVariant(), c.shortAbandon().toSeconds(), c.fcrWindow().toSeconds(),
                c.wrapUp().toSeconds()), c.tenant());
        c.queue().forEach((name, q) -> p.put(name, new ServiceLevelPolicy(
                q.serviceLevelThreshold().orElse(c.serviceLevelThreshold()).toSeconds(),
                q.serviceLevelVariant().orElse(c.serviceLevelVariant()),
                q.shortAbandon().orElse(c.shortAbandon()).toSeconds(),
                q.fcrWindow().orElse(c.fcrWindow()).toSeconds(),
                q.wrapUp().orElse(c.wrapUp()).toSeconds()), q.tenant().orElse(c.tenant())));
        return p;
    }

    QueuePolicies put(String queue, ServiceLevelPolicy policy, String tenant) {
        policies.put(queue, policy);
        tenants.put(queue, tenant);
        return this;
    }

    ServiceLevelPolicy policy(String queue) {
        return queue == null ? defaults : policies.getOrDefault(queue, defaults);
    }

    ServiceLevelPolicy defaults() {
        return defaults;
    }

    String tenant(String queue) {
        return queue == null ? defaultTenant : tenants.getOrDefault(queue, defaultTenant);
    }

    Iterable<String> configuredQueues() {
        return policies.keySet();
    }

    /** The longest FCR window of any queue: how far back callers must be remembered. */
    long longestFcrWindowSeconds() {
        long max = defaults.fcrWindowSeconds();
        for (ServiceLevelPolicy p : policies.values()) {
            max = Math.max(max, p.fcrWindowSeconds());
        }
        return max;
    }
}
