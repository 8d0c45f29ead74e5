package io.switchboard.agents;

import io.switchboard.metrics.AgentLive;
import io.switchboard.metrics.TenantOwners;
import io.switchboard.security.Tenancy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The tenants of the metrics' queues, nodes and agents. An agent is its roster entry's tenant; an
 * agent the roster does not know belongs to the tenant of its queues when they all have one,
 * to the default tenant when it has none, and to no tenant when its queues are of several.
 */
@ApplicationScoped
public class AgentTenants implements TenantOwners {

    @Inject
    Tenancy tenancy;
    @Inject
    AgentRoster roster;

    @Override
    public String ofQueue(String queue) {
        return tenancy.ofQueue(queue);
    }

    @Override
    public boolean ownsNode(String tenant, String node) {
        return tenancy.ownsNode(tenant, node);
    }

    @Override
    public String ofAgent(String agent, AgentLive live) {
        Agent known = roster.byMetricsKey(agent).orElse(null);
        if (known != null) {
            return known.tenant() != null ? known.tenant() : tenancy.defaultTenant();
        }
        if (live == null || live.queues().isEmpty()) {
            return tenancy.defaultTenant();
        }
        String tenant = null;
        for (String q : live.queues()) {
            String t = tenancy.ofQueue(q);
            if (tenant != null && !tenant.equals(t)) {
                return null; // its figures mix tenants: shown to none rather than to one of them
            }
            tenant = t;
        }
        return tenant;
    }
}
