package io.switchboard.ops;

import java.util.List;
import java.util.Map;

/**
 * Prometheus series the service exports that dashboards may query, each with the string literals
 * in src/main/java that register it (a Micrometer name, or a prefix and the suffix added to it).
 * Micrometer's Prometheus names: dots become underscores, counters end in {@code _total}, timers
 * are {@code _seconds} summaries ({@code quantile} label, {@code _count}, {@code _sum}, {@code _max}).
 */
final class ExportedSeries {

    static final Map<String, List<String>> NAMES = Map.ofEntries(
            // metrics.PrometheusExport: call-center figures of today
            Map.entry("switchboard_metrics_version", List.of("switchboard.metrics.version")),
            Map.entry("switchboard_queue_waiting", List.of("switchboard.queue.waiting")),
            Map.entry("switchboard_queue_longest_current_wait_seconds",
                    List.of("switchboard.queue.longest.current.wait.seconds")),
            Map.entry("switchboard_queue_talking", List.of("switchboard.queue.talking")),
            Map.entry("switchboard_queue_agents", List.of("switchboard.queue.agents")),
            Map.entry("switchboard_queue_calls_today", List.of("switchboard.queue", ".calls.today")),
            Map.entry("switchboard_queue_service_level_percent", List.of("switchboard.queue", ".service.level.percent")),
            Map.entry("switchboard_queue_asa_seconds", List.of("switchboard.queue", ".asa.seconds")),
            Map.entry("switchboard_queue_abandon_rate_percent", List.of("switchboard.queue", ".abandon.rate.percent")),
            Map.entry("switchboard_tenant_service_level_percent",
                    List.of("switchboard.tenant", ".service.level.percent")),
            Map.entry("switchboard_agent_occupancy_percent", List.of("switchboard.agent.occupancy.percent")),
            // calls.CallPipeline: per node
            Map.entry("switchboard_calls_active", List.of("switchboard.calls.active")),
            Map.entry("switchboard_calls_completed_total", List.of("switchboard.calls.completed")),
            Map.entry("switchboard_calls_resyncs_total", List.of("switchboard.calls.resyncs")),
            Map.entry("switchboard_calls_resync_settled_total", List.of("switchboard.calls.resync.settled")),
            Map.entry("switchboard_calls_resync_adopted_total", List.of("switchboard.calls.resync.adopted")),
            Map.entry("switchboard_ingest_backlog", List.of("switchboard.ingest.backlog")),
            Map.entry("switchboard_ingest_lag_seconds", List.of("switchboard.ingest.lag")),
            // pbx.PbxRegistry, routing.NodeBreakers, routing.NodeGroups
            Map.entry("switchboard_pbx_connected", List.of("switchboard.pbx.connected")),
            Map.entry("switchboard_pbx_events_received_total", List.of("switchboard.pbx.events.received")),
            Map.entry("switchboard_pbx_breaker_open", List.of("switchboard.pbx.breaker.open")),
            Map.entry("switchboard_routing_node_active", List.of("switchboard.routing.node.active")),
            // routing.TrafficControl, routing.RoutingService
            Map.entry("switchboard_routing_level", List.of("switchboard.routing.level")),
            Map.entry("switchboard_routing_decisions_seconds", List.of("switchboard.routing.decisions")),
            Map.entry("switchboard_routing_decisions_seconds_count", List.of("switchboard.routing.decisions")),
            Map.entry("switchboard_routing_fallbacks_total", List.of("switchboard.routing.fallbacks")),
            // cti.CtiExecutor
            Map.entry("switchboard_cti_actions_seconds", List.of("switchboard.cti.actions")),
            Map.entry("switchboard_cti_actions_seconds_count", List.of("switchboard.cti.actions")));

    private ExportedSeries() {
    }
}
