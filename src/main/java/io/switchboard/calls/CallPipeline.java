package io.switchboard.calls;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Creates one ingest lane per PBX node and gives the rest of the service a view of all of them. */
@ApplicationScoped
public class CallPipeline {

    @Inject
    CallsConfig config;
    @Inject
    RecordSink sink;
    @Inject
    Instance<CallEventListener> listeners;
    @Inject
    MeterRegistry registry;
    @Inject
    Instance<EventBus> bus;

    private final Map<String, IngestLane> lanes = new ConcurrentHashMap<>();

    public IngestLane lane(String nodeId, String pbxType) {
        return lanes.computeIfAbsent(nodeId, id -> create(id, pbxType));
    }

    private IngestLane create(String nodeId, String pbxType) {
        TrackerSettings settings = new TrackerSettings(pbxType, new HashSet<>(config.inboundContexts()),
                new HashSet<>(config.outboundContexts()), config.maxIdle(), config.finishedMemory());
        EventBus events = busEnabled() ? bus.get() : null;
        // publishing: the records and the listeners' events come from the bus's consumers
        RecordSink laneSink = events != null ? r -> { } : sink;
        IngestLane lane = new IngestLane(nodeId, new CallTracker(nodeId, settings), laneSink, config.laneCapacity(),
                config.sweepInterval());
        if (events != null) {
            lane.tap(events.publisher(nodeId, pbxType));
        }
        Tags tags = Tags.of("node", nodeId);
        Timer lag = Timer.builder("switchboard.ingest.lag")
                .description("Time from reading an event off the PBX socket to the call model applying it")
                .tags(tags).publishPercentiles(0.5, 0.99).register(registry);
        lane.addListener((e, callId) -> lag.record(Duration.between(e.meta().receivedAt(), Instant.now())));
        if (events == null) {
            listeners.forEach(lane::addListener);
        }
        FunctionCounter.builder("switchboard.ingest.events", lane, IngestLane::appliedEvents)
                .description("Normalized events applied to the call model").tags(tags).register(registry);
        FunctionCounter.builder("switchboard.ingest.stalls", lane, IngestLane::stalls)
                .description("Times the PBX reader had to wait for a full lane").tags(tags).register(registry);
        FunctionCounter.builder("switchboard.ingest.late.events", lane, IngestLane::lateEvents)
                .description("Events for calls already finished (dropped)").tags(tags).register(registry);
        FunctionCounter.builder("switchboard.calls.resyncs", lane, IngestLane::resyncs)
                .description("Live snapshots applied after a (re)connect").tags(tags).register(registry);
        FunctionCounter.builder("switchboard.calls.resync.settled", lane, IngestLane::settledCalls)
                .description("Calls ended while the node was not heard, written from a snapshot").tags(tags)
                .register(registry);
        FunctionCounter.builder("switchboard.calls.resync.adopted", lane, IngestLane::adoptedCalls)
                .description("Calls in progress taken over from a snapshot").tags(tags).register(registry);
        FunctionCounter.builder("switchboard.calls.completed", lane, IngestLane::recordsEmitted)
                .description("Call records produced").tags(tags).register(registry);
        Gauge.builder("switchboard.ingest.backlog", lane, IngestLane::backlog)
                .description("Events waiting for the call model").tags(tags).register(registry);
        Gauge.builder("switchboard.calls.active", lane, l -> l.activeCalls().size())
                .description("Calls in progress").tags(tags).register(registry);
        return lane.start();
    }

    public Collection<IngestLane> lanes() {
        return lanes.values();
    }

    private boolean busEnabled() {
        return bus.isResolvable() && bus.get().enabled();
    }

    public List<ActiveCall> activeCalls() {
        Collection<ActiveCall> all = busEnabled() ? bus.get().activeCalls()
                : lanes.values().stream().flatMap(l -> l.activeCalls().stream()).toList();
        return all.stream()
                .sorted(Comparator.comparing(ActiveCall::startedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    @PreDestroy
    void close() {
        lanes.values().forEach(IngestLane::close);
    }
}
