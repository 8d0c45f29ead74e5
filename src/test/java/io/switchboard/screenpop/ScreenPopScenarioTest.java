package io.switchboard.screenpop;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.agents.AgentRef;
import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.TimedFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.switchboard.screenpop.PopCard.Status.ENDED;
import static io.switchboard.screenpop.PopCard.Status.HELD;
import static io.switchboard.screenpop.PopCard.Status.MISSED;
import static io.switchboard.screenpop.PopCard.Status.RINGING;
import static io.switchboard.screenpop.PopCard.Status.TALKING;
import static io.switchboard.screenpop.PopCard.Status.TRANSFERRED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic Asterisk calls through the real translator and call model, as an ingest lane runs
 * them: each agent's cards go through the statuses the call's ground truth implies.
 */
class ScreenPopScenarioTest {

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("answered with hold", ScenarioSpec.answered("5550003", "Cid", 2, 2_000, 30_000)
                        .withHold(9_000), Map.of("agent2", List.of(RINGING, TALKING, HELD, TALKING, ENDED))),
                Arguments.of("two ring-no-answers, then answered",
                        ScenarioSpec.answered("5550002", "Bob", 3, 12_000, 15_000)
                                .withRingNoAnswer(List.of("1", "2"), 4_000),
                        Map.of("agent1", List.of(RINGING, MISSED), "agent2", List.of(RINGING, MISSED),
                                "agent3", List.of(RINGING, TALKING, ENDED))),
                Arguments.of("blind transfer", ScenarioSpec.answered("5550007", "Gus", 1, 4_000, 10_000)
                        .withTransfer(Transfer.blind()), Map.of("agent1", List.of(RINGING, TALKING, TRANSFERRED))),
                // the caller waits on hold while the agent consults the target
                Arguments.of("attended transfer", ScenarioSpec.answered("5550008", "Hal", 2, 4_000, 10_000)
                        .withTransfer(Transfer.attended()),
                        Map.of("agent2", List.of(RINGING, TALKING, HELD, TRANSFERRED))),
                Arguments.of("abandoned after a ring-no-answer", ScenarioSpec.abandoned("5550005", "Eve", 6_000)
                        .withRingNoAnswer(List.of("2"), 3_000), Map.of("agent2", List.of(RINGING, MISSED))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void cardsFollowTheCall(String name, ScenarioSpec spec, Map<String, List<PopCard.Status>> expected) {
        PopFakes.Push push = new PopFakes.Push();
        PopFakes.Agents everyone = new PopFakes.Agents(i -> new AgentRef(agentOf(i), i, "demo"));
        PopFakes.Directory directory = new PopFakes.Directory();
        directory.answer.complete(Optional.empty());
        try (ScreenPopService service = new ScreenPopService(everyone, push, directory,
                (t, n, c) -> List.of(), (t, n, c) -> List.of(), QueueTenants.single("demo"),
                new SimpleMeterRegistry(),
                new ScreenPopService.Settings(true, Duration.ofSeconds(2), 16, 100, Duration.ofHours(4)))) {
            play(new ScenarioGenerator(7).generate(spec.withIvrVars(Map.of("INTENT", "billing"))).frames(), service);

            Map<String, List<PopCard.Status>> seen = new TreeMap<>();
            for (PopFakes.Pushed p : push.pushed) {
                List<PopCard.Status> s = seen.computeIfAbsent(p.agentId(), a -> new ArrayList<>());
                if (s.isEmpty() || s.getLast() != p.card().status()) {
                    s.add(p.card().status());
                }
                assertThat(p.card().callerNumber()).isEqualTo(spec.callerNum());
                assertThat(p.card().ivr().intent()).isEqualTo("billing");
            }
            assertThat(seen).isEqualTo(new TreeMap<>(expected));
            assertThat(service.trackedCalls()).isZero();
        }
    }

    private static String agentOf(String memberInterface) {
        return "agent" + memberInterface.replaceAll("\\D", "");
    }

    /** What an ingest lane does: translate, apply, hand the event and the view on, then the records. */
    private static void play(List<TimedFrame> frames, ScreenPopService service) {
        AmiTranslator translator = new AmiTranslator("sim", Set.of("INTENT"));
        CallTracker tracker = new CallTracker("sim", TrackerSettings.defaults("asterisk"));
        List<CallRecord> done = new ArrayList<>();
        for (TimedFrame tf : frames) {
            CallEvent e = translator.translate(tf.frame(), Instant.now());
            if (e == null) {
                continue;
            }
            String callId = tracker.apply(e, done);
            ActiveCall view = callId != null && done.isEmpty() ? tracker.view(callId) : null;
            service.onEvent(e, callId, view);
            done.forEach(service::onRecord);
            done.clear();
        }
    }
}
