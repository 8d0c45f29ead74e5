package io.switchboard.pbx.asterisk.agi;

import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteRequest;
import io.switchboard.routing.RoutingContext;
import io.switchboard.routing.RoutingPolicy;
import io.switchboard.routing.RoutingStrategy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/** A strategy whose decision carries a line break, as a broken or hostile one could. */
@ApplicationScoped
public class UnsafeTestStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "unsafe-test";
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        return Optional.of(new Choice(rule.queues().get(0), null, RouteDecision.Outcome.QUEUE,
                Map.of("SB_NOTE", "hello\r\nHANGUP"), "unsafe on purpose"));
    }
}
