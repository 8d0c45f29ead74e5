package io.switchboard.routing;

import io.switchboard.calls.ActiveCall;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.NodeMetrics;
import io.switchboard.metrics.QueueLive;
import io.switchboard.metrics.QueueMetrics;
import io.switchboard.screenpop.QueueTenants;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds a {@link LoadSnapshot} from figures already in memory; pure, so the arithmetic is tested
 * without a server.
 *
 * <p>Queue figures come from the metrics' live view. Its longest wait was measured when the view
 * was published, so it is aged to {@code now} while callers wait (the view is only republished on
 * events). A tenant's line use and error rate are those of the nodes it owns, or of the shared
 * nodes (those owned by no tenant) when it owns none.
 */
final class LoadCalculator {

    /** Everything one computation reads. */
    /**
     * @param pbxNodes the configured PBX nodes and their type, listed even before the metrics have seen them
     */
    record Inputs(Instant now, MonitorSnapshot monitor, Collection<ActiveCall> activeCalls, Map<String, String> pbxNodes,
                  QueueTenants queueTenants, Map<String, String> nodeTenants, Map<String, Integer> lineCapacity,
                  Predicate<String> healthy, Function<String, CommandStats.Figures> commands) {
    }

    private LoadCalculator() {
    }

    static LoadSnapshot compute(Inputs in) {
        long age = in.monitor() == null || in.monitor().at() == null ? 0
                : Math.max(0, Duration.between(in.monitor().at(), in.now()).toMillis());
        List<LoadSnapshot.QueueLoad> queues = queues(in, age);
        Map<String, CommandStats.Figures> commands = new HashMap<>();
        List<LoadSnapshot.NodeLoad> nodes = nodes(in, queues, commands);

        Map<String, List<LoadSnapshot.QueueLoad>> queuesByTenant = new TreeMap<>();
        queues.forEach(q -> queuesByTenant.computeIfAbsent(q.tenant(), t -> new ArrayList<>()).add(q));
        TreeSet<String> tenants = new TreeSet<>(queuesByTenant.keySet());
        tenants.addAll(in.nodeTenants().values());
        List<LoadSnapshot.NodeLoad> shared = nodes.stream()
                .filter(n -> !in.nodeTenants().containsKey(n.node())).toList();
        List<LoadSnapshot.TenantLoad> tenantLoads = new ArrayList<>();
        for (String t : tenants) {
            List<LoadSnapshot.NodeLoad> own = nodes.stream()
                    .filter(n -> t.equals(in.nodeTenants().get(n.node()))).toList();
            tenantLoads.add(tenant(t, queuesByTenant.getOrDefault(t, List.of()), own.isEmpty() ? shared : own,
                    commands));
        }
        LoadSnapshot.TenantLoad overall = tenant("*", queues, nodes, commands);
        return new LoadSnapshot(in.now(), nodes, queues, tenantLoads, overall);
    }

    private static List<LoadSnapshot.QueueLoad> queues(Inputs in, long age) {
        List<LoadSnapshot.QueueLoad> out = new ArrayList<>();
        if (in.monitor() == null) {
            return out;
        }
        for (QueueMetrics q : in.monitor().queues()) {
            QueueLive live = q.live();
            if (live == null) {
                continue;
            }
            long longest = live.waiting() > 0 ? live.longestCurrentWaitMillis() + age : 0;
            int available = live.agentsByState().getOrDefault("AVAILABLE", 0);
            int loggedIn = 0;
            for (Map.Entry<String, Integer> e : live.agentsByState().entrySet()) {
                if (!"LOGGED_OUT".equals(e.getKey())) {
                    loggedIn += e.getValue();
                }
            }
            out.add(new LoadSnapshot.QueueLoad(q.queue(), in.queueTenants().tenantOf(q.queue()), live.waiting(),
                    longest, live.talking(), available, loggedIn));
        }
        return out;
    }

