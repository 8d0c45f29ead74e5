package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.Direction;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.TruthTransfer;
import io.switchboard.simulator.esl.SimEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs FreeSWITCH events through {@link EslTranslator} and {@link CallTracker} as the capture tests
 * do, and compares the records with generated ground truth field by field, exactly.
 */
public final class EslScenarioCheck {

    public static final Set<String> IVR = Set.of("INTENT", "CUSTOMER_ID", "LANGUAGE");

    private EslScenarioCheck() {
    }

    /** The records of all calls in {@code events}; every event known, every call and leg closed. */
    public static List<CallRecord> track(List<SimEvent> events) {
        EslTranslator translator = new EslTranslator("fs1", IVR);
        CallTracker tracker = new CallTracker("fs1", TrackerSettings.defaults("freeswitch"));
        List<CallRecord> records = new ArrayList<>();
        for (SimEvent event : events) {
            translator.translate(headers(event), Instant.now(), e -> tracker.apply(e, records));
        }
        assertThat(translator.stats().unknownCount()).as("unknown events").isZero();
        assertThat(translator.stats().invalidCount()).as("invalid events").isZero();
        assertThat(tracker.activeCount()).as("calls left open").isZero();
        assertThat(translator.trackedLegs()).as("legs still tracked").isZero();
        return records;
    }

    /** Decoded headers as the collector sees them: the first of repeated headers wins. */
    static Map<String, String> headers(SimEvent event) {
        Map<String, String> h = new LinkedHashMap<>();
        event.headers().forEach(e -> h.putIfAbsent(e.getKey(), e.getValue()));
        return h;
    }

    public static void assertMatches(CallRecord r, CallTruth t) {
        assertThat(r.pbxType()).isEqualTo("freeswitch");
        assertThat(r.pbxCallId()).isEqualTo(t.linkedId());
        assertThat(r.disposition().name()).as("disposition").isEqualTo(t.disposition());
        assertThat(r.callerNumber()).isEqualTo(t.callerNum());
        assertThat(r.callerName()).isEqualTo(t.callerName());
        assertThat(r.queue()).as("queue").isEqualTo(t.queue());
        assertThat(r.agentInterface()).as("agent interface").isEqualTo(t.agentInterface());
        assertThat(r.agentName()).as("agent").isEqualTo(t.agentName());
        assertThat(r.waitMillis()).as("wait").isEqualTo(t.waitMillis());
        assertThat(r.talkMillis()).as("talk").isEqualTo(t.talkMillis());
        assertThat(r.holdMillis()).as("hold").isEqualTo(t.holdMillis());
        assertThat(r.transfers()).extracting(x -> new TruthTransfer(x.type().name(), x.to()))
                .containsExactlyElementsOf(t.transfers());
        assertThat(r.agentAttempts()).filteredOn(a -> a.outcome() == CallRecord.AgentAttempt.Outcome.NO_ANSWER)
                .extracting(CallRecord.AgentAttempt::agentInterface)
                .containsExactlyElementsOf(t.ringNoAnswerInterfaces());
        assertThat(r.ivrData()).as("IVR data").isEqualTo(t.ivrVars());
        assertThat(r.direction()).isEqualTo(Direction.INBOUND);
    }
}
