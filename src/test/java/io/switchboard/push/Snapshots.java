package io.switchboard.push;

import io.switchboard.metrics.AgentLive;
import io.switchboard.metrics.AgentMetrics;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.NodeMetrics;
import io.switchboard.metrics.QueueFigures;
import io.switchboard.metrics.QueueLive;
import io.switchboard.metrics.QueueMetrics;
import io.switchboard.metrics.ServiceLevelPolicy;
import io.switchboard.metrics.ServiceLevelVariant;
import io.switchboard.metrics.TenantMetrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Monitor snapshots for tests, built from a few numbers so changes are easy to make and to see. */
final class Snapshots {

    static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-21T00:00:00Z");
    private static final ServiceLevelPolicy POLICY =
            new ServiceLevelPolicy(20, ServiceLevelVariant.ANSWERED, 5, 86_400, 30);

    private Snapshots() {
    }

    static QueueFigures figures(long offered) {
        return new QueueFigures(offered, offered, offered, 0, 0, 0, 0, 0, 0, 100.0, 1_000L, 60_000L, 1_000L,
                2_000, 0.0, 0.0, null);
    }

    static QueueMetrics queue(String name, long offered) {
        return new QueueMetrics(name, "acme", "today", FROM, TO, POLICY, figures(offered),
                new QueueLive(1, 5_000, 2, Map.of("AVAILABLE", 3, "BUSY", 2)));
    }

    static AgentMetrics agent(String name, long answered) {
        return new AgentMetrics(name, "today", FROM, TO, answered, answered, 0, 0, 60_000, 0, 5_000, 65_000L,
                3_600_000, 600_000, 0.17, new AgentLive("AVAILABLE", false, null, FROM, List.of("support")));
    }

    static NodeMetrics node(String name, int active) {
        return new NodeMetrics(name, "asterisk", "CONNECTED", active, "today", FROM, TO, 10, figures(10));
    }

    static TenantMetrics tenant(String name, long offered) {
        return new TenantMetrics(name, "today", FROM, TO, figures(offered), new QueueLive(0, 0, 0, Map.of()));
    }

    static MonitorSnapshot snapshot(long version, List<QueueMetrics> queues, List<AgentMetrics> agents,
                                    List<NodeMetrics> nodes, List<TenantMetrics> tenants) {
        return new MonitorSnapshot(version, FROM.plusSeconds(version), "today", FROM, TO, queues, agents, nodes,
                tenants);
    }

    /** {@code n} queues whose figures all carry {@code version}: every queue changes from one to the next. */
    static MonitorSnapshot large(long version, int n) {
        List<QueueMetrics> queues = IntStream.range(0, n)
                .mapToObj(i -> queue("queue-with-a-longer-name-" + i, version * 1_000 + i)).toList();
        return snapshot(version, queues, List.of(), List.of(), List.of());
    }
}
