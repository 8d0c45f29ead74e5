package io.switchboard.routing;

import java.util.Optional;

/**
 * One way of choosing where a call goes. Strategies are beans, chosen per tenant/queue by the
 * routing policy's rules ({@link RoutingPolicy.Rule#strategy()}); they must answer quickly and
 * never block (the whole decision has a deadline of a few tens of milliseconds): data they need
 * comes from {@link RoutingContext}, which is already in memory.
 */
public interface RoutingStrategy {

    /** The name rules refer to, e.g. {@code least-loaded-queue}. */
    String name();

    /**
     * A choice, or empty when this strategy has nothing to say for the call (the next rule is tried).
     */
    Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context);

    /** A strategy's pick: a queue or a dialplan place, with variables and a reason. */
    record Choice(String queue, Destination destination, RouteDecision.Outcome outcome,
                  java.util.Map<String, String> variables, String reason) {
        public Choice {
            variables = variables == null ? java.util.Map.of() : java.util.Map.copyOf(variables);
        }

        public static Choice queue(String queue, String reason) {
            return new Choice(queue, null, RouteDecision.Outcome.QUEUE, java.util.Map.of(), reason);
        }
    }
}
