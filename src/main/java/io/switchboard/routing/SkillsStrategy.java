package io.switchboard.routing;

import io.switchboard.agents.Agent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a call to the queue whose agents have the skill the call needs. The skill is read from the
 * channel variable named by setting {@code skill-variable} (default {@code CALL_TYPE}), optionally
 * renamed by {@code skill.<value>=<skill>}; among the rule's queues (all agents' queues if none),
 * those with a member who has the skill qualify, and the one with most agents available and
 * fewest callers waiting wins.
 */
@ApplicationScoped
public class SkillsStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "skills";
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        String value = request.variable(rule.setting("skill-variable", "CALL_TYPE"));
        if (value == null) {
            return Optional.empty();
        }
        String skill = rule.setting("skill." + value, value);
        List<String> candidates = rule.queues().isEmpty()
                ? context.agents().stream().flatMap(a -> a.queues().stream()).distinct().toList()
                : rule.queues();
        LoadSnapshot load = context.load();
        return candidates.stream()
                .filter(q -> context.agents().stream().anyMatch(a -> serves(a, q, skill)))
                .min(Comparator.<String>comparingInt(q -> -load.queue(q).agentsAvailable())
                        .thenComparingInt(q -> load.queue(q).waiting())
                        .thenComparingLong(q -> load.queue(q).longestWaitMs()))
                .map(q -> new Choice(q, null, RouteDecision.Outcome.QUEUE, Map.of("SB_SKILL", skill),
                        "skill " + skill + ": queue " + q + " has agents with it ("
                                + load.queue(q).agentsAvailable() + " available)"));
    }

    private static boolean serves(Agent a, String queue, String skill) {
        return a.queues().contains(queue) && a.skills().stream().anyMatch(s -> s.equalsIgnoreCase(skill));
    }
}
