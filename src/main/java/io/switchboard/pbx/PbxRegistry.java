package io.switchboard.pbx;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calls.CallPipeline;
import io.switchboard.calls.CallsConfig;
import io.switchboard.pbx.asterisk.AmiCollector;
import io.switchboard.pbx.asterisk.AmiNodeSettings;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.pbx.freeswitch.EslCollector;
import io.switchboard.pbx.freeswitch.EslNodeSettings;
import io.switchboard.pbx.freeswitch.EslTranslator;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Starts a collector per configured PBX node and reports their state. */
@ApplicationScoped
public class PbxRegistry {

    private static final Logger LOG = Logger.getLogger(PbxRegistry.class);

    @Inject
    PbxConfig config;
    @Inject
    CallsConfig callsConfig;
    @Inject
    CallPipeline pipeline;
    @Inject
    MeterRegistry registry;
    @Inject
    Instance<CommandGuard> guards;

    private final Map<String, PbxCollector> collectors = new TreeMap<>();
    /** What {@link #control} hands out: each collector's control behind the command guard, if there is one. */
    private final Map<String, CallControl> controls = new TreeMap<>();
    private final Map<String, NodeStatus> inactive = new TreeMap<>();

    void start(@Observes @Priority(100) StartupEvent ev) {
        config.nodes().forEach((id, node) -> {
            String type = node.type().toLowerCase();
            switch (type) {
                case "asterisk" -> {
                    int port = node.port().orElse(5038);
                    if (!node.enabled()) {
                        inactive.put(id, placeholder(id, type, node.host(), port, ConnectionState.DISABLED, null));
                        return;
                    }
                    AmiNodeSettings s = new AmiNodeSettings(id, node.host(), port, node.username(), node.secret(),
                            node.connectTimeout(), node.reconnectMin(), node.reconnectMax(),
                            node.heartbeatInterval(), node.heartbeatTimeout());
                    AmiCollector c = new AmiCollector(s,
                            new AmiTranslator(id, new HashSet<>(callsConfig.ivrVariables())),
                            pipeline.lane(id, type));
                    collectors.put(id, c);
                    registerMetrics(c);
                    c.start();
                    LOG.infof("collecting from Asterisk node %s at %s:%d", id, node.host(), port);
                }
                case "freeswitch" -> {
                    int port = node.port().orElse(8021);
                    if (!node.enabled()) {
                        inactive.put(id, placeholder(id, type, node.host(), port, ConnectionState.DISABLED, null));
                        return;
                    }
                    EslCollector c = new EslCollector(
                            new EslNodeSettings(id, node.host(), port, node.secret(), node.reconnectMax()),
                            new EslTranslator(id, new HashSet<>(callsConfig.ivrVariables())), pipeline.lane(id, type));
                    collectors.put(id, c);
                    registerMetrics(c);
                    c.start();
                    LOG.infof("collecting from FreeSWITCH node %s at %s:%d", id, node.host(), port);
                }
                default -> throw new IllegalStateException("switchboard.pbx." + id + ".type must be asterisk or "
                        + "freeswitch, not '" + node.type() + "'");
            }
        });
        collectors.forEach((id, c) -> controls.put(id, guards.isResolvable() ? guards.get().guard(c.control())
                : c.control()));
        if (config.nodes().isEmpty()) {
            LOG.warn("no PBX nodes configured (switchboard.pbx.<node>.type/host/port/username/secret)");
        }
    }

    private static NodeStatus placeholder(String id, String type, String host, int port, ConnectionState state,
                                          String error) {
        return new NodeStatus(id, type, host, port, state, null, null, error, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private void registerMetrics(PbxCollector c) {
        Tags tags = Tags.of("node", c.nodeId());
        counter("switchboard.pbx.events.received", "AMI/ESL events read", c, s -> s.eventsReceived(), tags);
        counter("switchboard.pbx.events.unknown", "Events of a type the translator does not know", c,
                s -> s.unknownEvents(), tags);
        counter("switchboard.pbx.events.invalid", "Events with missing or unparseable fields", c,
                s -> s.invalidEvents(), tags);
        counter("switchboard.pbx.fields.unreadable", "Secondary fields unreadable in events still translated", c,
                s -> s.unreadableFields(), tags);
        counter("switchboard.pbx.frames.malformed", "Malformed frames skipped", c, s -> s.malformedFrames(), tags);
        counter("switchboard.pbx.connects", "Successful logins", c, s -> s.connects(), tags);
        Gauge.builder("switchboard.pbx.connected", c, x -> x.status().state() == ConnectionState.CONNECTED ? 1 : 0)
                .description("1 while the node is connected").tags(tags).register(registry);
    }

    private void counter(String name, String description, PbxCollector c, ToDoubleFunction<NodeStatus> f, Tags tags) {
        FunctionCounter.builder(name, c, x -> f.applyAsDouble(x.status())).description(description).tags(tags)
                .register(registry);
    }

    /** The command port of a configured, enabled node (behind its circuit breaker). */
    public java.util.Optional<CallControl> control(String nodeId) {
        return java.util.Optional.ofNullable(controls.get(nodeId));
    }

    public List<CallControl> controls() {
        return List.copyOf(controls.values());
    }

    public List<NodeStatus> nodes() {
        List<NodeStatus> out = new ArrayList<>();
        collectors.values().forEach(c -> out.add(c.status()));
        out.addAll(inactive.values());
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    void stop(@Observes ShutdownEvent ev) {
        collectors.values().forEach(PbxCollector::close);
    }
}
