package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.CallRecord;
import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Outcome;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import io.switchboard.simulator.TruthTransfer;
import io.switchboard.simulator.esl.EslScenarioGenerator;
import io.switchboard.simulator.esl.GeneratedEslCall;
import io.switchboard.simulator.esl.TimedEslEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic mod_callcenter calls with known ground truth, through the same translator and tracker
 * as the captures: every record field the scenario fixes must equal the truth exactly.
 */
class FreeSwitchScenarioTest {

    private static final long START = 1_795_464_082_745_024L;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("answered within 20 s", ScenarioSpec.answered("5550001", "Ann", 1, 3_000, 20_000)),
                Arguments.of("answered after 20 s", ScenarioSpec.answered("5550002", "Bob", 2, 27_345, 41_007)),
                Arguments.of("answered at once by agent 4", ScenarioSpec.answered("5550003", "Cid", 4, 150, 100)),
                Arguments.of("short abandon", ScenarioSpec.abandoned("5550004", "Dee", 3_000)),
                Arguments.of("long abandon", ScenarioSpec.abandoned("5550005", "Eve", 30_000)),
                Arguments.of("abandon after a ring-no-answer",
                        ScenarioSpec.abandoned("5550006", "Fay", 6_000).withRingNoAnswer(List.of("2"), 3_000)),
                Arguments.of("queue timeout", ScenarioSpec.timedOut("5550007", "Gus", 60_000)),
                Arguments.of("queue timeout after ring-no-answers",
                        ScenarioSpec.timedOut("5550008", "Hal", 45_000).withRingNoAnswer(List.of("1", "3"), 6_000)),
                Arguments.of("answered after two ring-no-answers",
                        ScenarioSpec.answered("5550009", "Ivy", 3, 12_000, 15_000)
                                .withRingNoAnswer(List.of("1", "agent2"), 4_000)),
                Arguments.of("ring-no-answer, answered by the same agent",
                        ScenarioSpec.answered("5550010", "Jon", 4, 12_500, 8_250).withRingNoAnswer(List.of("4"), 6_000)),
                Arguments.of("hold", ScenarioSpec.answered("5550011", "Kim", 2, 2_000, 30_000).withHold(9_000)),
                Arguments.of("blind transfer",
                        ScenarioSpec.answered("5550012", "Lou", 1, 4_000, 10_000).withTransfer(Transfer.blind())),
                Arguments.of("hold, then blind transfer",
                        ScenarioSpec.answered("5550013", "Mia", 3, 21_000, 12_000).withHold(4_321)
                                .withTransfer(new Transfer(ScenarioSpec.TransferType.BLIND, "2042"))),
                Arguments.of("IVR data",
                        ScenarioSpec.answered("5550014", "Ned Lee", 1, 1_000, 5_000)
                                .withIvrVars(Map.of("INTENT", "discount request", "CUSTOMER_ID", "C-1001",
                                        "LANGUAGE", "en"))),
                Arguments.of("IVR data on an abandon",
                        ScenarioSpec.abandoned("5550015", "Ola", 8_000).withIvrVars(Map.of("LANGUAGE", "de"))),
                Arguments.of("queue named with its domain",
                        new ScenarioSpec("5550016", "Pia", "sales@default", Map.of(), List.of(), 2, 5_000, 1_000, 7_000,
                                0, Outcome.ANSWER, null)));
    }

    static List<CallRecord> track(List<TimedEslEvent> events) {
        return EslScenarioCheck.track(events.stream().map(TimedEslEvent::event).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recordEqualsTheTruth(String name, ScenarioSpec spec) {
        GeneratedEslCall call = new EslScenarioGenerator(7).generate(spec, START);
        List<CallRecord> records = track(call.events());
        assertThat(records).hasSize(1);
        EslScenarioCheck.assertMatches(records.getFirst(), call.truth());
    }

    @Test
    void truthUsesCallcenterNamesAndTheQueueAsReported() {
        EslScenarioGenerator generator = new EslScenarioGenerator(3);
        CallTruth answered = generator.generate(ScenarioSpec.answered("5550020", "Ann", 3, 2_000, 4_000)
                .withRingNoAnswer(List.of("1"), 1_000), START).truth();
        assertThat(answered.agentName()).isEqualTo("1003");
        assertThat(answered.agentInterface()).isEqualTo("1003");
        assertThat(answered.ringNoAnswerInterfaces()).containsExactly("1001");
        assertThat(answered.queue()).isEqualTo("support");
        assertThat(answered.talkMillis()).isEqualTo(4_000);
        CallTruth transferred = generator.generate(ScenarioSpec.answered("5550021", "Bob", 1, 2_000, 4_000)
                .withTransfer(Transfer.blind()), START).truth();
        // with the transfer target until the caller hangs up: the target's prompt and one timer step
        assertThat(transferred.talkMillis()).isBetween(4_000L + 3_000 + 20, 4_000L + 6_000 + 20);
        assertThat(transferred.transfers()).containsExactly(new TruthTransfer("BLIND", "2000"));
    }

    @Test
    void interleavedMixGivesOneCorrectRecordPerCall() {
        ScenarioMix mix = new ScenarioMix(11);
        EslScenarioGenerator generator = new EslScenarioGenerator(11);
        List<GeneratedEslCall> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ScenarioSpec spec = mix.next();
            if (spec.transfer() != null) {
                spec = spec.withTransfer(Transfer.blind()); // the only kind FreeSWITCH calls are generated with
            }
            calls.add(generator.generate(spec, START + i * 50_000L)); // 20 calls a second: heavy overlap
        }
        List<CallRecord> records = track(EslScenarioGenerator.merge(calls));
        assertThat(records).hasSize(calls.size());
        Map<String, CallRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.pbxCallId(), r));
        for (GeneratedEslCall c : calls) {
            EslScenarioCheck.assertMatches(byId.get(c.callId()), c.truth());
        }
    }
}
