package io.switchboard.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Everything a wallboard shows, for one window (normally {@code today}). {@code version} grows
 * with every change the metrics engine publishes; equal versions carry equal numbers, whichever
 * channel (REST, WebSocket, messaging, Prometheus) served them.
 */
public record MonitorSnapshot(long version, Instant at, String window, Instant from, Instant to,
                              List<QueueMetrics> queues, List<AgentMetrics> agents, List<NodeMetrics> nodes,
                              List<TenantMetrics> tenants) {
    public MonitorSnapshot {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
        nodes = List.copyOf(nodes);
        tenants = List.copyOf(tenants);
    }
}
