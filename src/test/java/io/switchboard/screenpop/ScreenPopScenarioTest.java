package io.switchboard.screenpop;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.agents.AgentRef;
import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.pbx.freeswitch.EslTranslator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.TimedFrame;
import io.switchboard.simulator.esl.EslScenarioGenerator;
import io.switchboard.simulator.esl.GeneratedEslCall;
import io.switchboard.simulator.esl.TimedEslEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.switchboard.screenpop.PopCard.Status.ENDED;
import static io.switchboard.screenpop.PopCard.Status.HELD;
import static io.switchboard.screenpop.PopCard.Status.MISSED;
import static io.switchboard.screenpop.PopCard.Status.RINGING;
import static io.switchboard.screenpop.PopCard.Status.TALKING;
import static io.switchboard.screenpop.PopCard.Status.TRANSFERRED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic Asterisk and FreeSWITCH calls through the real translators and call model, as an
 * ingest lane runs them: each agent's cards go through the statuses the call's ground truth implies.
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

    /** mod_callcenter has no attended transfer of a member. */
    static Stream<Arguments> freeSwitchScenarios() {
        return scenarios().filter(a -> ((ScenarioSpec) a.get()[1]).transfer() == null
                || ((ScenarioSpec) a.get()[1]).transfer().type() == ScenarioSpec.TransferType.BLIND);
    }

    @ParameterizedTest(name = "Asterisk: {0}")
    @MethodSource("scenarios")
    void cardsFollowTheAsteriskCall(String name, ScenarioSpec spec, Map<String, List<PopCard.Status>> expected) {
        GeneratedCall call = new ScenarioGenerator(7).generate(spec.withIvrVars(Map.of("INTENT", "billing")));
        AmiTranslator translator = new AmiTranslator("sim", Set.of("INTENT"));
        check(spec, expected, (tracker, lane) -> {
            for (TimedFrame tf : call.frames()) {
                CallEvent e = translator.translate(tf.frame(), Instant.now());
                if (e != null) {
                    lane.accept(e);
                }
            }
        }, "asterisk");
    }

    @ParameterizedTest(name = "FreeSWITCH: {0}")
    @MethodSource("freeSwitchScenarios")
    void cardsFollowTheFreeSwitchCall(String name, ScenarioSpec spec, Map<String, List<PopCard.Status>> expected) {
        GeneratedEslCall call = new EslScenarioGenerator(7)
                .generate(spec.withIvrVars(Map.of("INTENT", "billing")), 1_795_464_082_745_024L);
        EslTranslator translator = new EslTranslator("sim", Set.of("INTENT"));
        check(spec, expected, (tracker, lane) -> {
            for (TimedEslEvent te : call.events()) {
                Map<String, String> headers = new LinkedHashMap<>();
                te.event().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
                translator.translate(headers, Instant.now(), lane);
            }
        }, "freeswitch");
    }

    private static void check(ScenarioSpec spec, Map<String, List<PopCard.Status>> expected,
                              BiConsumer<CallTracker, Consumer<CallEvent>> source, String pbxType) {
        PopFakes.Push push = new PopFakes.Push();
        PopFakes.Agents everyone = new PopFakes.Agents(i -> new AgentRef(agentOf(i), i, "demo"));
        PopFakes.Directory directory = new PopFakes.Directory();
        directory.answer.complete(Optional.empty());
        try (ScreenPopService service = new ScreenPopService(everyone, push, directory,
                (t, n, c) -> List.of(), (t, n, c) -> List.of(), QueueTenants.single("demo"),
                new SimpleMeterRegistry(),
                new ScreenPopService.Settings(true, Duration.ofSeconds(2), 16, 100, Duration.ofHours(4)))) {
            CallTracker tracker = new CallTracker("sim", TrackerSettings.defaults(pbxType));
            source.accept(tracker, e -> lane(tracker, e, service));

            Map<String, List<PopCard.Status>> seen = new TreeMap<>();
            for (PopFakes.Pushed p : push.pushed) {
                List<PopCard.Status> s = seen.computeIfAbsent(p.agentId(), a -> new ArrayList<>());
                if (s.isEmpty() || s.getLast() != p.card().status()) {
                    s.add(p.card().status());
                }
                assertThat(p.card().callerNumber()).isEqualTo(spec.callerNum());
            }
            assertThat(seen).isEqualTo(new TreeMap<>(expected));
            // FreeSWITCH may report the caller's IVR variables only after the offer: the card then follows
            for (String agent : expected.keySet()) {
                assertThat(push.last(agent).ivr().intent()).as(agent).isEqualTo("billing");
            }
            assertThat(service.trackedCalls()).isZero();
        }
    }

    /** Agent n is Local/agentn@agents/n on the Asterisk simulator and 100n on the FreeSWITCH one. */
    private static String agentOf(String memberInterface) {
        return "agent" + Integer.parseInt(memberInterface.replaceAll("\\D", "")) % 1000;
    }

    /** What an ingest lane does: apply, hand the event and the view on, then the records. */
    private static void lane(CallTracker tracker, CallEvent e, ScreenPopService service) {
        List<CallRecord> done = new ArrayList<>();
        String callId = tracker.apply(e, done);
        ActiveCall view = callId != null && done.isEmpty() ? tracker.view(callId) : null;
        service.onEvent(e, callId, view);
        done.forEach(service::onRecord);
    }
}
