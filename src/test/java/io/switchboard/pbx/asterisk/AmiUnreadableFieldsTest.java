package io.switchboard.pbx.asterisk;

import io.switchboard.pbx.SameCalls;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real capture with one refining field made unreadable in every frame of one event type: each
 * frame is still translated (the field becomes its fallback and is counted as unreadable), so every
 * call still ends with the same record, apart from the field itself.
 */
class AmiUnreadableFieldsTest {

    private static final Set<String> IVR = Set.of("CUSTOMER_ID", "CALL_TYPE", "CALLER_TAG", "ROUTE", "INTENT");

    private record Run(AmiTranslator translator, CallTracker tracker, List<CallRecord> records) {
    }

    /** Frames received at the time the PBX stamped on them, so a lost Timestamp changes no duration. */
    private static Run run(List<AmiFrame> frames, List<AmiFrame> original) {
        AmiTranslator translator = new AmiTranslator("ast1", IVR);
        CallTracker tracker = new CallTracker("ast1", TrackerSettings.defaults("asterisk"));
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            Instant rx = AmiTimestamps.parse(original.get(i).get("Timestamp"), Instant.EPOCH);
            CallEvent e = translator.translate(frames.get(i), rx);
            if (e != null) {
                tracker.apply(e, records);
            }
        }
        return new Run(translator, tracker, records);
    }

    @ParameterizedTest(name = "{0}: {1} {2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "same", textBlock = """
            queue-calls   | Hangup             | Cause             | abc         | 0
            queue-abandon | Hangup             | Cause             | 16x         | 0
            queue-calls   | Hangup             | Cause             | 99999999999 | 0
            queue-calls   | Hangup             | Timestamp         | abc         | same
            queue-calls   | HangupRequest      | Cause             | abc         | same
            queue-calls   | QueueCallerJoin    | Position          | first       | same
            queue-calls   | BridgeEnter        | BridgeNumChannels | two         | same
            queue-calls   | AgentConnect       | HoldTime          | -           | same
            queue-calls   | AgentConnect       | RingTime          | 1.5         | same
            queue-calls   | AgentComplete      | TalkTime          | 12s         | same
            queue-abandon | QueueCallerAbandon | HoldTime          | abc         | same
            queue-abandon | QueueCallerAbandon | OriginalPosition  | x           | same
            """)
    void theEventIsKeptWithTheFieldUnknown(String trace, String event, String header, String bad, Integer cause) {
        List<AmiFrame> original = CapturedTrace.load(trace).events();
        List<AmiFrame> broken = new ArrayList<>();
        int edited = 0;
        for (AmiFrame f : original) {
            boolean hit = event.equalsIgnoreCase(f.eventName()) && f.get(header) != null;
            broken.add(hit ? f.with(header, bad) : f);
            edited += hit ? 1 : 0;
        }
        assertThat(edited).as("frames with %s %s", event, header).isPositive();

        Run base = run(original, original);
        Run run = run(broken, original);

        assertThat(run.tracker().activeCount()).as("calls left open").isZero();
        assertThat(run.translator().stats().invalidCount()).as("invalid").isZero();
        assertThat(run.translator().stats().translatedCount()).isEqualTo(base.translator().stats().translatedCount());
        assertThat(run.translator().stats().unreadableCount()).as("unreadable fields").isEqualTo(edited);
        assertThat(base.translator().stats().unreadableCount()).isZero();

        SameCalls.assertSame(run.records(), base.records(), (r, x) -> {
            assertThat(r.waitMillis()).as(r.pbxCallId()).isEqualTo(x.waitMillis());
            assertThat(r.hangupCause()).as("cause of " + r.pbxCallId())
                    .isEqualTo(cause != null ? cause : x.hangupCause());
        });
    }
}
