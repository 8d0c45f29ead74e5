package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.Direction;
import io.switchboard.calls.Disposition;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.calls.TransferType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every caller of the real FreeSWITCH captures (plain and json) becomes exactly one correct
 * record: normal calls, abandons, the blind transfer and the calls first offered to the agent
 * who never answers.
 */
class FreeSwitchTraceTest {

    static List<CallRecord> run(FreeSwitchCapture capture, EslTranslator translator) {
        CallTracker tracker = new CallTracker("fs1", TrackerSettings.defaults("freeswitch"));
        List<CallRecord> records = new ArrayList<>();
        for (Map<String, String> h : capture.events()) {
            translator.translate(h, Instant.now(), e -> tracker.apply(e, records));
        }
        return records;
    }

    @ParameterizedTest
    @ValueSource(strings = {"callcenter-plain", "callcenter-json"})
    void everyCallerBecomesOneCorrectRecord(String name) {
        FreeSwitchCapture capture = FreeSwitchCapture.load(name);
        EslTranslator translator = new EslTranslator("fs1", Set.of("cc_test_call"));
        List<CallRecord> records = run(capture, translator);
        assertThat(translator.stats().unknownCount()).as("unknown events").isZero();
        assertThat(translator.stats().invalidCount()).as("invalid events").isZero();

        for (Map.Entry<String, String[]> caller : FreeSwitchCapture.callers().entrySet()) {
            String kind = caller.getValue()[0];
            String aLeg = caller.getValue()[1];
            List<CallRecord> mine = records.stream().filter(r -> r.pbxCallId().equals(aLeg)).toList();
            assertThat(mine).as(caller.getKey() + " records").hasSize(1);
            CallRecord r = mine.getFirst();
            FreeSwitchCapture.Expected x = capture.expected(aLeg);
            String what = caller.getKey() + " (" + kind + ")";
            assertThat(r.pbxType()).isEqualTo("freeswitch");
            assertThat(r.queue()).as(what).isEqualTo("support");
            assertThat(r.direction()).isEqualTo(Direction.INBOUND);
            assertThat(r.callerNumber()).as(what).startsWith("55501");
            assertThat(r.waitMillis() / 1000.0).as(what + " wait").isCloseTo(x.waitSeconds, within(1.0));
            switch (kind) {
                case "normal" -> {
                    assertThat(r.disposition()).as(what).isEqualTo(Disposition.ANSWERED);
                    assertThat(r.agentName()).as(what).isEqualTo(x.agent);
                    assertThat(r.talkMillis() / 1000.0).as(what + " talk").isCloseTo(x.talkSeconds, within(1.0));
                    assertThat(r.transfers()).isEmpty();
                }
                case "transfer" -> {
                    assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
                    assertThat(r.agentName()).isEqualTo(x.agent);
                    assertThat(r.transfers()).singleElement().satisfies(t -> {
                        assertThat(t.type()).isEqualTo(TransferType.BLIND);
                        assertThat(t.to()).isEqualTo("transfer-target");
                    });
                    // with the transfer target until the caller hangs up
                    assertThat(r.talkMillis() / 1000.0).as(what + " talk").isCloseTo(x.callerGoneAfter, within(1.0));
                }
                case "abandon" -> {
                    assertThat(r.disposition()).as(what).isEqualTo(Disposition.ABANDONED);
                    assertThat(r.agentName()).isNull();
                    assertThat(r.talkMillis()).isZero();
                }
                default -> throw new AssertionError("unexpected kind " + kind);
            }
            assertThat(r.agentAttempts()).filteredOn(a -> a.outcome() == CallRecord.AgentAttempt.Outcome.NO_ANSWER)
                    .extracting(CallRecord.AgentAttempt::agentInterface).containsExactlyElementsOf(x.noAnswerAgents);
        }
        // legs of finished calls are forgotten: memory stays bounded
        assertThat(translator.trackedLegs()).isLessThanOrEqualTo(2);
    }
}
