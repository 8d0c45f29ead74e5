package io.switchboard.security;

import io.switchboard.routing.LevelStatus;
import io.switchboard.routing.LoadSnapshot;
import io.switchboard.routing.NodeGroups;
import io.switchboard.routing.RoutingConfig;
import io.switchboard.routing.RoutingEvent;
import io.switchboard.routing.RoutingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What of the control console an actor sees. The policy, node groups and decisions on trial calls
 * are shared by every tenant and belong to the platform tenant ({@link Tenancy#platformTenant()}),
 * which sees everything. Any other tenant sees its own levels, overrides and load, the nodes it owns
 * ({@link Tenancy#ownsNode}) and the groups made only of such nodes, and nothing about the others.
 */
@ApplicationScoped
public class RoutingScope {

    private static final Set<String> TENANT_KINDS = Set.of("level", "override");
    private static final Set<String> GROUP_KINDS = Set.of("failover", "failback");

    @Inject
    Tenancy tenancy;
    @Inject
    RoutingConfig routing;

    /** Users of the platform tenant: they read the shared policy and see every tenant. */
    public boolean platform(Actor actor) {
        return tenancy.sees(actor, tenancy.platformTenant());
    }

    /** Platform admins override any tenant's level; everyone else only their own tenant's. */
    public boolean mayOverride(Actor actor, String tenant) {
        return tenancy.isPlatformAdmin(actor) || tenancy.sees(actor, tenant);
    }

    /**
     * Levels and overrides of the actor's tenant, breaker changes of its nodes, failovers of its
     * groups; policy changes only for the platform.
     */
    public boolean sees(Actor actor, RoutingEvent e) {
        if (platform(actor)) {
            return true;
        }
        if (actor == null || e.kind() == null) {
            return false;
        }
        if (TENANT_KINDS.contains(e.kind())) {
            return tenancy.sees(actor, e.scope());
        }
        if ("breaker".equals(e.kind())) {
            return owns(actor, e.scope());
        }
        return GROUP_KINDS.contains(e.kind()) && ownsGroup(actor, e.scope());
    }

    public List<LevelStatus> levels(Actor actor, List<LevelStatus> levels) {
        return platform(actor) ? levels
                : levels.stream().filter(l -> tenancy.sees(actor, l.tenant())).toList();
    }

    /**
     * The actor's nodes, queues and tenant; for another tenant than the platform's, "overall" is its
     * own tenant's load (everything's total would tell the other tenants' traffic).
     */
    public LoadSnapshot load(Actor actor, LoadSnapshot s) {
        if (platform(actor)) {
            return s;
        }
        String t = actor.tenant();
        LoadSnapshot.TenantLoad own = s.tenant(t);
        return new LoadSnapshot(s.at(), s.nodes().stream().filter(n -> owns(actor, n.node())).toList(),
                s.queues().stream().filter(q -> Objects.equals(t, q.tenant())).toList(),
                s.tenants().stream().filter(x -> Objects.equals(t, x.tenant())).toList(), own);
    }

    public List<NodeGroups.GroupStatus> groups(Actor actor, List<NodeGroups.GroupStatus> groups) {
        return platform(actor) ? groups : groups.stream().filter(g -> ownsGroup(actor, g.group())).toList();
    }

    /** Decisions on the actor's tenant's calls (by queue, else by node). */
    public List<RoutingService.Decided> decisions(Actor actor, List<RoutingService.Decided> decided) {
        return platform(actor) ? decided : decided.stream()
                .filter(d -> tenancy.sees(actor, tenancy.ofCall(d.node(), d.queue()))).toList();
    }

    private boolean owns(Actor actor, String node) {
        return node != null && tenancy.ownsNode(actor.tenant(), node);
    }

    /** A group is the tenant's when every member is. */
    private boolean ownsGroup(Actor actor, String group) {
        RoutingConfig.Group g = group == null ? null : routing.groups().get(group);
        return g != null && !g.nodes().isEmpty() && g.nodes().stream().allMatch(n -> owns(actor, n));
    }
}
