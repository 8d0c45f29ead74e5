package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Priority for valued customers: a caller the customer directory marks VIP (or whose segment is
 * listed in setting {@code segments}) goes to {@code vip-queue} (default: the rule's first queue)
 * with a queue priority ({@code priority}, default 10): Asterisk's {@code QUEUE_PRIO} and
 * mod_callcenter's {@code cc_base_score}. Other callers are left to the next rule.
 */
@ApplicationScoped
public class VipStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "vip";
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        if (context.customer() == null) {
            return Optional.empty();
        }
        String segment = context.customer().segment();
        boolean prioritySegment = segment != null && Arrays.stream(rule.setting("segments", "").split(","))
                .map(String::strip).anyMatch(s -> !s.isEmpty() && s.equalsIgnoreCase(segment));
        if (!context.vip() && !prioritySegment) {
            return Optional.empty();
        }
        String queue = rule.setting("vip-queue", rule.queues().isEmpty() ? null : rule.queues().get(0));
        if (queue == null) {
            return Optional.empty();
        }
        int priority = Integer.parseInt(rule.setting("priority", "10"));
        return Optional.of(new Choice(queue, null, RouteDecision.Outcome.QUEUE,
                Map.of("QUEUE_PRIO", Integer.toString(priority), "cc_base_score", Integer.toString(priority * 100),
                        "SB_VIP", "1"),
                (context.vip() ? "VIP customer " : "customer of segment " + segment + " ")
                        + context.customer().id() + ": queue " + queue + " at priority " + priority));
    }
}
