package io.switchboard.metrics;

import java.util.Map;

/** Interval counters older than what the engine holds in memory, summed per dimension. */
@FunctionalInterface
interface History {
    Map<Dim, Counters> sums(Scope scope, long fromUs, long toUs);

    History NONE = (scope, from, to) -> Map.of();
}
