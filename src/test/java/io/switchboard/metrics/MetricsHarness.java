package io.switchboard.metrics;

import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.freeswitch.EslTranslator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The metrics path without threads: translator, call tracker and engine, applied in stream order
 * exactly as an ingest lane and the metrics service apply them.
 */
final class MetricsHarness {

    final MetricsEngine engine;
    final AgentStates agents;
    final MetricsIntake intake;
    final List<CallRecord> records = new ArrayList<>();
    private final CallTracker tracker;
    private final AmiTranslator ami;
    private final EslTranslator esl;
    private final List<ActiveCall> active = new ArrayList<>();
    /** The intervals published so far, as the service keeps them between publishes. */
    private final Map<Dim, NavigableMap<Long, Counters>> published = new HashMap<>();
    private long version;

    MetricsHarness(String node, String pbxType, QueuePolicies policies) {
        engine = new MetricsEngine(policies);
        agents = new AgentStates(engine);
        intake = new MetricsIntake(engine, agents);
        tracker = new CallTracker(node, TrackerSettings.defaults(pbxType));
        ami = new AmiTranslator(node, Set.of());
        esl = new EslTranslator(node, Set.of());
    }

    static QueuePolicies policies(long wrapUpSeconds) {
        return new QueuePolicies(new ServiceLevelPolicy(20, ServiceLevelVariant.ANSWERED_AND_LONG_ABANDONED, 5,
                86_400, wrapUpSeconds), "default");
    }

    void ami(AmiFrame f) {
        CallEvent e = ami.translate(f, Instant.now());
        if (e != null) {
            apply(e);
        }
    }

    void esl(Map<String, String> headers) {
        esl.translate(headers, Instant.now(), this::apply);
    }

    void apply(CallEvent e) {
        List<CallRecord> done = new ArrayList<>(2);
        String callId = tracker.apply(e, done);
        ActiveCall view = callId != null && done.isEmpty() ? tracker.view(callId) : null;
        intake.event(e, view);
        for (CallRecord r : done) {
            records.add(r);
            intake.record(r);
        }
    }

    int activeCalls() {
        return tracker.activeCount();
    }

    /** What the service would publish now (no calls in progress are shown live). */
    Reports reports(Instant now) {
        MetricsView v = new MetricsView(++version, now, Long.MIN_VALUE, snapshotDims(), agents.live(), active,
                List.of());
        return new Reports(v, engine.policies(), History.NONE, now);
    }

    private Map<Dim, NavigableMap<Long, Counters>> snapshotDims() {
        published.putAll(engine.takeChanged());
        return Map.copyOf(published);
    }

    static MetricsWindow window(Instant from, Instant to) {
        return new MetricsWindow("range", Intervals.of(from), Intervals.ceil(to));
    }
}
