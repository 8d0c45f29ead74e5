package io.switchboard.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.NodeStatus;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Active-standby node groups: health per node from its connection and heartbeats, the active
 * member of each group (the primary while healthy, else the first healthy standby), failback
 * after the primary has stayed healthy for a while (docs/failover.md).
 * <p>
 * One scheduler thread sends the heartbeats ({@link PbxCommand.Ping}, past the circuit breaker so
 * a recovered node is seen), applies their outcomes and moves active members; readers get an
 * immutable view it publishes after each change, so no PBX or request thread ever waits here.
 */
@ApplicationScoped
public class NodeGroups {

    private static final Logger LOG = Logger.getLogger(NodeGroups.class);

    /** Heartbeat settings of nodes outside any configured group: the defaults of {@link RoutingConfig.Group}. */
    static final Settings SINGLE = new Settings(Duration.ofSeconds(30), 2, Duration.ofSeconds(2), Duration.ofSeconds(1));

    @Inject
    RoutingConfig config;
    @Inject
    PbxRegistry pbx;
    @Inject
    RoutingEvents events;
    @Inject
    MeterRegistry registry;

    Clock clock = Clock.systemUTC();

    record Settings(Duration failbackAfter, int missedHeartbeats, Duration interval, Duration timeout) {
    }

    private record Group(GroupState state, Settings settings, Map<String, NodeHealth> health) {
    }

    /** What readers see; replaced as a whole. */
    private record View(Map<String, GroupStatus> groups, Map<String, String> groupOf, Map<String, Boolean> healthy) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private volatile View view;
    private ScheduledExecutorService timer;

