package io.switchboard.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.CommandGuard;
import io.switchboard.pbx.PbxReply;
import io.switchboard.pbx.UnsafePbxValueException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A circuit breaker per PBX node around its commands ({@code switchboard.routing.breaker.*}):
 * timeouts and failures (not connected, a broken connection) count; a PBX that answers "no" is
 * working and does not; neither does a command refused before sending (bad input). State changes
 * are routing events (kind {@code breaker}) and the gauge {@code switchboard.pbx.breaker.open}.
 */
@ApplicationScoped
public class NodeBreakers implements CommandGuard {

    @Inject
    RoutingConfig config;
    @Inject
    RoutingEvents events;
    @Inject
    MeterRegistry registry;
    @Inject
    LoadModel load;

    Clock clock = Clock.systemUTC();

    private final Map<String, CircuitBreakerState> states = new ConcurrentHashMap<>();

    @Override
    public CallControl guard(CallControl control) {
        String node = control.nodeId();
        states.put(node, CircuitBreakerState.CLOSED);
        Gauge.builder("switchboard.pbx.breaker.open", states, s -> s.get(node) == CircuitBreakerState.OPEN ? 1 : 0)
                .description("1 while the node's circuit breaker is open (its commands fail at once)")
                .tags("node", node).register(registry);
        TypedGuard<CompletionStage<PbxReply>> guard = guard(node, config.breaker(), s -> changed(node, s));
        return new BreakerControl(control, guard, load::recordCommand);
    }

    /** The breaker of one node; {@code onChange} hears each state it enters. */
    static TypedGuard<CompletionStage<PbxReply>> guard(String node, RoutingConfig.Breaker b,
                                                       Consumer<CircuitBreakerState> onChange) {
        return TypedGuard.create(new TypeLiteral<CompletionStage<PbxReply>>() {
                })
                .withDescription("PBX commands of node " + node)
                .withCircuitBreaker()
                .requestVolumeThreshold(b.requestVolume())
                .failureRatio(b.failureRatio())
                .delay(b.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(b.successThreshold())
                // bad input is refused before anything is sent: the node is not at fault
                .skipOn(List.of(UnsafePbxValueException.class, IllegalArgumentException.class))
                .onStateChange(onChange)
                .done()
                .withThreadOffload(false) // the command is written on the caller's thread, keeping its order
                .build();
    }

    /** The breaker's state now ({@code CLOSED} for unknown nodes). */
    public CircuitBreakerState state(String node) {
        return states.getOrDefault(node, CircuitBreakerState.CLOSED);
    }

    private void changed(String node, CircuitBreakerState now) {
        CircuitBreakerState before = states.put(node, now);
        if (before == now) {
            return;
        }
        String reason = switch (now) {
            case OPEN -> before == CircuitBreakerState.HALF_OPEN ? "a trial command failed"
                    : "failures or timeouts reached " + Math.round(config.breaker().failureRatio() * 100)
                    + "% of the last " + config.breaker().requestVolume() + " commands";
            case HALF_OPEN -> config.breaker().delay() + " passed: trying commands again";
            case CLOSED -> config.breaker().successThreshold() + " trial commands succeeded";
        };
        events.publish(new RoutingEvent(clock.instant(), "breaker", node, name(before), name(now), reason, "system"));
    }

    private static String name(CircuitBreakerState s) {
        return s == null ? "closed" : s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
