package io.switchboard.pbx.asterisk.agi;

import io.switchboard.routing.RouteRequest;
import io.switchboard.routing.RoutingContext;
import io.switchboard.routing.RoutingPolicy;
import io.switchboard.routing.RoutingStrategy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/** A strategy that answers only after the routing deadline (setting {@code millis}), to prove the fallback. */
@ApplicationScoped
public class SlowTestStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "slow-test";
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        try {
            Thread.sleep(Duration.ofMillis(Long.parseLong(rule.setting("millis", "1500"))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(Choice.queue(rule.queues().get(0), "slow on purpose"));
    }
}
