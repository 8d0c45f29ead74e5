package io.switchboard.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Exposes the published {@code today} snapshot as Prometheus gauges (switchboard_queue_*,
 * switchboard_agent_*, switchboard_node_*, switchboard_tenant_*), so a scrape shows the same
 * numbers as REST and WebSocket at the same {@code switchboard_metrics_version}. Figures without
 * a denominator are NaN.
 */
@ApplicationScoped
public class PrometheusExport {

    private static final String[] STATES = {"AVAILABLE", "RINGING", "BUSY", "WRAP_UP", "PAUSED", "UNAVAILABLE",
            "LOGGED_OUT", "UNKNOWN"};

    @Inject
    MeterRegistry registry;
    @Inject
    MetricsService metrics;

    private volatile Map<String, QueueMetrics> queues = Map.of();
    private volatile Map<String, AgentMetrics> agents = Map.of();
    private volatile Map<String, NodeMetrics> nodes = Map.of();
    private volatile Map<String, TenantMetrics> tenants = Map.of();
    private volatile long version;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    void start(@Observes @Priority(30) StartupEvent ev) {
        Gauge.builder("switchboard.metrics.version", this, p -> p.version)
                .description("Version of the published metrics; equal versions carry equal numbers").register(registry);
        MonitorSnapshot first = metrics.monitor();
        if (first != null) {
            accept(first);
        }
        metrics.subscribe(this::accept);
    }

    private void accept(MonitorSnapshot s) {
        Map<String, QueueMetrics> q = new HashMap<>();
        s.queues().forEach(x -> q.put(x.queue(), x));
        Map<String, AgentMetrics> a = new HashMap<>();
        s.agents().forEach(x -> a.put(x.agent(), x));
        Map<String, NodeMetrics> n = new HashMap<>();
        s.nodes().forEach(x -> n.put(x.node(), x));
        Map<String, TenantMetrics> t = new HashMap<>();
        s.tenants().forEach(x -> t.put(x.tenant(), x));
        queues = q;
        agents = a;
        nodes = n;
        tenants = t;
        version = s.version();
        q.values().forEach(this::registerQueue);
        a.keySet().forEach(this::registerAgent);
        n.keySet().forEach(this::registerNode);
        t.keySet().forEach(this::registerTenant);
    }

    private void registerQueue(QueueMetrics m) {
        String name = m.queue();
        if (!registered.add("q:" + name)) {
            return;
        }
        Tags tags = Tags.of("queue", name, "tenant", m.tenant());
        figures("switchboard.queue", tags, p -> p.queues.get(name) == null ? null : p.queues.get(name).figures());
        gauge("switchboard.queue.waiting", tags, "Callers waiting now", p -> live(p, name, 0));
        gauge("switchboard.queue.longest.current.wait.seconds", tags, "Longest wait of a caller waiting now",
                p -> live(p, name, 1));
        gauge("switchboard.queue.talking", tags, "Calls of the queue being handled now", p -> live(p, name, 2));
        for (String state : STATES) {
            gauge("switchboard.queue.agents", tags.and("state", state), "Member agents by state", p -> {
                QueueMetrics x = p.queues.get(name);
                return x == null ? 0 : x.live().agentsByState().getOrDefault(state, 0);
            });
        }
    }

    private static double live(PrometheusExport p, String queue, int which) {
        QueueMetrics x = p.queues.get(queue);
        if (x == null) {
            return 0;
        }
        return switch (which) {
            case 0 -> x.live().waiting();
            case 1 -> x.live().longestCurrentWaitMillis() / 1_000.0;
            default -> x.live().talking();
        };
    }

    private void registerNode(String name) {
        if (!registered.add("n:" + name)) {
            return;
        }
        Tags tags = Tags.of("node", name);
        figures("switchboard.node", tags, p -> p.nodes.get(name) == null ? null : p.nodes.get(name).figures());
        gauge("switchboard.node.calls.today", tags, "Finished calls that started today",
                p -> p.nodes.get(name) == null ? 0 : p.nodes.get(name).calls());
    }

    private void registerTenant(String name) {
        if (!registered.add("t:" + name)) {
            return;
        }
        figures("switchboard.tenant", Tags.of("tenant", name),
                p -> p.tenants.get(name) == null ? null : p.tenants.get(name).figures());
    }

