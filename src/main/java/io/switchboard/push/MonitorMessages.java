package io.switchboard.push;

import io.switchboard.metrics.AgentMetrics;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.NodeMetrics;
import io.switchboard.metrics.QueueMetrics;
import io.switchboard.metrics.TenantMetrics;

import java.time.Instant;
import java.util.List;

/** The messages of the {@code /ws/monitor} protocol, as serialized (component order is field order). */
final class MonitorMessages {

    private MonitorMessages() {
    }

    /** The full state; the first message on every connection. */
    record Snapshot(String type, long version, MonitorSnapshot data) {
        Snapshot(MonitorSnapshot data) {
            this("snapshot", data.version(), data);
        }
    }

    /**
     * What changed since the version this client last received ({@code previous}): entries that are
     * new or differ, and the names of entries that are gone. The window fields are always carried.
     */
    record Delta(String type, long version, long previous, Instant at, String window, Instant from, Instant to,
                 List<QueueMetrics> queues, List<AgentMetrics> agents, List<NodeMetrics> nodes,
                 List<TenantMetrics> tenants, Removed removed) {
    }

    /** Names of the entries no longer in the snapshot, per kind. */
    record Removed(List<String> queues, List<String> agents, List<String> nodes, List<String> tenants) {
    }
}