    void start(@Observes @Priority(200) StartupEvent ev) {
        Instant now = clock.instant();
        Map<String, String> owner = new LinkedHashMap<>();
        config.groups().forEach((name, g) -> {
            List<String> members = new ArrayList<>();
            for (String node : g.nodes()) {
                String n = node.strip();
                if (n.isEmpty() || owner.containsKey(n)) {
                    LOG.warnf("node group %s: node '%s' is %s; left out", name, n, n.isEmpty() ? "empty" : "in group "
                            + owner.get(n));
                    continue;
                }
                if (pbx.control(n).isEmpty()) {
                    LOG.warnf("node group %s: node %s is not a configured, enabled PBX node; it never counts as healthy",
                            name, n);
                }
                owner.put(n, name);
                members.add(n);
            }
            if (!members.isEmpty()) {
                add(name, members, new Settings(g.failbackAfter(), g.missedHeartbeats(), g.heartbeatInterval(),
                        g.heartbeatTimeout()), now);
            }
        });
        for (NodeStatus node : pbx.nodes()) {
            if (!owner.containsKey(node.id()) && !groups.containsKey(node.id())) {
                add(node.id(), List.of(node.id()), SINGLE, now);
            }
        }
        publish();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("node-heartbeat").daemon()
                .factory());
        groups.forEach((name, g) -> timer.scheduleWithFixedDelay(() -> tick(g), g.settings().interval().toMillis(),
                g.settings().interval().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void add(String name, List<String> members, Settings s, Instant now) {
        Map<String, NodeHealth> health = new LinkedHashMap<>();
        members.forEach(m -> health.put(m, new NodeHealth(m, s.missedHeartbeats())));
        groups.put(name, new Group(new GroupState(name, members, s.failbackAfter(), now), s, health));
        for (String m : members) {
            Gauge.builder("switchboard.routing.node.active", this, x -> x.active(name).filter(m::equals).isPresent()
                    ? 1 : 0).description("1 while the node is the one its group sends new calls and originates to")
                    .tags("group", name, "node", m).register(registry);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** On the heartbeat thread: look at the connections, ping the connected, move the active member. */
    private void tick(Group g) {
        try {
            for (NodeHealth h : g.health().values()) {
                Optional<CallControl> control = pbx.control(h.node());
                h.connected(control.map(CallControl::connected).orElse(false));
                if (control.isPresent() && h.startPing()) {
                    long ms = g.settings().timeout().toMillis();
                    control.get().execute(new PbxCommand.Ping(), g.settings().timeout())
                            .orTimeout(ms, TimeUnit.MILLISECONDS) // whatever the adapter does, the answer is due
                            .whenComplete((reply, error) -> timer.execute(() -> {
                                h.pinged(error == null);
                                evaluate(g);
                            }));
                }
            }
            evaluate(g);
        } catch (RuntimeException e) { // never let one bad tick end the schedule
            LOG.warnf("node group %s: heartbeat tick failed: %s", g.state().group(), e.toString());
        }
    }

    private void evaluate(Group g) {
        Instant now = clock.instant();
        for (NodeHealth h : g.health().values()) {
            g.state().update(h.node(), h.healthy(), h.problem(), now);
        }
        Optional<GroupState.Change> change = g.state().evaluate(now);
        publish();
        change.ifPresent(c -> {
            if (g.state().members().size() > 1) { // a lone node has nothing to fail over to
                events.publish(new RoutingEvent(now, c.kind(), g.state().group(), none(c.from()), none(c.to()),
                        c.reason(), "system"));
            }
        });
    }

    private static String none(String node) {
        return node == null ? "none" : node;
    }

    private void publish() {
        Map<String, GroupStatus> out = new LinkedHashMap<>();
        Map<String, String> groupOf = new LinkedHashMap<>();
        Map<String, Boolean> healthy = new LinkedHashMap<>();
        Map<String, String> states = new LinkedHashMap<>();
        pbx.nodes().forEach(n -> states.put(n.id(), n.state().name()));
        groups.forEach((name, g) -> {
            GroupState s = g.state();
            List<GroupStatus.Member> members = new ArrayList<>();
            for (String m : s.members()) {
                NodeHealth h = g.health().get(m);
                boolean ok = s.healthy(m);
                members.add(new GroupStatus.Member(m, m.equals(s.primary()) ? "primary" : "standby", ok,
                        states.getOrDefault(m, "UNKNOWN"), h.missed()));
                groupOf.put(m, name);
                healthy.put(m, ok);
            }
            out.put(name, new GroupStatus(name, s.active().orElse(null), List.copyOf(members), s.activeSince()));
        });
        view = new View(Map.copyOf(out), Map.copyOf(groupOf), Map.copyOf(healthy));
    }

    /** True while the node is connected and answers its heartbeats; before start-up every node counts as healthy. */
    public boolean healthy(String node) {
        View v = view;
        return v == null || v.healthy().getOrDefault(node, false);
    }

    public Optional<String> groupOf(String node) {
        View v = view;
        return v == null ? Optional.empty() : Optional.ofNullable(v.groupOf().get(node));
    }

    /** The node new calls and originates of {@code group} go to, empty when no member is healthy. */
    public Optional<String> active(String group) {
        View v = view;
        GroupStatus g = v == null ? null : v.groups().get(group);
        return g == null ? Optional.empty() : Optional.ofNullable(g.active());
    }

    /**
     * Where a new call or originate meant for {@code node} should go: the node itself unless it
     * belongs to a group whose active member is another node.
     */
    public String nodeFor(String node) {
        return groupOf(node).flatMap(this::active).orElse(node);
    }

    public List<GroupStatus> groups() {
        View v = view;
        return v == null ? List.of() : List.copyOf(v.groups().values());
    }

    /**
     * A group now.
     *
     * @param active      null while no member is healthy
     * @param activeSince when the active member (or none) took over
     */
    public record GroupStatus(String group, String active, List<Member> members, java.time.Instant activeSince) {
        /**
         * @param role             {@code primary} or {@code standby}
         * @param state            the connection's state (CONNECTED, DISCONNECTED, DISABLED, ...)
         * @param missedHeartbeats heartbeats missed in a row
         */
        public record Member(String node, String role, boolean healthy, String state, int missedHeartbeats) {
        }
    }
}
