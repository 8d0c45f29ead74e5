package io.switchboard.push;

import io.switchboard.metrics.AgentMetrics;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.NodeMetrics;
import io.switchboard.metrics.QueueMetrics;
import io.switchboard.metrics.TenantMetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A snapshot with its entries keyed by name (queue, agent, node, tenant), built once per published
 * snapshot so each client's delta is a few map lookups and record {@code equals} calls.
 */
record SnapshotIndex(MonitorSnapshot snapshot, Map<String, QueueMetrics> queues, Map<String, AgentMetrics> agents,
                     Map<String, NodeMetrics> nodes, Map<String, TenantMetrics> tenants) {

    static SnapshotIndex of(MonitorSnapshot s) {
        return new SnapshotIndex(s, byName(s.queues(), QueueMetrics::queue), byName(s.agents(), AgentMetrics::agent),
                byName(s.nodes(), NodeMetrics::node), byName(s.tenants(), TenantMetrics::tenant));
    }

    long version() {
        return snapshot.version();
    }

    /** The message that takes a client holding {@code previous} to this snapshot. */
    MonitorMessages.Delta deltaFrom(SnapshotIndex previous) {
        MonitorSnapshot s = snapshot;
        return new MonitorMessages.Delta("delta", s.version(), previous.version(), s.at(), s.window(), s.from(),
                s.to(), changed(previous.queues, queues), changed(previous.agents, agents),
                changed(previous.nodes, nodes), changed(previous.tenants, tenants),
                new MonitorMessages.Removed(gone(previous.queues, queues), gone(previous.agents, agents),
                        gone(previous.nodes, nodes), gone(previous.tenants, tenants)));
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>(items.size() * 2);
        for (T t : items) {
            m.put(name.apply(t), t); // a duplicate name keeps the last entry, as a client applying the list would
        }
        return m;
    }

    private static <T> List<T> changed(Map<String, T> before, Map<String, T> now) {
        List<T> out = new ArrayList<>();
        now.forEach((name, t) -> {
            if (!t.equals(before.get(name))) {
                out.add(t);
            }
        });
        return out;
    }

    private static List<String> gone(Map<String, ?> before, Map<String, ?> now) {
        List<String> out = new ArrayList<>();
        for (String name : before.keySet()) {
            if (!now.containsKey(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
