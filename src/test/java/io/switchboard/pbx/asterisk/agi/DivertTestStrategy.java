package io.switchboard.pbx.asterisk.agi;

import io.switchboard.routing.Destination;
import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteRequest;
import io.switchboard.routing.RoutingContext;
import io.switchboard.routing.RoutingPolicy;
import io.switchboard.routing.RoutingStrategy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/** Sends every call it sees to the self-service place named by setting {@code divert}. */
@ApplicationScoped
public class DivertTestStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "divert-test";
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        String place = rule.setting("divert", "smart-ivr");
        return Optional.of(new Choice(null, new Destination(place, "s"), RouteDecision.Outcome.DIVERT,
                Map.of("SB_DIVERT", place), "self-service on purpose"));
    }
}
