package io.switchboard.security;

import io.switchboard.metrics.MetricsConfig;
import io.switchboard.routing.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Objects;

/**
 * Which tenant a queue, a PBX node and a call belong to, from the settings that already name
 * them: {@code switchboard.metrics.queue."<queue>".tenant}, {@code switchboard.routing.node-tenants."<node>"}
 * and {@code switchboard.metrics.tenant} for everything else. A call belongs to its queue's
 * tenant when the queue names one, else to its node's, else to the default tenant.
 */
@ApplicationScoped
public class Tenancy {

    @Inject
    MetricsConfig metrics;
    @Inject
    RoutingConfig routing;
    @Inject
    TenancyConfig config;

    public String defaultTenant() {
        return metrics.tenant();
    }

    public String platformTenant() {
        return config.platformTenant();
    }

    /** The queue's tenant, or the default tenant when it names none. */
    public String ofQueue(String queue) {
        String named = namedQueueTenant(queue);
        return named != null ? named : metrics.tenant();
    }

    /** The node's tenant, or the default tenant when it names none. */
    public String ofNode(String node) {
        String t = node == null ? null : routing.nodeTenants().get(node);
        return t != null ? t : metrics.tenant();
    }

    /** The tenant of a call: its queue's when named, else its node's, else the default. */
    public String ofCall(String node, String queue) {
        String q = namedQueueTenant(queue);
        return q != null ? q : ofNode(node);
    }

    /** Nodes given to {@code tenant}; the default tenant also has every node not named. */
    public boolean ownsNode(String tenant, String node) {
        return Objects.equals(tenant, ofNode(node));
    }

    /** Whether the actor may see and change data of {@code tenant}. */
    public boolean sees(Actor actor, String tenant) {
        return actor != null && Objects.equals(actor.tenant(), tenant);
    }

    /** Admins of the platform tenant manage what every tenant shares (nodes, routing policy, node groups). */
    public boolean isPlatformAdmin(Actor actor) {
        return actor != null && actor.isAdmin() && Objects.equals(actor.tenant(), config.platformTenant());
    }

    private String namedQueueTenant(String queue) {
        if (queue == null) {
            return null;
        }
        MetricsConfig.QueueSettings s = metrics.queue().get(queue);
        return s == null ? null : s.tenant().orElse(null);
    }
}
