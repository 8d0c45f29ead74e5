package io.switchboard.metrics;

import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.TimedFrame;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic Asterisk queue calls with known ground truth through the whole metrics path
 * (translator, call model, engine): every figure equals what the truth implies, exactly, in
 * whatever order the calls arrive and however often their records are repeated.
 */
class AsteriskMetricsExactnessTest {

    static final Instant BASE = Instant.parse("2026-11-23T10:00:00Z");
    static final long WRAP_UP_S = 10;

    /** Each call starts 30 s after the previous one, all joining the 10:00 interval. */
    static List<ScenarioSpec> specs() {
        return List.of(
                ScenarioSpec.answered("5550101", "Ann", 1, 3_000, 20_000),
                ScenarioSpec.answered("5550102", "Bob", 2, 19_000, 15_000),
                ScenarioSpec.answered("5550103", "Cid", 3, 20_000, 12_000),
                ScenarioSpec.answered("5550104", "Dee", 1, 26_000, 40_000).withHold(9_000),
                ScenarioSpec.answered("5550105", "Eve", 3, 12_000, 15_000).withRingNoAnswer(List.of("1", "2"), 4_000),
                ScenarioSpec.abandoned("5550106", "Fay", 2_000),
                ScenarioSpec.abandoned("5550107", "Gus", 4_900),
                ScenarioSpec.abandoned("5550108", "Hal", 31_000),
                ScenarioSpec.abandoned("5550109", "Ivy", 9_000).withRingNoAnswer(List.of("2"), 3_000),
                ScenarioSpec.timedOut("5550110", "Jon", 60_000),
                ScenarioSpec.answered("5550111", "Kim", 2, 4_000, 10_000).withTransfer(Transfer.blind()),
                ScenarioSpec.answered("5550112", "Lou", 1, 5_000, 10_000).withTransfer(Transfer.attended()),
                // Ann calls back: her first call was not resolved at first contact
                ScenarioSpec.answered("5550101", "Ann", 2, 1_000, 8_000));
    }

    static List<GeneratedCall> generate() {
        ScenarioGenerator gen = new ScenarioGenerator(42);
        List<GeneratedCall> calls = new ArrayList<>();
        List<ScenarioSpec> specs = specs();
        for (int i = 0; i < specs.size(); i++) {
            long start = Intervals.toMicros(BASE.plusSeconds(30L * i));
            calls.add(gen.generate(specs.get(i), start));
        }
        return calls;
    }

    static MetricsHarness feed(List<GeneratedCall> calls, boolean interleave) {
        MetricsHarness h = new MetricsHarness("pbx1", "asterisk", MetricsHarness.policies(WRAP_UP_S));
        if (interleave) {
            List<long[]> order = new ArrayList<>();
            List<TimedFrame> frames = new ArrayList<>();
            for (int c = 0; c < calls.size(); c++) {
                for (TimedFrame f : calls.get(c).frames()) {
                    order.add(new long[]{timestamp(f), frames.size()});
                    frames.add(f);
                }
            }
            order.sort(Comparator.comparingLong((long[] x) -> x[0]).thenComparingLong(x -> x[1]));
            order.forEach(o -> h.ami(frames.get((int) o[1]).frame()));
        } else {
            calls.forEach(c -> c.frames().forEach(f -> h.ami(f.frame())));
        }
        assertThat(h.activeCalls()).isZero();
        return h;
    }

    private static long timestamp(TimedFrame f) {
        String ts = f.frame().get("Timestamp");
        return new java.math.BigDecimal(ts).movePointRight(6).longValueExact();
    }

