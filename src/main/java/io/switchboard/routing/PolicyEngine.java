package io.switchboard.routing;

import io.switchboard.routing.RouteDecision.Outcome;
import io.switchboard.routing.RoutingPolicy.Match;
import io.switchboard.routing.RoutingPolicy.QueuePolicy;
import io.switchboard.routing.RoutingPolicy.Rule;
import io.switchboard.routing.RoutingPolicy.TenantPolicy;
import io.switchboard.screenpop.QueueTenants;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides one call from the policy, the strategies and the degradation level. Pure and
 * synchronous: everything it needs is in the arguments, so it is tested without a PBX.
 *
 * <p>Order: rules pick a queue (first rule whose match fits and whose strategy chooses; else the
 * default queue). Then the level of the queue's tenant applies: 3 sends everyone to the
 * announcement, 2 sends all but VIP callers to self-service, 1 sends a call to the queue's
 * overflow target when that queue is past its overflow thresholds.
 */
public final class PolicyEngine {

    /** Channel variables every decision sets, so the dialplan and reports can tell what happened. */
    public static final String VAR_OUTCOME = "SB_ROUTE_OUTCOME";
    public static final String VAR_QUEUE = "SB_ROUTE_QUEUE";
    public static final String VAR_LEVEL = "SB_ROUTE_LEVEL";
    public static final String VAR_DIVERT = "SB_DIVERT";

    private final Map<String, RoutingStrategy> strategies;
    private final QueueTenants tenants;
    private final String queueContext;

    /**
     * @param queueContext dialplan context whose extensions are queue names (see dialplans/)
     */
    public PolicyEngine(Map<String, RoutingStrategy> strategies, QueueTenants tenants, String queueContext) {
        this.strategies = Map.copyOf(strategies);
        this.tenants = tenants;
        this.queueContext = queueContext;
    }

    /**
     * @param levels the degradation level in force per tenant
     */
    public RouteDecision decide(RouteRequest request, RoutingPolicy policy, RoutingContext context,
                                java.util.function.ToIntFunction<String> levels) {
        RoutingStrategy.Choice choice = null;
        String strategy = "default";
        for (Rule rule : policy.rules()) {
            if (!matches(rule.match(), request, context)) {
                continue;
            }
            RoutingStrategy s = strategies.get(rule.strategy());
            if (s == null) {
                continue; // validated on save; an unknown name here means a strategy bean went away
            }
            Optional<RoutingStrategy.Choice> c = s.choose(request, rule, context);
            if (c.isPresent()) {
                choice = c.get();
                strategy = rule.name() == null ? rule.strategy() : rule.name();
                break;
            }
        }
        if (choice == null) {
            choice = RoutingStrategy.Choice.queue(policy.defaultQueue(), "no rule decided: default queue");
        }
        String queue = choice.queue();
        String tenant = queue != null ? tenants.tenantOf(queue) : context.tenant();
        int level = Math.max(0, Math.min(3, levels.applyAsInt(tenant)));
        Map<String, String> vars = new HashMap<>(choice.variables());

        if (choice.outcome() == Outcome.QUEUE && level > 0) {
            TenantPolicy tp = tenantPolicy(policy, tenant);
            String divert = null;
            String why = null;
            if (level >= 3) {
                divert = tp == null || tp.announcement() == null ? "announcement" : tp.announcement();
                why = "level 3: emergency announcement for every caller";
            } else if (level == 2 && !context.vip()) {
                divert = tp == null || tp.selfService() == null ? "smart-ivr" : tp.selfService();
                why = "level 2: self-service for all but VIP callers";
            } else if (level == 1 && !context.vip()) {
                QueuePolicy qp = queuePolicy(policy, queue);
                LoadSnapshot.QueueLoad load = context.load().queue(queue);
                if (qp != null && overflowing(qp, load)) {
                    divert = qp.overflowTo() == null ? "smart-ivr" : qp.overflowTo();
                    why = "level 1: queue " + queue + " past its overflow threshold (" + load.waiting()
                            + " waiting, longest " + load.longestWaitMs() / 1000 + " s)";
                }
            }
            if (divert != null) {
                Destination d = policy.diverts().get(divert);
                if (d != null) {
                    vars.put(VAR_OUTCOME, Outcome.DIVERT.name());
                    vars.put(VAR_QUEUE, queue);
                    vars.put(VAR_LEVEL, Integer.toString(level));
                    vars.put(VAR_DIVERT, divert);
                    return new RouteDecision(Outcome.DIVERT, queue, d, vars, "traffic-control", why, level, tenant);
                }
                // a policy without that divert place keeps the call in its queue rather than losing it
                why = why + "; no divert '" + divert + "' configured, kept in queue";
            }
            if (why != null) {
                choice = new RoutingStrategy.Choice(queue, null, Outcome.QUEUE, choice.variables(),
                        choice.reason() + "; " + why);
            } else if (level == 2 || level == 1) {
                choice = new RoutingStrategy.Choice(queue, null, Outcome.QUEUE, choice.variables(),
                        choice.reason() + (context.vip() ? "; VIP caller kept in queue at level " + level : ""));
            }
        }
        Destination destination = choice.destination() != null ? choice.destination()
                : new Destination(queueContext, queue);
        vars.put(VAR_OUTCOME, choice.outcome().name());
        if (queue != null) {
            vars.put(VAR_QUEUE, queue);
        }
        vars.put(VAR_LEVEL, Integer.toString(level));
        return new RouteDecision(choice.outcome(), queue, destination, vars, strategy, choice.reason(), level, tenant);
    }

    static boolean overflowing(QueuePolicy qp, LoadSnapshot.QueueLoad load) {
        return (qp.overflowWaiting() != null && load.waiting() >= qp.overflowWaiting())
                || (qp.overflowWaitSeconds() != null && load.longestWaitMs() >= qp.overflowWaitSeconds() * 1000L);
    }

    static TenantPolicy tenantPolicy(RoutingPolicy policy, String tenant) {
        TenantPolicy tp = policy.tenants().get(tenant);
        return tp != null ? tp : policy.tenants().get("*");
    }

    static QueuePolicy queuePolicy(RoutingPolicy policy, String queue) {
        QueuePolicy qp = queue == null ? null : policy.queues().get(queue);
        return qp != null ? qp : policy.queues().get("*");
    }

    static boolean matches(Match m, RouteRequest r, RoutingContext c) {
        return eq(m.tenant(), c.tenant()) && eq(m.node(), r.node()) && eq(m.dialed(), r.dialed())
                && eq(m.callType(), r.variable("CALL_TYPE")) && eq(m.intent(), intent(r))
                && eq(m.entry(), r.entry());
    }

    /** The caller's intent as the IVR captured it (Asterisk IVR_INTENT, FreeSWITCH ivr_intent). */
    static String intent(RouteRequest r) {
        String v = r.variable("IVR_INTENT");
        return v != null ? v : r.variable("ivr_intent");
    }

    private static boolean eq(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase(actual);
    }
}
