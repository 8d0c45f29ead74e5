package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.Optional;

/**
 * Spreads calls over the rule's queues: the queue with the fewest callers waiting per available
 * agent wins (ties: the shorter longest wait). Queues with no agent logged in are used only when
 * no candidate has one.
 */
@ApplicationScoped
public class LeastLoadedQueueStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "least-loaded-queue";
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        if (rule.queues().isEmpty()) {
            return Optional.empty();
        }
        LoadSnapshot load = context.load();
        boolean anyStaffed = rule.queues().stream().anyMatch(q -> load.queue(q).agentsLoggedIn() > 0);
        return rule.queues().stream()
                .filter(q -> !anyStaffed || load.queue(q).agentsLoggedIn() > 0)
                .min(Comparator.comparingDouble((String q) -> pressure(load.queue(q)))
                        .thenComparingLong(q -> load.queue(q).longestWaitMs()))
                .map(q -> {
                    LoadSnapshot.QueueLoad l = load.queue(q);
                    return Choice.queue(q, "least loaded of " + rule.queues() + ": " + q + " (" + l.waiting()
                            + " waiting, " + l.agentsAvailable() + " available)");
                });
    }

    static double pressure(LoadSnapshot.QueueLoad l) {
        return (l.waiting() + 1.0) / (l.agentsAvailable() + 1.0);
    }
}