    @Test
    void everyQueueFigureEqualsTheGroundTruth() {
        List<GeneratedCall> calls = generate();
        MetricsHarness h = feed(calls, true);
        List<CallTruth> truths = calls.stream().map(GeneratedCall::truth).toList();
        QueueMetrics q = h.reports(BASE.plusSeconds(3600)).queue("support", MetricsHarness.window(BASE,
                BASE.plusSeconds(900)));
        assertThat(q.figures()).isEqualTo(Expected.figures(truths, WRAP_UP_S));
        // the table above really covers what it claims
        assertThat(q.figures().answeredWithinSl()).isEqualTo(7); // 26 s is the one answered late
        assertThat(q.figures().shortAbandoned()).isEqualTo(2);
        assertThat(q.figures().timeouts()).isEqualTo(1);
        assertThat(q.figures().ringNoAnswer()).isEqualTo(3);
        assertThat(q.figures().transferred()).isEqualTo(2);
        assertThat(q.figures().fcr()).isEqualTo(Figures.percent(7, 8));
    }

    @Test
    void agentFiguresEqualTheGroundTruth() {
        List<GeneratedCall> calls = generate();
        MetricsHarness h = feed(calls, true);
        List<CallTruth> truths = calls.stream().map(GeneratedCall::truth).toList();
        List<AgentMetrics> agents = h.reports(BASE.plusSeconds(3600))
                .agents(MetricsHarness.window(BASE, BASE.plusSeconds(900)));
        for (int n = 1; n <= 3; n++) {
            String name = ScenarioSpec.agentName(n);
            AgentMetrics a = agents.stream().filter(x -> x.agent().equals(name)).findFirst().orElseThrow();
            assertThat(a).as(name).usingRecursiveComparison().comparingOnlyFields("offered", "answered",
                    "ringNoAnswer", "transferred", "talkMillis", "holdMillis", "wrapUpMillis", "ahtMillis")
                    .isEqualTo(Expected.agent(truths, ScenarioSpec.agentInterface(n), name, WRAP_UP_S));
        }
    }

    @Test
    void arrivalOrderAndRepeatedRecordsChangeNothing() {
        List<GeneratedCall> calls = generate();
        QueueFigures inOrder = figures(feed(calls, false));
        List<GeneratedCall> reversed = new ArrayList<>(calls);
        Collections.reverse(reversed);
        MetricsHarness h = feed(reversed, false);
        assertThat(figures(h)).isEqualTo(inOrder);
        h.records.forEach(h.intake::record); // every record delivered again (e.g. a replay after reconnect)
        assertThat(figures(h)).isEqualTo(inOrder);
        assertThat(h.engine.duplicates()).isEqualTo(calls.size());
    }

    @Test
    void aCallIsOfferedWhenItJoinsAndAnsweredWhenTheAgentTakesIt() {
        GeneratedCall call = new ScenarioGenerator(3).generate(ScenarioSpec.answered("5550200", "Max", 1, 8_000,
                60_000), Intervals.toMicros(BASE));
        MetricsHarness h = new MetricsHarness("pbx1", "asterisk", MetricsHarness.policies(0));
        List<TimedFrame> frames = call.frames();
        int i = 0;
        while (!"AgentConnect".equals(frames.get(i).frame().eventName())) {
            h.ami(frames.get(i++).frame());
        }
        assertThat(figures(h).offered()).isEqualTo(1);
        assertThat(figures(h).answered()).isZero();
        h.ami(frames.get(i++).frame());
        QueueFigures talking = figures(h);
        assertThat(talking.answered()).isEqualTo(1);
        assertThat(talking.asaMillis()).isEqualTo(call.truth().waitMillis());
        while (i < frames.size()) {
            h.ami(frames.get(i++).frame());
        }
        QueueFigures done = figures(h);
        assertThat(done.offered()).isEqualTo(1);
        assertThat(done.answered()).isEqualTo(1);
        assertThat(done.ahtMillis()).isEqualTo(call.truth().talkMillis());
    }

    static QueueFigures figures(MetricsHarness h) {
        return h.reports(BASE.plusSeconds(3600)).queue("support", MetricsHarness.window(BASE,
                BASE.plusSeconds(900))).figures();
    }
}
