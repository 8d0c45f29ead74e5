package io.switchboard.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.TenantViews;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Fans published snapshots out to the {@code /ws/monitor} clients. One thread owns every client's
 * state, so the metrics publisher only stores the snapshot and wakes it: no locks, and a slow
 * serialization or a slow socket never reaches the publisher. Sends are asynchronous; a client
 * whose unwritten sends reach the bound is closed rather than buffered for without limit.
 * Each client sees its tenant's part only: a tenant's view and its deltas are computed once per
 * publish, for the tenants that have clients, and shared by that tenant's clients.
 */
@Startup
@ApplicationScoped
public class MonitorHub {

    private static final Logger LOG = Logger.getLogger(MonitorHub.class);
    static final CloseReason TOO_SLOW = new CloseReason(1008, "too slow");

    @Inject
    PushConfig config;
    @Inject
    MetricsService metrics;
    @Inject
    TenantViews views;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    private final Map<String, MonitorClient> clients = new ConcurrentHashMap<>();
    private final AtomicReference<MonitorSnapshot> published = new AtomicReference<>();
    private final AtomicBoolean fanOutQueued = new AtomicBoolean();
    private final Consumer<MonitorSnapshot> subscriber = this::onPublished;
    /**
     * Delta JSON to the latest view of a tenant, by the view the client holds (each view belongs to
     * one tenant, so its clients are the only ones to share the entry): clients in step share one.
     */
    private final Map<SnapshotIndex, String> deltas = new IdentityHashMap<>();
    /** The latest snapshot's view per tenant, made when a client of that tenant needs it. */
    private final Map<String, SnapshotIndex> latest = new HashMap<>();
    private ScheduledExecutorService hub;
    private MonitorSnapshot source;
    private Counter dropped;
    private long minIntervalNanos;
    private int maxPending;

    @PostConstruct
    void init() {
        minIntervalNanos = config.ws().minInterval().toNanos();
        maxPending = config.ws().maxPending();
        hub = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("push-monitor").daemon().unstarted(r));
        dropped = Counter.builder("switchboard.push.ws.dropped")
                .description("Monitor WebSocket clients closed for falling too far behind").register(registry);
        Gauge.builder("switchboard.push.ws.clients", clients, Map::size)
                .description("Connected monitor WebSocket clients").register(registry);
        metrics.subscribe(subscriber);
    }

    @PreDestroy
    void stop() {
        metrics.unsubscribe(subscriber);
        hub.shutdownNow();
    }

    /** Called on the metrics publisher thread: store and wake the hub, nothing else. */
    private void onPublished(MonitorSnapshot s) {
        published.set(s);
        if (fanOutQueued.compareAndSet(false, true)) {
            run(this::fanOut);
        }
    }

    void open(WebSocketConnection connection, String tenant) {
        run(() -> register(connection, tenant));
    }

    void close(WebSocketConnection connection) {
        run(() -> {
            MonitorClient c = clients.remove(connection.id());
            if (c != null) {
                c.gone = true;
            }
        });
    }

    int clientCount() {
        return clients.size();
    }

    private void run(Runnable task) {
        try {
            hub.execute(() -> guarded(task));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the application is stopping; clients are being closed anyway
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException bug) {
            LOG.error("monitor push failed", bug);
        }
    }

    private void fanOut() {
        fanOutQueued.set(false);
        MonitorSnapshot s = published.get();
        if (s == null || s == source) {
            return;
        }
        source = s;
        latest.clear();
        deltas.clear();
        clients.values().forEach(this::offer);
    }

    /** The latest snapshot as {@code tenant}'s clients see it. */
    private SnapshotIndex latest(String tenant) {
        if (source == null) {
            source = metrics.monitor();
        }
        SnapshotIndex v = latest.get(tenant);
        if (v == null) {
            v = SnapshotIndex.of(views.of(source, tenant));
            latest.put(tenant, v);
        }
        return v;
    }

    private void register(WebSocketConnection connection, String tenant) {
        if (connection.isClosed()) {
            return;
        }
        SnapshotIndex now = latest(tenant);
        MonitorClient c = new MonitorClient(connection, tenant);
        clients.put(c.id(), c);
        send(c, now, json(new MonitorMessages.Snapshot(now.snapshot())));
    }

    /** Sends the client what changed now, or once its interval is over; a pending flush covers later publishes. */
    private void offer(MonitorClient c) {
        if (c.gone || c.flushScheduled || c.last == latest(c.tenant)) {
            return;
        }
        long wait = c.lastSentNanos + minIntervalNanos - System.nanoTime();
        if (wait > 0) {
            c.flushScheduled = true;
            hub.schedule(() -> guarded(() -> {
                c.flushScheduled = false;
                flush(c);
            }), wait, TimeUnit.NANOSECONDS);
        } else {
            flush(c);
        }
    }

    private void flush(MonitorClient c) {
        SnapshotIndex target = c.gone ? null : latest(c.tenant);
        if (target == null || c.last == target) {
            return;
        }
        String json = deltas.computeIfAbsent(c.last, previous -> json(target.deltaFrom(previous)));
        send(c, target, json);
    }

    private void send(MonitorClient c, SnapshotIndex target, String json) {
        if (c.inFlight.get() >= maxPending) {
            drop(c);
            return;
        }
        c.inFlight.incrementAndGet();
        c.last = target;
        c.lastSentNanos = System.nanoTime();
        c.connection.sendText(json).subscribe().with(
                written -> c.inFlight.decrementAndGet(),
                failed -> c.inFlight.decrementAndGet()); // the connection is closing; onClose removes it
    }

    private void drop(MonitorClient c) {
        clients.remove(c.id());
        c.gone = true;
        dropped.increment();
        LOG.warnf("Closing monitor client %s: %d messages still unwritten", c.id(), c.inFlight.get());
        c.connection.close(TOO_SLOW).subscribe().with(closed -> { }, failed -> { });
    }

    private String json(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
