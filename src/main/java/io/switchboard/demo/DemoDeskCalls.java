package io.switchboard.demo;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.agents.AgentStatus;
import io.switchboard.agents.Presence;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.PbxConfig;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.InteractiveCall;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * For the demo's agent desktop: calls that wait for the agent. Every {@code desk-call-every}, an
 * agent available on the Asterisk simulator (logged in through the desktop) is offered a call from
 * one of the demo customers; it rings until answered from the desktop (or gives up after 30 s),
 * and the caller hangs up after a few minutes unless the agent ends or transfers it first.
 */
@ApplicationScoped
public class DemoDeskCalls {

    private static final Logger LOG = Logger.getLogger(DemoDeskCalls.class);
    private static final Duration RING = Duration.ofSeconds(30);
    private static final Duration TALK = Duration.ofMinutes(3);
    private static final String[][] CALLERS = {
            {"5550101", "Caller_c01", "billing"}, {"5550102", "Caller_c02", "support"},
            {"5550103", "Caller_c03", "cancel"}, {"5550104", "Caller_c04", "sales"}, {"5550105", "Caller_c05", "billing"}};

    @Inject
    SimulatorConfig config;
    @Inject
    DemoSimulator demo;
    @Inject
    PbxConfig pbx;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;

    private final Map<String, Offered> offered = new ConcurrentHashMap<>();
    private final Random random = new Random();
    private ScheduledExecutorService timer;

    private record Offered(InteractiveCall call, Instant at) {
    }

    void start(@Observes @Priority(120) StartupEvent ev) {
        Duration every = config.deskCallEvery();
        if (!config.enabled() || demo.simulator() == null || every.isZero() || every.isNegative()) {
            return;
        }
        timer = DemoTimer.every("demo-desk", every, this::tick);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void tick() {
        try {
            AmiSimulator sim = demo.simulator();
            Instant now = Instant.now();
            offered.entrySet().removeIf(e -> settle(e.getValue(), now));
            for (Agent a : roster.all()) {
                AgentEndpoint e = simulatorEndpoint(a);
                AgentStatus s = presence.status(a.id()).orElse(null);
                if (e == null || s == null || s.presence() != Presence.AVAILABLE || offered.containsKey(a.id())
                        || a.queues().isEmpty()) {
                    continue;
                }
                String[] caller = CALLERS[random.nextInt(CALLERS.length)];
                InteractiveCall call = sim.offer(a.queues().get(0), caller[0], caller[1], e.memberInterface(),
                        Map.of("INTENT", caller[2], "LANGUAGE", "de"));
                offered.put(a.id(), new Offered(call, now));
                LOG.infof("demo: call from %s offered to %s", caller[0], a.id());
                return; // one new call per tick
            }
        } catch (RuntimeException e) {
            LOG.warnf("demo desk call: %s", e.getMessage());
        }
    }

    /** True when the call is over; a caller left ringing too long or talking too long hangs up. */
    private static boolean settle(Offered o, Instant now) {
        InteractiveCall.State st = o.call().state();
        if (st == InteractiveCall.State.ENDED || st == InteractiveCall.State.TRANSFERRED) {
            return true;
        }
        Duration age = Duration.between(o.at(), now);
        if ((st == InteractiveCall.State.RINGING && age.compareTo(RING) > 0) || age.compareTo(RING.plus(TALK)) > 0) {
            o.call().hangupCaller();
        }
        return false;
    }

    /** The agent's endpoint on the node that points at the built-in Asterisk simulator. */
    private AgentEndpoint simulatorEndpoint(Agent a) {
        for (var n : pbx.nodes().entrySet()) {
            if (n.getValue().type().equalsIgnoreCase("asterisk") && n.getValue().port().orElse(5038) == config.port()
                    && a.endpoints().containsKey(n.getKey())) {
                return a.endpoints().get(n.getKey());
            }
        }
        return null;
    }
}
