package io.switchboard.simulator.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated events themselves: determinism, fresh ids, the captures' shapes, consistent times. */
class EslScenarioGeneratorTest {

    private static final long START = 1_795_464_082_745_024L;

    private static List<ScenarioSpec> variety() {
        return List.of(
                ScenarioSpec.answered("5550001", "Ann", 3, 12_000, 15_000).withRingNoAnswer(List.of("1"), 4_000)
                        .withHold(3_000).withIvrVars(Map.of("INTENT", "billing")),
                ScenarioSpec.answered("5550002", "Bob", 1, 4_000, 10_000).withTransfer(Transfer.blind()),
                ScenarioSpec.abandoned("5550003", "Cid", 3_000).withRingNoAnswer(List.of("4"), 1_000),
                ScenarioSpec.timedOut("5550004", "Dee", 60_000));
    }

    private static String kind(SimEvent e) {
        return e.eventName() + (e.has("CC-Action") ? "/" + e.header("CC-Action") : "");
    }

    private static List<SimEvent> events(GeneratedEslCall call) {
        return call.events().stream().map(TimedEslEvent::event).toList();
    }

    @Test
    void sameSeedSameCallsUuidsIncluded() {
        EslScenarioGenerator a = new EslScenarioGenerator(9);
        EslScenarioGenerator b = new EslScenarioGenerator(9);
        for (ScenarioSpec spec : variety()) {
            GeneratedEslCall x = a.generate(spec, START);
            GeneratedEslCall y = b.generate(spec, START);
            assertThat(y.events()).isEqualTo(x.events());
            assertThat(y.truth()).isEqualTo(x.truth());
        }
        assertThat(new EslScenarioGenerator(10).generate(variety().get(0), START).callId())
                .isNotEqualTo(new EslScenarioGenerator(9).generate(variety().get(0), START).callId());
    }

    @Test
    void everyCallHasItsOwnUuids() {
        EslScenarioGenerator g = new EslScenarioGenerator(9);
        Set<String> seen = new HashSet<>();
        for (ScenarioSpec spec : variety()) {
            Set<String> mine = new HashSet<>();
            for (SimEvent e : events(g.generate(spec, START))) {
                for (String h : List.of("Unique-ID", "CC-Member-UUID", "CC-Member-Session-UUID")) {
                    if (e.has(h)) {
                        mine.add(e.header(h));
                    }
                }
            }
            assertThat(mine).hasSizeGreaterThan(2).allSatisfy(id -> assertThat(seen).doesNotContain(id));
            seen.addAll(mine);
        }
    }

