package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.SameCalls;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real FreeSWITCH capture with one refining field made unreadable in every event of one kind:
 * each event is still translated (the field becomes its fallback and is counted as unreadable), so
 * every caller still ends with the same record. A channel event without its channel is invalid.
 */
class EslUnreadableFieldsTest {

    private static final List<Map<String, String>> EVENTS = FreeSwitchCapture.load("callcenter-plain").events();

    private record Run(EslTranslator translator, CallTracker tracker, List<CallRecord> records) {
    }

    /** Events received at the time FreeSWITCH stamped on them, so a lost timestamp changes no duration. */
    private static Run run(List<Map<String, String>> events) {
        EslTranslator translator = new EslTranslator("fs1", Set.of("cc_test_call"));
        CallTracker tracker = new CallTracker("fs1", TrackerSettings.defaults("freeswitch"));
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            long us = Long.parseLong(EVENTS.get(i).get("Event-Date-Timestamp"));
            Instant rx = Instant.ofEpochSecond(us / 1_000_000L, (us % 1_000_000L) * 1_000L);
            translator.translate(events.get(i), rx, e -> tracker.apply(e, records));
        }
        return new Run(translator, tracker, records);
    }

    @ParameterizedTest(name = "{0}: {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Event-Name=CHANNEL_HANGUP_COMPLETE | variable_hangup_cause_q850 | abc
            Event-Name=CHANNEL_HANGUP_COMPLETE | variable_hangup_cause_q850 | -16
            Event-Name=CHANNEL_HANGUP_COMPLETE | Event-Date-Timestamp       | abc
            Event-Name=CHANNEL_ANSWER          | Event-Date-Timestamp       | 1.7e15
            CC-Action=member-queue-start       | Event-Date-Timestamp       | now
            CC-Action=bridge-agent-start       | CC-Agent-Answered-Time     | abc
            CC-Action=bridge-agent-end         | CC-Agent-Answered-Time     | abc
            CC-Cause=Cancel                    | CC-Member-Leaving-Time     | abc
            CC-Cause=Cancel                    | CC-Member-Joined-Time      | 99999999999999999999
            """)
    void theEventIsKeptWithTheFieldUnknown(String kind, String header, String bad) {
        String[] match = kind.split("=");
        List<Map<String, String>> broken = new ArrayList<>();
        int edited = 0;
        for (Map<String, String> h : EVENTS) {
            boolean hit = match[1].equals(h.get(match[0])) && h.get(header) != null;
            Map<String, String> e = new LinkedHashMap<>(h);
            if (hit) {
                e.put(header, bad);
                edited++;
            }
            broken.add(e);
        }
        assertThat(edited).as("events %s with %s", kind, header).isPositive();

        Run base = run(EVENTS);
        Run run = run(broken);

        assertThat(run.tracker().activeCount()).as("calls left open").isEqualTo(base.tracker().activeCount());
        assertThat(run.translator().stats().invalidCount()).as("invalid").isZero();
        assertThat(run.translator().stats().translatedCount()).isEqualTo(base.translator().stats().translatedCount());
        assertThat(run.translator().stats().unreadableCount()).as("unreadable fields").isEqualTo(edited);
        assertThat(base.translator().stats().unreadableCount()).isZero();

        // an unreadable q850 falls back to the cause name, which the capture always carries
        SameCalls.assertSame(run.records(), base.records(), (r, x) ->
                assertThat(r.hangupCause()).as("cause of " + r.pbxCallId()).isEqualTo(x.hangupCause()));
    }

    @Test
    void aHangupWithNeitherCauseReadableEndsTheLegWithCauseUnknown() {
        EslTranslator t = new EslTranslator("fs1", Set.of());
        List<CallEvent> out = new ArrayList<>();
        Map<String, String> h = first("CHANNEL_HANGUP_COMPLETE");
        h.put("variable_hangup_cause_q850", "abc");
        h.remove("Hangup-Cause");
        t.translate(h, Instant.EPOCH, out::add);
        assertThat(out).filteredOn(CallEvent.LegHangup.class::isInstance).singleElement()
                .extracting(e -> ((CallEvent.LegHangup) e).cause()).isEqualTo(0);
        assertThat(t.stats().translatedCount()).isEqualTo(1);
        assertThat(t.stats().unreadableCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "Unique-ID: [{0}]")
    @ValueSource(strings = {"<absent>", ""})
    void channelCreateWithoutUniqueIdIsInvalidLikeOtherChannelEvents(String uuid) {
        EslTranslator t = new EslTranslator("fs1", Set.of("cc_test_call"));
        List<CallEvent> out = new ArrayList<>();
        Map<String, String> h = first("CHANNEL_CREATE");
        if (uuid.equals("<absent>")) {
            h.remove("Unique-ID");
        } else {
            h.put("Unique-ID", uuid);
        }
        t.translate(h, Instant.EPOCH, out::add);
        assertThat(out).isEmpty();
        assertThat(t.stats().invalidCount()).isEqualTo(1);
        assertThat(t.stats().translatedCount()).isZero();
        assertThat(t.trackedLegs()).isZero();
        assertThat(t.rememberedLegs()).isZero();
    }

    private static Map<String, String> first(String eventName) {
        return new LinkedHashMap<>(EVENTS.stream().filter(h -> eventName.equals(h.get("Event-Name")))
                .findFirst().orElseThrow());
    }
}
