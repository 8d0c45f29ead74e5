package io.switchboard.metrics;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallPipeline;
import io.switchboard.calls.CallRecord;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.PbxRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The metrics engine in the service: fed by every ingest lane (events, then records), it keeps the
 * counters in memory and publishes an immutable view a few times a second. Every reader (REST,
 * WebSocket, messaging, Prometheus) reads the same published view, so they agree for a version.
 * Lanes only take a short lock for in-memory updates; database writes happen on the timer thread.
 */
@ApplicationScoped
public class MetricsService implements CallEventListener {

    private static final Logger LOG = Logger.getLogger(MetricsService.class);

    @Inject
    MetricsConfig config;
    @Inject
    IntervalStore store;
    @Inject
    Instance<CallPipeline> pipeline;
    @Inject
    Instance<PbxRegistry> registry;

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Consumer<MonitorSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private QueuePolicies policies;
    private MetricsEngine engine;
    private AgentStates agents;
    private MetricsIntake intake;
    private ZoneId zone;
    private long horizonUs;
    private boolean dirty = true;
    private Instant lastPublish = Instant.EPOCH;
    private volatile MetricsView view = MetricsView.empty(0);
    private volatile MonitorSnapshot monitor;
    private ScheduledExecutorService timer;

    void start(@Observes @Priority(20) StartupEvent ev) {
        policies = QueuePolicies.from(config);
        zone = config.zone().map(ZoneId::of).orElse(ZoneId.systemDefault());
        engine = new MetricsEngine(policies);
        agents = new AgentStates(engine);
        intake = new MetricsIntake(engine, agents);
        policies.configuredQueues().forEach(q -> engine.touch(new Dim(Scope.QUEUE, q)));
        horizonUs = horizon(Instant.now());
        engine.floor(horizonUs);
        rebuild();
        publish();
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("metrics").daemon().unstarted(r));
        long every = config.publishInterval().toMillis();
        timer.scheduleWithFixedDelay(this::publishQuietly, every, every, TimeUnit.MILLISECONDS);
        long flush = config.flushInterval().toMillis();
        timer.scheduleWithFixedDelay(this::flush, flush, flush, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
            flush();
        }
    }

    /** Memory holds today and, for first-contact resolution, the longest FCR window before it. */
    private long horizon(Instant now) {
        Instant midnight = MetricsWindow.startOfDay(now, zone);
        return Intervals.of(midnight.minusSeconds(policies.longestFcrWindowSeconds()));
    }

    /** Recomputes the counters held in memory from the stored call records: exact after a restart. */
    private void rebuild() {
        try {
            store.loadStateTime(horizonUs, engine);
            store.loadFacts(horizonUs, engine::apply);
            LOG.infof("metrics rebuilt from %d stored calls", engine.visitCount());
        } catch (Exception e) {
            LOG.warnf("metrics start empty: history could not be read (%s)", e.toString());
        }
    }

    @Override
    public void onEvent(CallEvent event, String callId) {
        onEvent(event, callId, null);
    }

    @Override
    public void onEvent(CallEvent event, String callId, ActiveCall call) {
        lock.lock();
        try {
            intake.event(event, call);
            dirty = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onRecord(CallRecord record) {
        lock.lock();
        try {
            intake.record(record);
            dirty = true;
        } finally {
            lock.unlock();
        }
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.warn("metrics publish failed", e);
        }
    }

    /** Builds and hands out a new view when anything changed, and on each tick while time counts. */
    void publish() {
        Instant now = Instant.now();
        List<ActiveCall> active = pipeline.isResolvable() ? pipeline.get().activeCalls() : List.of();
        boolean waiting = active.stream().anyMatch(a -> "QUEUED".equals(a.state()));
        MetricsView next;
        lock.lock();
        try {
            boolean tick = !now.isBefore(lastPublish.plus(config.tickInterval()));
            if (!dirty && !tick && monitor != null) {
                return;
            }
            agents.creditAll(now);
            Map<Dim, NavigableMap<Long, Counters>> changed = engine.takeChanged();
            // on a tick: staffed agents' time moves on, and so does the wait of callers waiting now
            if (!dirty && changed.isEmpty() && !waiting && monitor != null) {
                return;
            }
            Map<Dim, NavigableMap<Long, Counters>> dims = new HashMap<>(view.dims());
            dims.putAll(changed);
            next = new MetricsView(view.version() + 1, now, horizonUs, dims, agents.live(), active, nodes());
            dirty = false;
            lastPublish = now;
        } finally {
            lock.unlock();
        }
        view = next;
        publish(reports(next, now).monitor(window("today", null, null, now)));
    }

    /**
     * Makes {@code snapshot} the one {@link #monitor()} returns and hands it to every subscriber.
     * The engine calls it with each new version; replaying a snapshot to push consumers uses it too.
     */
    public void publish(MonitorSnapshot snapshot) {
        monitor = snapshot;
        for (Consumer<MonitorSnapshot> s : subscribers) {
            try {
                s.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("metrics subscriber failed", e);
            }
        }
    }

    private List<MetricsView.NodeInfo> nodes() {
        if (!registry.isResolvable()) {
            return List.of();
        }
        return registry.get().nodes().stream()
                .map(n -> new MetricsView.NodeInfo(n.id(), n.type(), n.state().name())).toList();
    }

    /** Writes changed intervals; moves the in-memory horizon at midnight. */
    void flush() {
        List<MetricsEngine.IntervalRow> rows;
        lock.lock();
        try {
            rows = engine.takeUnsaved();
        } finally {
            lock.unlock();
        }
        try {
            if (config.writeIntervals()) {
                store.write(rows);
            }
        } catch (Exception e) {
            LOG.warnf("writing %d metric intervals failed, will retry: %s", rows.size(), e.toString());
            lock.lock();
            try {
                engine.markUnsaved(rows);
            } finally {
                lock.unlock();
            }
            return;
        }
        long h = horizon(Instant.now());
        if (h > horizonUs) {
            lock.lock();
            try {
                engine.forgetBefore(h);
                engine.floor(h);
                horizonUs = h;
                dirty = true;
            } finally {
                lock.unlock();
            }
        }
    }

    private Reports reports(MetricsView v, Instant now) {
        return new Reports(v, policies, store::sums, now);
    }

    private <T> T cached(String what, MetricsWindow w, java.util.function.Function<Reports, T> compute) {
        return cache.get(view, what, w, compute);
    }

    private final ReportCache cache = new ReportCache(v -> reports(v, v.at()));

    /** @throws IllegalArgumentException for a bad window */
    public MetricsWindow window(String window, String from, String to, Instant now) {
        return MetricsWindow.parse(window, from, to, now, zone);
    }

    /** The {@code today} view of every queue, agent, node and tenant at the latest version. */
    public MonitorSnapshot monitor() {
        return monitor;
    }

    public MonitorSnapshot monitor(MetricsWindow w) {
        return cached("monitor", w, r -> r.monitor(w));
    }

    public List<QueueMetrics> queues(MetricsWindow w) {
        return cached("queues", w, r -> r.queues(w));
    }

    /** A queue's figures, or null for a queue never seen nor configured. */
    public QueueMetrics queue(String name, MetricsWindow w) {
        for (QueueMetrics q : queues(w)) {
            if (q.queue().equals(name)) {
                return q;
            }
        }
        return w.fromUs() < view.horizonUs() ? reports(view, view.at()).queue(name, w) : null;
    }

    /** One entry per 15-minute interval of the window, oldest first. */
    public List<QueueMetrics> queueIntervals(String name, MetricsWindow w) {
        MetricsView v = view;
        Dim dim = new Dim(Scope.QUEUE, name);
        NavigableMap<Long, Counters> series = new TreeMap<>();
        if (w.fromUs() < v.horizonUs()) {
            series.putAll(store.series(dim, w.fromUs(), Math.min(w.toUs(), v.horizonUs())));
        }
        NavigableMap<Long, Counters> mem = v.dims().get(dim);
        if (mem != null) {
            series.putAll(mem.subMap(Math.max(w.fromUs(), v.horizonUs()), true, w.toUs(), false));
        }
        ServiceLevelPolicy p = policies.policy(name);
        QueueLive live = reports(v, v.at()).live(name);
        return series.entrySet().stream().map(e -> new QueueMetrics(name, policies.tenant(name), "interval",
                Intervals.instant(e.getKey()), Intervals.instant(e.getKey() + Intervals.LENGTH_US), p,
                Figures.of(e.getValue(), p.variant()), live)).toList();
    }

    public List<AgentMetrics> agents(MetricsWindow w) {
        return cached("agents", w, r -> r.agents(w));
    }

    public List<NodeMetrics> nodes(MetricsWindow w) {
        return cached("nodes", w, r -> r.nodes(w));
    }

    public List<TenantMetrics> tenants(MetricsWindow w) {
        return cached("tenants", w, r -> r.tenants(w));
    }

    public long version() {
        return view.version();
    }

    /**
     * Called with each new {@link #monitor()} snapshot on the metrics timer thread, at most a
     * few times a second; must return quickly and never block.
     */
    public void subscribe(Consumer<MonitorSnapshot> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<MonitorSnapshot> subscriber) {
        subscribers.remove(subscriber);
    }
}
