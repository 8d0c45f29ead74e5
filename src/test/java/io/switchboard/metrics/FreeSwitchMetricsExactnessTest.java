package io.switchboard.metrics;

import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.esl.EslScenarioGenerator;
import io.switchboard.simulator.esl.GeneratedEslCall;
import io.switchboard.simulator.esl.SimEvent;
import io.switchboard.simulator.esl.TimedEslEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated mod_callcenter calls with known ground truth through the FreeSWITCH translator, the
 * call model and the engine: every figure equals what the truth implies, exactly — the same
 * definitions and the same expectations as for Asterisk.
 */
class FreeSwitchMetricsExactnessTest {

    static final Instant BASE = Instant.parse("2026-11-23T10:00:00Z");
    static final long WRAP_UP_S = 5;

    static List<ScenarioSpec> specs() {
        return List.of(
                ScenarioSpec.answered("5550301", "Ann", 1, 3_000, 20_000),
                ScenarioSpec.answered("5550302", "Bob", 2, 20_000, 15_000),
                ScenarioSpec.answered("5550303", "Cid", 3, 21_000, 12_000),
                ScenarioSpec.answered("5550304", "Dee", 1, 8_000, 40_000).withHold(9_000),
                ScenarioSpec.answered("5550305", "Eve", 3, 25_000, 15_000).withRingNoAnswer(List.of("4", "2"), 6_000),
                ScenarioSpec.abandoned("5550306", "Fay", 3_000),
                ScenarioSpec.abandoned("5550307", "Gus", 30_000),
                ScenarioSpec.abandoned("5550308", "Hal", 15_000).withRingNoAnswer(List.of("4"), 6_000),
                ScenarioSpec.timedOut("5550309", "Ivy", 45_000),
                ScenarioSpec.answered("5550310", "Jon", 2, 4_000, 10_000).withTransfer(Transfer.blind()),
                ScenarioSpec.answered("5550301", "Ann", 2, 2_000, 8_000)); // Ann calls back
    }

    static List<GeneratedEslCall> generate() {
        EslScenarioGenerator gen = new EslScenarioGenerator(17);
        List<GeneratedEslCall> calls = new ArrayList<>();
        List<ScenarioSpec> specs = specs();
        for (int i = 0; i < specs.size(); i++) {
            calls.add(gen.generate(specs.get(i), Intervals.toMicros(BASE.plusSeconds(30L * i))));
        }
        return calls;
    }

    static MetricsHarness feed(List<TimedEslEvent> events) {
        MetricsHarness h = new MetricsHarness("fs1", "freeswitch", MetricsHarness.policies(WRAP_UP_S));
        for (TimedEslEvent e : events) {
            h.esl(headers(e.event()));
        }
        assertThat(h.activeCalls()).isZero();
        return h;
    }

    static Map<String, String> headers(SimEvent e) {
        Map<String, String> h = new LinkedHashMap<>();
        e.headers().forEach(x -> h.putIfAbsent(x.getKey(), x.getValue()));
        return h;
    }

    @Test
    void everyQueueAndAgentFigureEqualsTheGroundTruth() {
        List<GeneratedEslCall> calls = generate();
        MetricsHarness h = feed(EslScenarioGenerator.merge(calls));
        List<CallTruth> truths = calls.stream().map(GeneratedEslCall::truth).toList();
        Reports r = h.reports(BASE.plusSeconds(3_600));
        MetricsWindow w = MetricsHarness.window(BASE, BASE.plusSeconds(900));
        QueueFigures f = r.queue("support", w).figures();
        assertThat(f).isEqualTo(Expected.figures(truths, WRAP_UP_S));
        assertThat(f.answeredWithinSl()).isEqualTo(5); // 20 s is within, 21 s and 25 s are not
        assertThat(f.shortAbandoned()).isEqualTo(1);
        assertThat(f.timeouts()).isEqualTo(1);
        assertThat(f.ringNoAnswer()).isEqualTo(3);
        assertThat(f.transferred()).isEqualTo(1);
        assertThat(f.fcr()).isEqualTo(Figures.percent(6, 7));
        for (String agent : List.of("1001", "1002", "1003", "1004")) {
            AgentMetrics a = r.agents(w).stream().filter(x -> x.agent().equals(agent)).findFirst().orElseThrow();
            assertThat(a).as(agent).usingRecursiveComparison().comparingOnlyFields("offered", "answered",
                            "ringNoAnswer", "transferred", "talkMillis", "holdMillis", "wrapUpMillis", "ahtMillis")
                    .isEqualTo(Expected.agent(truths, agent, agent, WRAP_UP_S));
        }
    }

    @Test
    void agentStateFromTheCallcenterEventsGivesOccupancy() {
        List<GeneratedEslCall> calls = generate();
        MetricsHarness h = feed(EslScenarioGenerator.merge(calls));
        h.agents.creditAll(BASE.plusSeconds(900));
        AgentMetrics a = h.reports(BASE.plusSeconds(900)).agents(MetricsHarness.window(BASE, BASE.plusSeconds(900)))
                .stream().filter(x -> x.agent().equals("1001")).findFirst().orElseThrow();
        // agent 1001 answered Ann's first call and Dee's: busy while "In a queue call"
        assertThat(a.busyMillis()).isGreaterThanOrEqualTo(20_000 + 40_000 + 9_000);
        assertThat(a.staffedMillis()).isGreaterThan(a.busyMillis());
        assertThat(a.occupancy()).isEqualTo(Figures.percent(a.busyMillis(), a.staffedMillis()));
        assertThat(a.live().queues()).containsExactly("support");
    }

    @Test
    void repeatedAndReorderedInputChangesNothing() {
        List<GeneratedEslCall> calls = generate();
        QueueFigures merged = feed(EslScenarioGenerator.merge(calls)).reports(BASE)
                .queue("support", MetricsHarness.window(BASE, BASE.plusSeconds(900))).figures();
        List<TimedEslEvent> oneByOne = new ArrayList<>();
        for (int i = calls.size() - 1; i >= 0; i--) {
            oneByOne.addAll(calls.get(i).events());
        }
        MetricsHarness h = feed(oneByOne);
        h.records.forEach(h.intake::record);
        QueueFigures reordered = h.reports(BASE).queue("support", MetricsHarness.window(BASE, BASE.plusSeconds(900)))
                .figures();
        assertThat(reordered).isEqualTo(merged);
    }
}