    private void registerAgent(String name) {
        if (!registered.add("a:" + name)) {
            return;
        }
        Tags tags = Tags.of("agent", name);
        gauge("switchboard.agent.calls.today", tags.and("result", "offered"), "Calls offered to the agent today",
                p -> agent(p, name) == null ? 0 : agent(p, name).offered());
        gauge("switchboard.agent.calls.today", tags.and("result", "answered"), "Calls the agent answered today",
                p -> agent(p, name) == null ? 0 : agent(p, name).answered());
        gauge("switchboard.agent.calls.today", tags.and("result", "ring_no_answer"), "Offers the agent let ring",
                p -> agent(p, name) == null ? 0 : agent(p, name).ringNoAnswer());
        gauge("switchboard.agent.aht.seconds", tags, "Average handle time today",
                p -> agent(p, name) == null ? Double.NaN : seconds(agent(p, name).ahtMillis()));
        gauge("switchboard.agent.occupancy.percent", tags, "Busy time / staffed time today",
                p -> agent(p, name) == null ? Double.NaN : nan(agent(p, name).occupancy()));
    }

    private static AgentMetrics agent(PrometheusExport p, String name) {
        return p.agents.get(name);
    }

    private void figures(String prefix, Tags tags, java.util.function.Function<PrometheusExport, QueueFigures> f) {
        String calls = prefix + ".calls.today";
        countGauge(calls, tags, "offered", f, QueueFigures::offered);
        countGauge(calls, tags, "answered", f, QueueFigures::answered);
        countGauge(calls, tags, "answered_within_sl", f, QueueFigures::answeredWithinSl);
        countGauge(calls, tags, "abandoned", f, QueueFigures::abandoned);
        countGauge(calls, tags, "short_abandoned", f, QueueFigures::shortAbandoned);
        countGauge(calls, tags, "timeout", f, QueueFigures::timeouts);
        countGauge(calls, tags, "failed", f, QueueFigures::failed);
        countGauge(calls, tags, "ring_no_answer", f, QueueFigures::ringNoAnswer);
        countGauge(calls, tags, "transferred", f, QueueFigures::transferred);
        gauge(prefix + ".service.level.percent", tags, "Service level today",
                p -> f.apply(p) == null ? Double.NaN : nan(f.apply(p).serviceLevel()));
        gauge(prefix + ".asa.seconds", tags, "Average speed of answer today",
                p -> f.apply(p) == null ? Double.NaN : seconds(f.apply(p).asaMillis()));
        gauge(prefix + ".aht.seconds", tags, "Average handle time today",
                p -> f.apply(p) == null ? Double.NaN : seconds(f.apply(p).ahtMillis()));
        gauge(prefix + ".average.wait.seconds", tags, "Average wait today",
                p -> f.apply(p) == null ? Double.NaN : seconds(f.apply(p).averageWaitMillis()));
        gauge(prefix + ".longest.wait.seconds", tags, "Longest finished wait today",
                p -> f.apply(p) == null ? 0 : f.apply(p).longestWaitMillis() / 1_000.0);
        gauge(prefix + ".abandon.rate.percent", tags, "Abandon rate today (short abandons excluded)",
                p -> f.apply(p) == null ? Double.NaN : nan(f.apply(p).abandonRate()));
        gauge(prefix + ".transfer.rate.percent", tags, "Transferred / answered today",
                p -> f.apply(p) == null ? Double.NaN : nan(f.apply(p).transferRate()));
        gauge(prefix + ".fcr.percent", tags, "First-contact resolution today",
                p -> f.apply(p) == null ? Double.NaN : nan(f.apply(p).fcr()));
    }

    private void countGauge(String name, Tags tags, String result,
                            java.util.function.Function<PrometheusExport, QueueFigures> f,
                            java.util.function.ToLongFunction<QueueFigures> value) {
        gauge(name, tags.and("result", result), "Calls today by result",
                p -> f.apply(p) == null ? 0 : value.applyAsLong(f.apply(p)));
    }

    private void gauge(String name, Tags tags, String description, ToDoubleFunction<PrometheusExport> fn) {
        Gauge.builder(name, this, fn).tags(tags).description(description).register(registry);
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static double seconds(Long ms) {
        return ms == null ? Double.NaN : ms / 1_000.0;
    }
}
