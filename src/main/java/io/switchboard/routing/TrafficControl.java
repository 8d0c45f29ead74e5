package io.switchboard.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.metrics.MetricsConfig;
import io.switchboard.routing.RoutingPolicy.TenantPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Degradation levels per tenant (0 normal, 1 overflow to self-service, 2 self-service for all but
 * VIP, 3 emergency announcement): entered on thresholds, left with hysteresis, overridable by hand
 * for a limited time. Every transition is a {@link RoutingEvent}.
 *
 * <p>The rules are in {@link DegradationLevels}; this bean feeds it each load snapshot (on the
 * load model's timer thread), looks up the policy in force and publishes what changed.
 */
@ApplicationScoped
public class TrafficControl {

    @Inject
    RoutingConfig config;
    @Inject
    RoutingService routing;
    @Inject
    RoutingEvents events;
    @Inject
    LoadModel load;
    @Inject
    MetricsConfig metricsConfig;
    @Inject
    MeterRegistry registry;

    private final DegradationLevels levels = new DegradationLevels(Clock.systemUTC());
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();

    /** The level in force for a tenant's new calls (the override's, or the computed one). */
    public int level(String tenant) {
        return levels.level(tenant);
    }

    /** The default tenant and every tenant with load, a policy entry of its own or an override, by name. */
    public List<LevelStatus> statuses() {
        publish(levels.expireOverrides());
        return tenants(load.current(), policy()).stream().map(levels::status).toList();
    }

    public LevelStatus status(String tenant) {
        return levels.status(tenant);
    }

    /**
     * Puts {@code level} in force for a tenant's new calls for {@code duration}.
     *
     * @throws IllegalArgumentException for a level outside 0..3, or a duration not positive or longer
     *                                  than {@code switchboard.routing.control.max-override}
     */
    public LevelStatus override(String tenant, int level, Duration duration, String actor, String reason) {
        DegradationLevels.Result r = levels.override(tenant, level, duration, config.control().maxOverride(), actor,
                reason);
        gauge(tenant);
        publish(r.events());
        return r.status();
    }

    public void clearOverride(String tenant, String actor) {
        publish(levels.clearOverride(tenant, actor));
    }

    /** A new load snapshot: works out every tenant's level. On the load model's timer thread; never blocks. */
    void onSnapshot(LoadSnapshot snapshot) {
        RoutingPolicy p = policy();
        for (String tenant : tenants(snapshot, p)) {
            TenantPolicy tp = p == null ? null : PolicyEngine.tenantPolicy(p, tenant);
            publish(levels.update(tenant, tp, snapshot.tenant(tenant)));
            gauge(tenant);
        }
        publish(levels.expireOverrides());
    }

    /**
     * The default tenants (always there: unmapped calls belong to them), tenants with load, with a
     * policy entry of their own, or with a level or override already.
     */
    private TreeSet<String> tenants(LoadSnapshot snapshot, RoutingPolicy p) {
        TreeSet<String> tenants = new TreeSet<>();
        tenants.add(config.defaultTenant());
        tenants.add(metricsConfig.tenant());
        snapshot.tenants().forEach(t -> tenants.add(t.tenant()));
        if (p != null) {
            p.tenants().keySet().stream().filter(t -> !"*".equals(t)).forEach(tenants::add);
        }
        levels.statuses().forEach(s -> tenants.add(s.tenant()));
        return tenants;
    }

    private RoutingPolicy policy() {
        PolicyStore.Version v = routing.policy();
        return v == null ? null : v.policy();
    }

    private void publish(List<RoutingEvent> list) {
        list.forEach(events::publish);
    }

    private void gauge(String tenant) {
        if (gauges.add(tenant)) {
            Gauge.builder("switchboard.routing.level", levels, l -> l.level(tenant))
                    .description("Degradation level in force for the tenant's new calls (0-3)")
                    .tag("tenant", tenant).register(registry);
        }
    }
}