    /** As on a switch: a channel uuid is created once and destroyed once, a member uuid names one caller. */
    @Test
    void manyCallsNeverShareAChannelOrAMember() {
        EslScenarioGenerator g = new EslScenarioGenerator(13);
        ScenarioMix mix = new ScenarioMix(13);
        Map<String, Integer> callOfId = new HashMap<>();
        Map<String, Integer> creates = new HashMap<>();
        Map<String, Integer> destroys = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            ScenarioSpec spec = mix.next();
            if (spec.transfer() != null) {
                spec = spec.withTransfer(Transfer.blind());
            }
            for (SimEvent e : events(g.generate(spec, START + i * 1_000L))) {
                for (String h : List.of("Unique-ID", "Other-Leg-Unique-ID", "variable_other_loopback_leg_uuid",
                        "CC-Member-UUID", "CC-Member-Session-UUID", "CC-Agent-UUID")) {
                    if (e.has(h)) {
                        int call = i;
                        assertThat(callOfId.computeIfAbsent(e.header(h), id -> call)).as(h + " " + e.header(h))
                                .isEqualTo(i);
                    }
                }
                if ("CHANNEL_CREATE".equals(e.eventName())) {
                    creates.merge(e.uniqueId(), 1, Integer::sum);
                } else if ("CHANNEL_DESTROY".equals(e.eventName())) {
                    destroys.merge(e.uniqueId(), 1, Integer::sum);
                }
            }
        }
        assertThat(creates).hasSizeGreaterThan(1_000).allSatisfy((uuid, n) -> assertThat(n).as(uuid).isEqualTo(1));
        assertThat(destroys).isEqualTo(creates);
    }

    @ParameterizedTest
    @ValueSource(strings = {"callcenter-plain", "callcenter-json"})
    void eventsHaveTheCapturedShapes(String capture) {
        Map<String, List<List<String>>> captured = new HashMap<>();
        Set<String> capturedVariables = new HashSet<>();
        for (TimedEslEvent te : EslTrace.load("/simulator/freeswitch/" + capture + ".esl")) {
            List<String> names = new ArrayList<>();
            te.event().headers().forEach(h -> {
                if (h.getKey().startsWith("variable_")) {
                    capturedVariables.add(h.getKey());
                } else {
                    names.add(h.getKey());
                }
            });
            captured.computeIfAbsent(kind(te.event()), k -> new ArrayList<>()).add(names);
        }
        EslScenarioGenerator g = new EslScenarioGenerator(9);
        for (ScenarioSpec spec : variety()) {
            spec.ivrVars().keySet().forEach(v -> capturedVariables.add("variable_" + v)); // the IVR's own
            for (SimEvent e : events(g.generate(spec, START))) {
                String kind = kind(e);
                if (kind.equals("CHANNEL_HOLD") || kind.equals("CHANNEL_UNHOLD")) {
                    continue; // no hold in the captures
                }
                assertThat(captured).as("kind in the capture").containsKey(kind);
                List<String> names = new ArrayList<>();
                for (Map.Entry<String, String> h : e.headers()) {
                    if (h.getKey().startsWith("variable_")) {
                        assertThat(capturedVariables).as(kind).contains(h.getKey());
                    } else if (!(kind.equals("PLAYBACK_START") && h.getKey().startsWith("Other-"))) {
                        names.add(h.getKey()); // (music on hold plays to a bridged caller, not captured)
                    }
                }
                assertThat(captured.get(kind)).as(kind + " headers, in a captured order")
                        .anySatisfy(c -> assertThat(isSubsequence(names, c)).isTrue());
            }
        }
    }

    private static boolean isSubsequence(List<String> names, List<String> of) {
        Iterator<String> it = of.iterator();
        for (String n : names) {
            boolean found = false;
            while (it.hasNext() && !found) {
                found = it.next().equals(n);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    @Test
    void timesAreExactAndNeverGoBack() {
        GeneratedEslCall call = new EslScenarioGenerator(9).generate(variety().get(0), START);
        long previous = 0;
        for (TimedEslEvent te : call.events()) {
            long stamp = Long.parseLong(te.event().header("Event-Date-Timestamp"));
            assertThat(stamp).isEqualTo(START + te.offsetMicros());
            assertThat(te.offsetMicros()).isGreaterThanOrEqualTo(previous);
            assertThat(te.event().header("Event-Date-GMT")).isEqualTo(EslTime.gmt(stamp));
            previous = te.offsetMicros();
        }
        assertThat(call.events().getFirst().offsetMicros()).isZero();
        assertThat(call.startEpochMicros()).isEqualTo(START);
    }

    @Test
    void agentStatesFollowTheCall() {
        List<SimEvent> events = events(new EslScenarioGenerator(9).generate(variety().get(0), START));
        List<String> states = new ArrayList<>();
        for (SimEvent e : events) {
            if ("agent-state-change".equals(e.header("CC-Action"))) {
                states.add(e.header("CC-Agent") + " " + e.header("CC-Agent-State") + " @" + stamp(e));
            }
        }
        long offered1 = stampOf(events, "agent-offering", "1001");
        long failed = stampOf(events, "bridge-agent-fail", "1001");
        long offered3 = stampOf(events, "agent-offering", "1003");
        long connected = stampOf(events, "bridge-agent-start", "1003");
        long ended = stampOf(events, "bridge-agent-end", "1003");
        assertThat(states).containsExactly("1001 Receiving @" + offered1, "1001 Waiting @" + failed,
                "1003 Receiving @" + offered3, "1003 In a queue call @" + connected, "1003 Waiting @" + ended);
    }

    private static long stamp(SimEvent e) {
        return Long.parseLong(e.header("Event-Date-Timestamp"));
    }

    private static long stampOf(List<SimEvent> events, String action, String agent) {
        return events.stream().filter(e -> action.equals(e.header("CC-Action")) && agent.equals(e.header("CC-Agent")))
                .mapToLong(EslScenarioGeneratorTest::stamp).findFirst().orElseThrow();
    }

    @Test
    void unansweredCallsLeaveTheQueueAsTheModuleSays() {
        EslScenarioGenerator g = new EslScenarioGenerator(9);
        SimEvent abandon = queueEnd(g.generate(ScenarioSpec.abandoned("5550005", "Eve", 3_000), START));
        assertThat(abandon.header("CC-Cause")).isEqualTo("Cancel");
        assertThat(abandon.header("CC-Cancel-Reason")).isEqualTo("BREAK_OUT");
        assertThat(abandon.header("Answer-State")).isEqualTo("hangup"); // the caller is already gone
        SimEvent timeout = queueEnd(g.generate(ScenarioSpec.timedOut("5550006", "Fay", 45_000), START));
        assertThat(timeout.header("CC-Cancel-Reason")).isEqualTo("TIMEOUT");
        assertThat(timeout.header("Answer-State")).isEqualTo("answered");
        assertThat(Long.parseLong(timeout.header("CC-Member-Leaving-Time"))
                - Long.parseLong(timeout.header("CC-Member-Joined-Time"))).isEqualTo(45);
    }

    private static SimEvent queueEnd(GeneratedEslCall call) {
        return events(call).stream().filter(e -> "member-queue-end".equals(e.header("CC-Action"))).findFirst()
                .orElseThrow();
    }

    @Test
    void rejectsWhatItCannotPlay() {
        EslScenarioGenerator g = new EslScenarioGenerator(9);
        ScenarioSpec ok = ScenarioSpec.answered("5550007", "Gus", 1, 4_000, 10_000);
        assertThatThrownBy(() -> g.generate(ok.withTransfer(Transfer.attended()))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("ATTENDED");
        assertThatThrownBy(() -> g.generate(ok.withTransfer(Transfer.redirect()))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("REDIRECT");
        assertThatThrownBy(() -> g.generate(ScenarioSpec.answered("5550008", "Hal", 5, 4_000, 10_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1001..1004");
        assertThatThrownBy(() -> g.generate(ok.withRingNoAnswer(List.of("1", "2"), 2_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitMillis");
        assertThatThrownBy(() -> g.generate(ScenarioSpec.answered("5550009", "Ivy", 1, 4_000, 50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("talkMillis");
        assertThatThrownBy(() -> g.generate(ok.withRingNoAnswer(List.of("x"), 100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an agent");
    }

    @Test
    void mergePlacesEachCallAtItsStart() {
        EslScenarioGenerator g = new EslScenarioGenerator(9);
        GeneratedEslCall first = g.generate(variety().get(2), START + 1_000_000);
        GeneratedEslCall second = g.generate(variety().get(3), START);
        List<TimedEslEvent> merged = EslScenarioGenerator.merge(List.of(first, second));
        assertThat(merged).hasSize(first.events().size() + second.events().size());
        for (TimedEslEvent te : merged) {
            assertThat(stamp(te.event())).isEqualTo(START + te.offsetMicros());
        }
        assertThat(merged).isSortedAccordingTo((x, y) -> Long.compare(x.offsetMicros(), y.offsetMicros()));
    }
}
