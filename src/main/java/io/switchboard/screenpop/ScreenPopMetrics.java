package io.switchboard.screenpop;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The screen-pop's meters ({@code switchboard.screenpop.*}). */
final class ScreenPopMetrics {

    static final String DROPPED_UNKNOWN_AGENT = "unknown_agent";
    static final String DROPPED_PUSH_FAILED = "push_failed";

    private final MeterRegistry registry;
    private final Timer latency;
    private final Timer enrichment;
    private final Counter cards;
    private final Counter rejected;
    private final Map<DirectoryOutcome, Counter> directory = new EnumMap<>(DirectoryOutcome.class);
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<String, Counter> partFailures = new ConcurrentHashMap<>();

    ScreenPopMetrics(MeterRegistry registry) {
        this.registry = registry;
        latency = Timer.builder("switchboard.screenpop.latency")
                .description("From reading the offer off the PBX socket to handing the first card to the agent push")
                .publishPercentiles(0.5, 0.99).register(registry);
        enrichment = Timer.builder("switchboard.screenpop.enrichment.latency")
                .description("From starting a call's enrichment to its end (all parts run in parallel)")
                .publishPercentiles(0.5, 0.99).register(registry);
        cards = Counter.builder("switchboard.screenpop.cards")
                .description("Cards handed to the agent push, every update counted").register(registry);
        rejected = Counter.builder("switchboard.screenpop.enrichment.rejected")
                .description("Cards shown without enrichment because too many were running").register(registry);
        for (DirectoryOutcome o : DirectoryOutcome.values()) {
            directory.put(o, Counter.builder("switchboard.screenpop.directory").tag("outcome", o.tag())
                    .description("Customer directory lookups by outcome").register(registry));
        }
        dropped(DROPPED_UNKNOWN_AGENT);
        dropped(DROPPED_PUSH_FAILED);
    }

    void popped(Instant receivedAt) {
        latency.record(Duration.between(receivedAt, Instant.now()));
    }

    void pushed() {
        cards.increment();
    }

    void enriched(long nanos) {
        enrichment.record(Duration.ofNanos(nanos));
    }

    void directory(DirectoryOutcome outcome) {
        directory.get(outcome).increment();
    }

    void rejected() {
        rejected.increment();
    }

    void drop(String reason) {
        dropped(reason).increment();
    }

    void partFailed(String part) {
        partFailures.computeIfAbsent(part, p -> Counter.builder("switchboard.screenpop.enrichment.failures")
                .tag("part", p).description("Recent-call or ticket lookups that failed or missed the deadline")
                .register(registry)).increment();
    }

    void tracked(Supplier<Number> calls) {
        Gauge.builder("switchboard.screenpop.calls.tracked", calls)
                .description("Calls whose IVR data or cards the screen-pop keeps").register(registry);
    }

    private Counter dropped(String reason) {
        return dropped.computeIfAbsent(reason, r -> Counter.builder("switchboard.screenpop.dropped").tag("reason", r)
                .description("Cards not shown: agent unknown to the agent lookup, or the push failed")
                .register(registry));
    }
}
