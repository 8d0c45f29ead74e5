package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A strategy for tests, scripted by its rule's settings: {@code sleep-ms} overruns the deadline
 * (a strategy that blocks, which real ones must not), {@code context}/{@code extension}/{@code outcome}
 * send the call to a fixed place, {@code echo} copies a request variable into {@code SB_ECHO}
 * (to carry a caller-supplied value into the decision). Otherwise the rule's first queue.
 */
@ApplicationScoped
public class ScriptedTestStrategy implements RoutingStrategy {

    public static final String NAME = "test-scripted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        long sleep = Long.parseLong(rule.setting("sleep-ms", "0"));
        if (sleep > 0) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, String> vars = new HashMap<>();
        String echo = rule.setting("echo", null);
        if (echo != null && request.variable(echo) != null) {
            vars.put("SB_ECHO", request.variables().get(echo));
        }
        String ctx = rule.setting("context", null);
        String queue = rule.queues().isEmpty() ? null : rule.queues().get(0);
        if (ctx != null) {
            RouteDecision.Outcome outcome = RouteDecision.Outcome.valueOf(rule.setting("outcome", "DIVERT"));
            return Optional.of(new Choice(queue, new Destination(ctx, rule.setting("extension", "s")), outcome, vars,
                    "scripted: " + ctx));
        }
        return queue == null ? Optional.empty()
                : Optional.of(new Choice(queue, null, RouteDecision.Outcome.QUEUE, vars, "scripted: " + queue));
    }

    /** A policy whose only rule is this strategy with {@code settings}; default queue {@code support}. */
    public static RoutingPolicy policy(java.util.List<String> queues, Map<String, String> settings) {
        return new RoutingPolicy("support", java.util.List.of(new RoutingPolicy.Rule("scripted", null, NAME, queues,
                settings)), Map.of(), Map.of(), Map.of());
    }

    /** Puts the shipped default policy back in force, so other tests see what a fresh install does. */
    public static void restoreDefault(RoutingService routing, PolicyStore store) {
        use(routing, store.defaults());
    }

    /** Puts {@code p} in force as the newest policy version. */
    public static void use(RoutingService routing, RoutingPolicy p) {
        routing.save(p, routing.policy().version(), "test", "test policy")
                .orElseThrow(() -> new IllegalStateException("policy changed while saving"));
    }
}
