package io.switchboard.metrics;

import io.switchboard.calls.ActiveCall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the read-model records for a window from one published view (plus older history). */
final class Reports {

    private final MetricsView view;
    private final QueuePolicies policies;
    private final History history;
    private final Instant now;
    private final Map<String, QueueLive> queueLive = new HashMap<>();

    Reports(MetricsView view, QueuePolicies policies, History history, Instant now) {
        this.view = view;
        this.policies = policies;
        this.history = history;
        this.now = now;
        liveState();
    }

    private Map<Dim, Counters> sums(Scope scope, MetricsWindow w) {
        Map<Dim, Counters> out = new HashMap<>();
        if (w.fromUs() < view.horizonUs()) {
            history.sums(scope, w.fromUs(), Math.min(w.toUs(), view.horizonUs()))
                    .forEach((d, c) -> out.computeIfAbsent(d, x -> new Counters()).add(c));
        }
        long from = Math.max(w.fromUs(), view.horizonUs());
        for (Dim d : view.dims().keySet()) {
            if (d.scope() == scope) {
                out.computeIfAbsent(d, x -> new Counters()).add(view.sum(d, from, w.toUs()));
            }
        }
        return out;
    }

    List<QueueMetrics> queues(MetricsWindow w) {
        Map<Dim, Counters> sums = sums(Scope.QUEUE, w);
        TreeSet<String> names = new TreeSet<>(queueLive.keySet());
        policies.configuredQueues().forEach(names::add);
        sums.keySet().forEach(d -> names.add(d.name()));
        List<QueueMetrics> out = new ArrayList<>(names.size());
        for (String q : names) {
            out.add(queue(q, w, sums.getOrDefault(new Dim(Scope.QUEUE, q), new Counters())));
        }
        return out;
    }

    QueueMetrics queue(String q, MetricsWindow w) {
        return queue(q, w, sums(Scope.QUEUE, w).getOrDefault(new Dim(Scope.QUEUE, q), new Counters()));
    }

    /** A queue's live state (idle when nothing of it is happening now). */
    QueueLive live(String q) {
        return queueLive.getOrDefault(q, idle());
    }

    private QueueMetrics queue(String q, MetricsWindow w, Counters c) {
        ServiceLevelPolicy p = policies.policy(q);
        return new QueueMetrics(q, policies.tenant(q), w.name(), w.from(), w.to(), p,
                Figures.of(c, p.variant()), live(q));
    }

    List<AgentMetrics> agents(MetricsWindow w) {
        Map<Dim, Counters> sums = sums(Scope.AGENT, w);
        TreeSet<String> names = new TreeSet<>(view.agents().keySet());
        sums.keySet().forEach(d -> names.add(d.name()));
        List<AgentMetrics> out = new ArrayList<>(names.size());
        for (String a : names) {
            out.add(Figures.agent(a, w.name(), w.fromUs(), w.toUs(),
                    sums.getOrDefault(new Dim(Scope.AGENT, a), new Counters()), view.agents().get(a)));
        }
        return out;
    }

    List<NodeMetrics> nodes(MetricsWindow w) {
        Map<Dim, Counters> sums = sums(Scope.NODE, w);
        Map<String, MetricsView.NodeInfo> info = new TreeMap<>();
        view.nodes().forEach(n -> info.put(n.id(), n));
        sums.keySet().forEach(d -> info.putIfAbsent(d.name(), new MetricsView.NodeInfo(d.name(), null, null)));
        Map<String, Integer> active = new HashMap<>();
        view.active().forEach(a -> active.merge(a.node(), 1, Integer::sum));
        List<NodeMetrics> out = new ArrayList<>(info.size());
        for (MetricsView.NodeInfo n : info.values()) {
            Counters c = sums.getOrDefault(new Dim(Scope.NODE, n.id()), new Counters());
            out.add(new NodeMetrics(n.id(), n.type(), n.connection(), active.getOrDefault(n.id(), 0), w.name(),
                    w.from(), w.to(), c.get(Counter.CALLS), Figures.of(c, policies.defaults().variant())));
        }
        return out;
    }

    List<TenantMetrics> tenants(MetricsWindow w) {
        Map<Dim, Counters> sums = sums(Scope.TENANT, w);
        Map<String, List<QueueLive>> lives = new TreeMap<>();
        queueLive.forEach((q, l) -> lives.computeIfAbsent(policies.tenant(q), t -> new ArrayList<>()).add(l));
        sums.keySet().forEach(d -> lives.computeIfAbsent(d.name(), t -> new ArrayList<>()));
        List<TenantMetrics> out = new ArrayList<>(lives.size());
        lives.forEach((t, l) -> out.add(new TenantMetrics(t, w.name(), w.from(), w.to(),
                Figures.of(sums.getOrDefault(new Dim(Scope.TENANT, t), new Counters()),
                        policies.defaults().variant()), sumLive(l))));
        return out;
    }

    MonitorSnapshot monitor(MetricsWindow w) {
        return new MonitorSnapshot(view.version(), now, w.name(), w.from(), w.to(), queues(w), agents(w), nodes(w),
                tenants(w));
    }

    /** Waiting and talking callers per queue from the calls in progress; agents by state from their members. */
    private void liveState() {
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Instant> oldest = new HashMap<>();
        for (ActiveCall a : view.active()) {
            if (a.queue() == null) {
                continue;
            }
            int[] c = counts.computeIfAbsent(a.queue(), q -> new int[2]);
            if ("QUEUED".equals(a.state())) {
                c[0]++;
                if (a.queuedAt() != null) {
                    oldest.merge(a.queue(), a.queuedAt(), (x, y) -> x.isBefore(y) ? x : y);
                }
            } else if (a.answeredAt() != null) {
                c[1]++;
            }
        }
        Map<String, Map<String, Integer>> byState = new HashMap<>();
        view.agents().values().forEach(l -> l.queues().forEach(q ->
                byState.computeIfAbsent(q, x -> new TreeMap<>()).merge(l.state(), 1, Integer::sum)));
        TreeSet<String> queues = new TreeSet<>(counts.keySet());
        queues.addAll(byState.keySet());
        for (String q : queues) {
            int[] c = counts.getOrDefault(q, new int[2]);
            Instant o = oldest.get(q);
            long longest = o == null ? 0 : Math.max(0, Duration.between(o, now).toMillis());
            queueLive.put(q, new QueueLive(c[0], longest, c[1], byState.getOrDefault(q, Map.of())));
        }
    }

    private static QueueLive idle() {
        return new QueueLive(0, 0, 0, Map.of());
    }

    private static QueueLive sumLive(List<QueueLive> l) {
        int waiting = 0;
        int talking = 0;
        long longest = 0;
        Map<String, Integer> states = new TreeMap<>();
        for (QueueLive x : l) {
            waiting += x.waiting();
            talking += x.talking();
            longest = Math.max(longest, x.longestCurrentWaitMillis());
            x.agentsByState().forEach((s, n) -> states.merge(s, n, Integer::sum));
        }
        return new QueueLive(waiting, longest, talking, states);
    }
}
