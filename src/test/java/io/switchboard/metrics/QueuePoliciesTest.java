package io.switchboard.metrics;

import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-queue thresholds and variants change exactly the figures they should. */
class QueuePoliciesTest {

    static final Instant BASE = Instant.parse("2026-11-23T10:00:00Z");

    static QueueFigures run(QueuePolicies policies) {
        MetricsHarness h = new MetricsHarness("pbx1", "asterisk", policies);
        ScenarioGenerator gen = new ScenarioGenerator(5);
        List<ScenarioSpec> specs = List.of(
                ScenarioSpec.answered("5550401", "A", 1, 10_000, 5_000),
                ScenarioSpec.answered("5550402", "B", 2, 25_000, 5_000),
                ScenarioSpec.abandoned("5550403", "C", 4_000),
                ScenarioSpec.abandoned("5550404", "D", 8_000),
                ScenarioSpec.timedOut("5550405", "E", 30_000));
        for (int i = 0; i < specs.size(); i++) {
            GeneratedCall c = gen.generate(specs.get(i), Intervals.toMicros(BASE.plusSeconds(40L * i)));
            c.frames().forEach(f -> h.ami(f.frame()));
        }
        return h.reports(BASE.plusSeconds(900)).queue("support",
                MetricsHarness.window(BASE, BASE.plusSeconds(900))).figures();
    }

    static QueuePolicies support(long threshold, ServiceLevelVariant variant, long shortAbandon) {
        return MetricsHarness.policies(0).put("support", new ServiceLevelPolicy(threshold, variant, shortAbandon,
                86_400, 0), "acme");
    }

    @Test
    void eachVariantUsesItsBase() {
        // within 20 s: 1 of 2 answered; abandons 4 s (short) and 8 s (long); one timeout
        assertThat(run(support(20, ServiceLevelVariant.ANSWERED, 5)).serviceLevel()).isEqualTo(50.0);
        assertThat(run(support(20, ServiceLevelVariant.ANSWERED_AND_LONG_ABANDONED, 5)).serviceLevel())
                .isEqualTo(Figures.percent(1, 4));
        assertThat(run(support(20, ServiceLevelVariant.OFFERED, 5)).serviceLevel()).isEqualTo(20.0);
    }

    @Test
    void thresholdsArePerQueue() {
        QueueFigures wide = run(support(30, ServiceLevelVariant.ANSWERED, 10));
        assertThat(wide.answeredWithinSl()).isEqualTo(2);
        assertThat(wide.shortAbandoned()).isEqualTo(2);
        assertThat(wide.abandonRate()).isEqualTo(0.0);
        assertThat(run(support(20, ServiceLevelVariant.ANSWERED, 5)).abandonRate())
                .isEqualTo(Figures.percent(1, 4));
        assertThat(support(20, ServiceLevelVariant.ANSWERED, 5).tenant("support")).isEqualTo("acme");
        assertThat(support(20, ServiceLevelVariant.ANSWERED, 5).tenant("other")).isEqualTo("default");
    }
}