    /**
     * Configured nodes, nodes the metrics know and nodes with a configured capacity. Waiting callers are counted from
     * the node's calls in progress; agents available are those of the queues its callers wait in.
     */
    private static List<LoadSnapshot.NodeLoad> nodes(Inputs in, List<LoadSnapshot.QueueLoad> queues,
                                                     Map<String, CommandStats.Figures> commands) {
        Map<String, NodeMetrics> known = new TreeMap<>();
        if (in.monitor() != null) {
            in.monitor().nodes().forEach(n -> known.put(n.node(), n));
        }
        TreeSet<String> ids = new TreeSet<>(known.keySet());
        ids.addAll(in.pbxNodes().keySet());
        ids.addAll(in.lineCapacity().keySet());
        Map<String, LoadSnapshot.QueueLoad> byQueue = new HashMap<>();
        queues.forEach(q -> byQueue.put(q.queue(), q));
        Map<String, int[]> waiting = new HashMap<>();
        Map<String, Long> longest = new HashMap<>();
        Map<String, TreeSet<String>> waitQueues = new HashMap<>();
        Map<String, Integer> active = new HashMap<>();
        for (ActiveCall c : in.activeCalls()) {
            active.merge(c.node(), 1, Integer::sum);
            if ("QUEUED".equals(c.state())) {
                waiting.computeIfAbsent(c.node(), k -> new int[1])[0]++;
                if (c.queuedAt() != null) {
                    long ms = Math.max(0, Duration.between(c.queuedAt(), in.now()).toMillis());
                    longest.merge(c.node(), ms, Math::max);
                }
                if (c.queue() != null) {
                    waitQueues.computeIfAbsent(c.node(), k -> new TreeSet<>()).add(c.queue());
                }
            }
        }
        List<LoadSnapshot.NodeLoad> out = new ArrayList<>();
        for (String id : ids) {
            NodeMetrics m = known.get(id);
            CommandStats.Figures f = in.commands().apply(id);
            commands.put(id, f == null ? CommandStats.Figures.NONE : f);
            int agents = 0;
            for (String q : waitQueues.getOrDefault(id, new TreeSet<>())) {
                LoadSnapshot.QueueLoad ql = byQueue.get(q);
                agents += ql == null ? 0 : ql.agentsAvailable();
            }
            int calls = m != null ? m.activeCalls() : active.getOrDefault(id, 0);
            String type = m != null ? m.pbxType() : in.pbxNodes().get(id);
            out.add(new LoadSnapshot.NodeLoad(id, type, in.healthy().test(id), calls,
                    in.lineCapacity().getOrDefault(id, 0), waiting.getOrDefault(id, new int[1])[0],
                    longest.getOrDefault(id, 0L), agents, commands.get(id).p99Ms(), commands.get(id).errorRate()));
        }
        return out;
    }

    /**
     * Line use counts the calls and the capacity of the healthy nodes with a known capacity: a
     * tenant whose every such node is down has no lines left (1.0).
     */
    private static LoadSnapshot.TenantLoad tenant(String tenant, List<LoadSnapshot.QueueLoad> queues,
                                                  List<LoadSnapshot.NodeLoad> nodes,
                                                  Map<String, CommandStats.Figures> commands) {
        int waiting = 0;
        long longest = 0;
        int talking = 0;
        int available = 0;
        for (LoadSnapshot.QueueLoad q : queues) {
            waiting += q.waiting();
            longest = Math.max(longest, q.longestWaitMs());
            talking += q.talking();
            available += q.agentsAvailable();
        }
        int activeCalls = 0;
        int capacity = 0;
        int callsOnCapacity = 0;
        boolean anyCapacity = false;
        long cmds = 0;
        long failed = 0;
        for (LoadSnapshot.NodeLoad n : nodes) {
            activeCalls += n.activeCalls();
            if (n.lineCapacity() > 0) {
                anyCapacity = true;
                if (n.healthy()) {
                    capacity += n.lineCapacity();
                    callsOnCapacity += n.activeCalls();
                }
            }
            CommandStats.Figures f = commands.getOrDefault(n.node(), CommandStats.Figures.NONE);
            cmds += f.commands();
            failed += f.failed();
        }
        double lineUse = capacity > 0 ? (double) callsOnCapacity / capacity : anyCapacity ? 1.0 : 0.0;
        double errorRate = cmds == 0 ? 0 : (double) failed / cmds;
        return new LoadSnapshot.TenantLoad(tenant, waiting, longest, talking, available, activeCalls, capacity,
                lineUse, errorRate);
    }
}
