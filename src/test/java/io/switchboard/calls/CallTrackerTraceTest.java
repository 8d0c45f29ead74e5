package io.switchboard.calls;

import io.switchboard.events.CallEvent;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.pbx.asterisk.CapturedTrace;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every call in the real Asterisk captures becomes exactly one correct record. */
class CallTrackerTraceTest {

    static Stream<Arguments> traces() {
        return Stream.of(
                Arguments.of("queue-calls", 6, Disposition.ANSWERED, null),
                Arguments.of("queue-abandon", 4, Disposition.ABANDONED, null),
                Arguments.of("agi-noserver", 2, Disposition.ANSWERED, "FAILURE"),
                Arguments.of("agi-fastagi", 2, Disposition.ANSWERED, "SUCCESS"));
    }

    static List<CallRecord> run(CapturedTrace trace) {
        AmiTranslator translator = new AmiTranslator("ast1",
                Set.of("CUSTOMER_ID", "CALL_TYPE", "CALLER_TAG", "ROUTE", "ROUTE_FALLBACK", "INTENT"));
        CallTracker tracker = new CallTracker("ast1", TrackerSettings.defaults("asterisk"));
        List<CallRecord> records = new ArrayList<>();
        for (AmiFrame f : trace.events()) {
            CallEvent e = translator.translate(f, Instant.now());
            if (e != null) {
                tracker.apply(e, records);
            }
        }
        assertThat(tracker.activeCount()).as("calls left open").isZero();
        assertThat(translator.stats().unknownCount()).as("unknown AMI events").isZero();
        return records;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void oneCorrectRecordPerCall(String name, int calls, Disposition disposition, String routing) {
        CapturedTrace trace = CapturedTrace.load(name);
        List<CallRecord> records = run(trace);
        Map<String, CapturedTrace.Expected> expected = trace.expectations();

        assertThat(records).hasSize(calls);
        assertThat(records).extracting(CallRecord::pbxCallId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (CallRecord r : records) {
            CapturedTrace.Expected x = expected.get(r.pbxCallId());
            assertThat(r.disposition()).as(r.id()).isEqualTo(disposition);
            assertThat(r.queue()).isEqualTo(x.queue);
            assertThat(r.direction()).isEqualTo(Direction.INBOUND);
            assertThat(r.callerNumber()).startsWith("555");
            assertThat(r.routingStatus()).isEqualTo(routing);
            assertThat(r.waitMillis() / 1000.0).as("wait of " + r.id()).isCloseTo(x.waitSeconds, within(1.0));
            if (disposition == Disposition.ANSWERED) {
                assertThat(r.agentName()).isEqualTo(x.agent);
                assertThat(r.agentInterface()).isEqualTo(x.agentInterface);
                assertThat(r.talkMillis() / 1000.0).as("talk of " + r.id()).isCloseTo(x.talkSeconds, within(1.0));
                assertThat(r.agentAttempts()).extracting(CallRecord.AgentAttempt::outcome)
                        .contains(CallRecord.AgentAttempt.Outcome.CONNECTED);
            } else {
                assertThat(r.agentName()).isNull();
                assertThat(r.talkMillis()).isZero();
            }
            assertThat(r.endedAt()).isAfterOrEqualTo(r.startedAt());
            assertThat(r.timeline()).isNotEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void agiFallbackKeepsIvrData() {
        List<CallRecord> records = run(CapturedTrace.load("agi-noserver"));
        assertThat(records).allSatisfy(r -> {
            assertThat(r.ivrData()).containsEntry("ROUTE_FALLBACK", "yes").containsKey("CUSTOMER_ID");
            assertThat(r.routingStatus()).isEqualTo("FAILURE");
        });
    }
}
