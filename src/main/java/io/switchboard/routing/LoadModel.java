package io.switchboard.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calls.CallPipeline;
import io.switchboard.metrics.MetricsConfig;
import io.switchboard.metrics.MetricsService;
import io.switchboard.pbx.NodeStatus;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.screenpop.QueueTenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The load per node, queue and tenant, recomputed every {@code switchboard.routing.load.interval}
 * from the live call model (metrics), the agents' states, node health and PBX command statistics.
 *
 * <p>Its own timer thread computes the snapshot from memory only (no database, no PBX) and hands
 * it to {@link TrafficControl} on the same thread; readers take the latest snapshot without locks.
 */
@ApplicationScoped
public class LoadModel {

    private static final Logger LOG = Logger.getLogger(LoadModel.class);

    @Inject
    RoutingConfig config;
    @Inject
    MetricsService metrics;
    @Inject
    MetricsConfig metricsConfig;
    @Inject
    CallPipeline pipeline;
    @Inject
    PbxRegistry pbx;
    @Inject
    NodeGroups groups;
    @Inject
    TrafficControl control;
    @Inject
    MeterRegistry registry;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, CommandStats> commands = new ConcurrentHashMap<>();
    private final Set<String> nodeGauges = ConcurrentHashMap.newKeySet();
    private final Set<String> tenantGauges = ConcurrentHashMap.newKeySet();
    private volatile LoadSnapshot current = LoadSnapshot.empty(Instant.EPOCH);
    private QueueTenants queueTenants;
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent ev) {
        queueTenants = QueueTenants.from(metricsConfig);
        timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("routing-load").daemon().unstarted(r));
        long every = Math.max(10, config.load().interval().toMillis());
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** The latest snapshot; never null. */
    public LoadSnapshot current() {
        return current;
    }

    /** One PBX command's outcome, for the node's latency and error-rate figures. Lock-free; any thread. */
    public void recordCommand(String node, long nanos, boolean failed) {
        if (node == null) {
            return;
        }
        CommandStats s = commands.get(node);
        if (s == null) {
            s = commands.computeIfAbsent(node, n -> new CommandStats(config.load().commandWindow(), clock));
        }
        s.record(nanos, failed);
    }

    /** A node's command figures over the window now. */
    public CommandStats.Figures commandFigures(String node) {
        CommandStats s = commands.get(node);
        return s == null ? CommandStats.Figures.NONE : s.figures();
    }

    /** Computes a snapshot now and hands it to traffic control (the timer does this every interval). */
    void tick() {
        try {
            LoadSnapshot s = LoadCalculator.compute(new LoadCalculator.Inputs(clock.instant(), metrics.monitor(),
                    pipeline.activeCalls(), pbxNodes(), queueTenants, config.nodeTenants(), config.load().lineCapacity(),
                    groups::healthy, this::commandFigures));
            current = s;
            registerGauges(s);
            control.onSnapshot(s);
        } catch (RuntimeException e) {
            // the timer must survive: a failed tick keeps the previous snapshot and levels
            LOG.warnf(e, "computing the routing load failed");
        }
    }

    private Map<String, String> pbxNodes() {
        Map<String, String> out = new java.util.HashMap<>();
        for (NodeStatus n : pbx.nodes()) {
            out.put(n.id(), n.type());
        }
        return out;
    }

    private void registerGauges(LoadSnapshot s) {
        for (LoadSnapshot.NodeLoad n : s.nodes()) {
            if (nodeGauges.add(n.node())) {
                String id = n.node();
                nodeGauge("active.calls", "Calls in progress on the node", id, x -> x.activeCalls());
                nodeGauge("line.use", "Calls in progress / line capacity (0 when unknown)", id,
                        LoadSnapshot.NodeLoad::lineUse);
                nodeGauge("waiting", "Callers waiting on the node", id, x -> x.waiting());
                nodeGauge("healthy", "1 while the node is healthy", id, x -> x.healthy() ? 1 : 0);
                nodeGauge("command.p99", "p99 of PBX command latency over the window, ms", id,
                        LoadSnapshot.NodeLoad::commandP99Ms);
                nodeGauge("command.error.rate", "Failed / all PBX commands over the window", id,
                        LoadSnapshot.NodeLoad::commandErrorRate);
            }
        }
        for (LoadSnapshot.TenantLoad t : s.tenants()) {
            tenantGauges(t.tenant());
        }
        tenantGauges("*");
    }

    private void nodeGauge(String name, String description, String node, ToDoubleFunction<LoadSnapshot.NodeLoad> f) {
        Gauge.builder("switchboard.routing.load.node." + name, this, m -> {
                    LoadSnapshot.NodeLoad n = m.current.nodesById().get(node);
                    return n == null ? 0 : f.applyAsDouble(n);
                })
                .description(description).tag("node", node).register(registry);
    }

    private void tenantGauges(String tenant) {
        if (!tenantGauges.add(tenant)) {
            return;
        }
        tenantGauge("waiting", "Callers waiting in the tenant's queues", tenant, t -> t.waiting());
        tenantGauge("longest.wait", "Longest current wait in the tenant's queues, seconds", tenant,
                t -> t.longestWaitMs() / 1000.0);
        tenantGauge("talking", "Calls being handled in the tenant's queues", tenant, t -> t.talking());
        tenantGauge("agents.available", "Agents available in the tenant's queues", tenant, t -> t.agentsAvailable());
        tenantGauge("line.use", "Calls / line capacity of the tenant's healthy nodes", tenant,
                LoadSnapshot.TenantLoad::lineUse);
        tenantGauge("command.error.rate", "Failed / all PBX commands of the tenant's nodes", tenant,
                LoadSnapshot.TenantLoad::commandErrorRate);
    }

    private void tenantGauge(String name, String description, String tenant,
                             ToDoubleFunction<LoadSnapshot.TenantLoad> f) {
        Gauge.builder("switchboard.routing.load.tenant." + name, this, m -> {
                    LoadSnapshot s = m.current;
                    return f.applyAsDouble("*".equals(tenant) ? s.overall() : s.tenant(tenant));
                })
                .description(description).tag("tenant", tenant).register(registry);
    }
}
