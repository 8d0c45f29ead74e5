package io.switchboard.metrics;

import io.switchboard.calls.ActiveCall;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * One published state of the engine: immutable, shared by every reader until the next one.
 * {@code horizonUs} is the first interval held in memory; earlier ones are read from the database.
 */
record MetricsView(long version, Instant at, long horizonUs, Map<Dim, NavigableMap<Long, Counters>> dims,
                   Map<String, AgentLive> agents, List<ActiveCall> active, List<NodeInfo> nodes) {

    /** A PBX node as the registry reports it. */
    record NodeInfo(String id, String type, String connection) {
    }

    static MetricsView empty(long horizonUs) {
        return new MetricsView(0, Instant.EPOCH, horizonUs, Map.of(), Map.of(), List.of(), List.of());
    }

    /** Sum of a dimension's intervals in [fromUs, toUs). */
    Counters sum(Dim dim, long fromUs, long toUs) {
        Counters total = new Counters();
        NavigableMap<Long, Counters> m = dims.get(dim);
        if (m != null && fromUs < toUs) {
            m.subMap(fromUs, true, toUs, false).values().forEach(total::add);
        }
        return total;
    }
}
