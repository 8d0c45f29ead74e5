package io.switchboard.calls;

import io.switchboard.events.CallEvent;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.TimedFrame;
import io.switchboard.simulator.TruthTransfer;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Synthetic scenarios with known ground truth: every record field the scenario fixes must match it. */
class CallTrackerScenarioTest {

    private static final Set<String> IVR = Set.of("INTENT", "CUSTOMER_ID", "LANGUAGE");

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("answered", ScenarioSpec.answered("5550001", "Ann", 1, 3_000, 20_000)),
                Arguments.of("answered after two ring-no-answers",
                        ScenarioSpec.answered("5550002", "Bob", 3, 12_000, 15_000)
                                .withRingNoAnswer(List.of("1", "2"), 4_000)),
                Arguments.of("answered with hold",
                        ScenarioSpec.answered("5550003", "Cid", 2, 2_000, 30_000).withHold(9_000)),
                Arguments.of("abandoned", ScenarioSpec.abandoned("5550004", "Dee", 7_000)),
                Arguments.of("abandoned while ringing an agent",
                        ScenarioSpec.abandoned("5550005", "Eve", 6_000).withRingNoAnswer(List.of("2"), 3_000)),
                Arguments.of("queue timeout", ScenarioSpec.timedOut("5550006", "Fay", 60_000)),
                Arguments.of("blind transfer",
                        ScenarioSpec.answered("5550007", "Gus", 1, 4_000, 10_000).withTransfer(Transfer.blind())),
                Arguments.of("attended transfer",
                        ScenarioSpec.answered("5550008", "Hal", 2, 4_000, 10_000).withTransfer(Transfer.attended())),
                Arguments.of("redirect",
                        ScenarioSpec.answered("5550009", "Ivy", 3, 4_000, 10_000).withTransfer(Transfer.redirect())),
                Arguments.of("IVR data",
                        ScenarioSpec.answered("5550010", "Jon", 1, 1_000, 5_000)
                                .withIvrVars(Map.of("INTENT", "discount request", "CUSTOMER_ID", "C-1001",
                                        "LANGUAGE", "en"))));
    }

    static List<CallRecord> track(List<TimedFrame> frames, Predicate<AmiFrame> keep) {
        AmiTranslator translator = new AmiTranslator("sim", IVR);
        CallTracker tracker = new CallTracker("sim", TrackerSettings.defaults("asterisk"));
        List<CallRecord> out = new ArrayList<>();
        for (TimedFrame tf : frames) {
            if (!keep.test(tf.frame())) {
                continue;
            }
            CallEvent e = translator.translate(tf.frame(), Instant.now());
            if (e != null) {
                tracker.apply(e, out);
            }
        }
        assertThat(tracker.activeCount()).isZero();
        assertThat(translator.stats().unknownCount()).isZero();
        assertThat(translator.stats().invalidCount()).isZero();
        return out;
    }

    static void assertMatches(CallRecord r, CallTruth t) {
        assertThat(r.pbxCallId()).isEqualTo(t.linkedId());
        assertThat(r.disposition().name()).isEqualTo(t.disposition());
        assertThat(r.callerNumber()).isEqualTo(t.callerNum());
        assertThat(r.callerName()).isEqualTo(t.callerName());
        assertThat(r.queue()).isEqualTo(t.queue());
        assertThat(r.agentInterface()).isEqualTo(t.agentInterface());
        assertThat(r.agentName()).isEqualTo(t.agentName());
        assertThat((double) r.waitMillis()).as("wait").isCloseTo(t.waitMillis(), within(20.0));
        assertThat((double) r.talkMillis()).as("talk").isCloseTo(t.talkMillis(), within(20.0));
        assertThat((double) r.holdMillis()).as("hold").isCloseTo(t.holdMillis(), within(20.0));
        assertThat(r.transfers()).extracting(x -> new TruthTransfer(x.type().name(), x.to()))
                .containsExactlyElementsOf(t.transfers());
        assertThat(r.agentAttempts()).filteredOn(a -> a.outcome() == CallRecord.AgentAttempt.Outcome.NO_ANSWER)
                .extracting(CallRecord.AgentAttempt::agentInterface)
                .containsExactlyElementsOf(t.ringNoAnswerInterfaces());
        assertThat(r.ivrData()).containsAllEntriesOf(t.ivrVars());
        assertThat(r.direction()).isEqualTo(Direction.INBOUND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recordMatchesGroundTruth(String name, ScenarioSpec spec) {
        GeneratedCall call = new ScenarioGenerator(7).generate(spec);
        List<CallRecord> records = track(call.frames(), f -> true);
        assertThat(records).hasSize(1);
        assertMatches(records.getFirst(), call.truth());
    }

    @Test
    void queueTimeoutIsRecognizedEvenWithoutVarSetEvents() {
        // manager.conf often filters VarSet out; the order of events still tells a timeout apart
        GeneratedCall call = new ScenarioGenerator(7).generate(ScenarioSpec.timedOut("5550011", "Kim", 45_000));
        List<CallRecord> records = track(call.frames(), f -> !"VarSet".equals(f.eventName()));
        assertThat(records).singleElement().extracting(CallRecord::disposition).isEqualTo(Disposition.TIMEOUT);
        GeneratedCall abandon = new ScenarioGenerator(7).generate(ScenarioSpec.abandoned("5550012", "Lou", 5_000));
        assertThat(track(abandon.frames(), f -> !"VarSet".equals(f.eventName())))
                .singleElement().extracting(CallRecord::disposition).isEqualTo(Disposition.ABANDONED);
    }

    @Test
    void aMixOfInterleavedCallsGivesOneCorrectRecordEach() {
        ScenarioMix mix = new ScenarioMix(11);
        List<GeneratedCall> calls = mix.calls(200);
        List<TimedFrame> all = ScenarioMix.schedule(calls, 20.0); // calls overlap heavily
        List<CallRecord> records = track(all, f -> true);
        assertThat(records).hasSize(calls.size());
        Map<String, CallRecord> byId = new java.util.HashMap<>();
        records.forEach(r -> byId.put(r.pbxCallId(), r));
        for (GeneratedCall c : calls) {
            assertMatches(byId.get(c.linkedId()), c.truth());
        }
    }
}
