package io.switchboard.metrics;

import io.switchboard.metrics.Contribution.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Interval counters for every queue, agent, node and tenant, kept exact under provisional,
 * repeated and reordered input: each call's contribution is recomputed from its newest fact and
 * replaces the previous one, a second final fact for a call changes nothing, and first-contact
 * resolution is decided by the callers' visits whatever order they arrive in.
 * Not thread-safe: the service serializes access.
 */
final class MetricsEngine {

    private static final class Visit {
        VisitFact fact;
        boolean repeat;
    }

    private final QueuePolicies policies;
    private final Map<String, Visit> visits = new HashMap<>();
    private final Map<String, List<Visit>> byCaller = new HashMap<>();
    private final Map<Dim, NavigableMap<Long, Counters>> dims = new HashMap<>();
    private final Set<Dim> changedDims = new HashSet<>();
    private final Set<Target> unsaved = new HashSet<>();
    private long duplicates;
    private long floorUs = Long.MIN_VALUE;

    MetricsEngine(QueuePolicies policies) {
        this.policies = policies;
    }

    QueuePolicies policies() {
        return policies;
    }

    /** Applies the newest fact of a call. */
    void apply(VisitFact f) {
        Visit v = visits.get(f.id());
        if (v != null) {
            if (v.fact.isFinal() || (!f.isFinal() && v.fact.equals(f))) {
                if (f.isFinal()) {
                    duplicates++;
                }
                return;
            }
            if (!f.isFinal() && v.fact.outcome() == VisitFact.Outcome.ANSWERED
                    && f.outcome() == VisitFact.Outcome.WAITING) {
                return; // an answered call does not go back to waiting
            }
            add(Contribution.of(v.fact, v.repeat, policies), -1);
            v.fact = f;
            add(Contribution.of(f, v.repeat, policies), 1);
            return;
        }
        v = new Visit();
        v.fact = f;
        visits.put(f.id(), v);
        linkCaller(v);
        add(Contribution.of(f, v.repeat, policies), 1);
    }

    /**
     * A caller who calls again within the window makes the earlier answered call not resolved
     * at first contact. Both directions are checked, so arrival order does not matter.
     */
    private void linkCaller(Visit v) {
        VisitFact f = v.fact;
        if (!f.queued() || f.caller() == null || f.caller().isEmpty()) {
            return;
        }
        String key = policies.tenant(f.queue()) + '\u0000' + f.caller();
        List<Visit> same = byCaller.computeIfAbsent(key, k -> new ArrayList<>(2));
        for (Visit other : same) {
            Instant a = other.fact.at();
            if (a.isBefore(f.at())) {
                markRepeat(other, f.at());
            } else if (a.isAfter(f.at()) && withinWindow(f, a)) {
                v.repeat = true;
            }
        }
        same.add(v);
    }

    private void markRepeat(Visit earlier, Instant laterAt) {
        if (earlier.repeat || !withinWindow(earlier.fact, laterAt)) {
            return;
        }
        add(Contribution.of(earlier.fact, false, policies), -1);
        earlier.repeat = true;
        add(Contribution.of(earlier.fact, true, policies), 1);
    }

    private boolean withinWindow(VisitFact earlier, Instant later) {
        long window = policies.policy(earlier.queue()).fcrWindowSeconds();
        return later.getEpochSecond() - earlier.at().getEpochSecond() <= window
                && !later.isBefore(earlier.at());
    }

    /** Intervals before this (epoch µs) are no longer held: parts of calls that fall there are left out. */
    void floor(long us) {
        floorUs = us;
    }

    private void add(Contribution c, int sign) {
        c.parts.forEach((t, counters) -> {
            if (t.interval() < floorUs) {
                return;
            }
            Counters cell = cell(t);
            if (sign > 0) {
                cell.add(counters);
            } else {
                cell.subtract(counters);
            }
        });
    }

    /** Adds to one cell directly (agent state time). */
    void increment(Dim dim, long interval, Counter c, long by) {
        if (interval < floorUs) {
            return;
        }
        cell(new Target(dim, interval)).inc(c, by);
    }

    /** Restores a cell's counters that are not derived from calls (agent state time) after a restart. */
    void restoreStateTime(Dim dim, long interval, long staffedMs, long busyMs) {
        Counters cell = cell(new Target(dim, interval));
        cell.set(Counter.STAFFED_MS, staffedMs).set(Counter.BUSY_MS, busyMs);
    }

    private Counters cell(Target t) {
        changedDims.add(t.dim());
        unsaved.add(t);
        return dims.computeIfAbsent(t.dim(), d -> new TreeMap<>()).computeIfAbsent(t.interval(), i -> new Counters());
    }

    /** Makes sure a dimension exists (a configured queue, an agent seen only in state events). */
    void touch(Dim dim) {
        if (dims.putIfAbsent(dim, new TreeMap<>()) == null) {
            changedDims.add(dim);
        }
    }

    /** Dimensions changed since the last call, with a copy of their intervals. */
    Map<Dim, NavigableMap<Long, Counters>> takeChanged() {
        Map<Dim, NavigableMap<Long, Counters>> out = new HashMap<>();
        for (Dim d : changedDims) {
            NavigableMap<Long, Counters> copy = new TreeMap<>();
            dims.getOrDefault(d, new TreeMap<>()).forEach((i, c) -> copy.put(i, c.copy()));
            out.put(d, copy);
        }
        changedDims.clear();
        return out;
    }

    /** Interval cells changed since the last call, copied, for writing to the database. */
    List<IntervalRow> takeUnsaved() {
        List<IntervalRow> rows = new ArrayList<>(unsaved.size());
        for (Target t : unsaved) {
            Counters c = dims.get(t.dim()).get(t.interval());
            rows.add(new IntervalRow(t.dim(), t.interval(), c.copy()));
        }
        unsaved.clear();
        return rows;
    }

    /** Puts rows back after a failed write, unless they changed meanwhile (then they are unsaved anyway). */
    void markUnsaved(List<IntervalRow> rows) {
        for (IntervalRow r : rows) {
            unsaved.add(new Target(r.dim(), r.interval()));
        }
    }

    /** Forgets calls and intervals before {@code horizon} (epoch µs); their intervals are in the database. */
    void forgetBefore(long horizonUs) {
        Instant horizon = Intervals.instant(horizonUs);
        visits.values().removeIf(v -> v.fact.at().isBefore(horizon));
        Iterator<List<Visit>> it = byCaller.values().iterator();
        while (it.hasNext()) {
            List<Visit> l = it.next();
            l.removeIf(v -> v.fact.at().isBefore(horizon));
            if (l.isEmpty()) {
                it.remove();
            }
        }
        for (Map.Entry<Dim, NavigableMap<Long, Counters>> e : dims.entrySet()) {
            NavigableMap<Long, Counters> old = e.getValue().headMap(horizonUs, false);
            if (!old.isEmpty()) {
                old.keySet().removeIf(i -> !unsaved.contains(new Target(e.getKey(), i)));
                changedDims.add(e.getKey());
            }
        }
    }

    int visitCount() {
        return visits.size();
    }

    long duplicates() {
        return duplicates;
    }

    /** One interval's counters of one dimension. */
    record IntervalRow(Dim dim, long interval, Counters counters) {
    }
}
