package io.switchboard.demo;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.routing.RoutingConfig;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.RoutedCall;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.esl.EslSimulator;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * For the demo's control console: calls that ask the routing server, as the shipped dialplans
 * do, every {@code routed-call-every}, in turn on the Asterisk simulator (FastAGI) and the
 * FreeSWITCH one (outbound event socket). Callers are the demo customers (some of them VIP) with
 * a call type from the IVR; a queued Asterisk call is answered by a lab agent after a few seconds
 * and ends after a short talk, a FreeSWITCH one plays a synthetic queue scenario.
 */
@ApplicationScoped
public class DemoRoutedCalls {

    private static final Logger LOG = Logger.getLogger(DemoRoutedCalls.class);
    private static final String[][] CALLERS = {
            {"555100", "Caller 0"}, {"555101", "Caller 1"}, {"555102", "Caller 2"}, {"5550101", "Caller_c01"},
            {"5550102", "Caller_c02"}, {"5550103", "Caller_c03"}, {"5550104", "Caller_c04"}, {"5550105", "Caller_c05"}};
    private static final String[] CALL_TYPES = {"billing", "support", "sales", "cancel"};
    /** Lab agents that answer routed calls; not the demo's desktop agents (agent1..agent4). */
    private static final int FIRST_LAB_AGENT = 5;
    private static final int LAB_AGENTS = 4;

    @Inject
    SimulatorConfig config;
    @Inject
    DemoSimulator demo;
    @Inject
    RoutingConfig routing;

    private final Random random = new Random();
    private ScheduledExecutorService timer;
    private ScenarioMix mix;
    private boolean freeswitchTurn;

    void start(@Observes @Priority(130) StartupEvent ev) {
        Duration every = config.routedCallEvery();
        if (!config.enabled() || demo.simulator() == null || every.isZero() || every.isNegative()) {
            return;
        }
        mix = new ScenarioMix(config.seed() + 7);
        timer = DemoTimer.every("demo-routed", every, this::tick);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void tick() {
        try {
            EslSimulator esl = demo.eslSimulator();
            freeswitchTurn = !freeswitchTurn && esl != null;
            if (freeswitchTurn) {
                freeswitch(esl);
            } else {
                asterisk(demo.simulator());
            }
        } catch (RuntimeException e) {
            LOG.warnf("demo routed call: %s", e.getMessage());
        }
    }

    private void asterisk(AmiSimulator sim) {
        String[] caller = CALLERS[random.nextInt(CALLERS.length)];
        String agent = "Local/agent" + (FIRST_LAB_AGENT + random.nextInt(LAB_AGENTS)) + "@agents/n";
        RoutedCall call = sim.routedCall(caller[0], caller[1], "4000",
                Map.of("CALL_TYPE", CALL_TYPES[random.nextInt(CALL_TYPES.length)], "LANGUAGE", "en"), agent);
        call.outcome().thenAccept(o -> {
            if (o.queue() == null) {
                return; // diverted: the simulated dialplan plays the place and hangs up
            }
            long ring = 2 + random.nextInt(6);
            long talk = 15 + random.nextInt(45);
            timer.schedule(() -> {
                if (call.queueCall() != null) {
                    call.queueCall().answer();
                }
            }, ring, TimeUnit.SECONDS);
            timer.schedule(call::hangupCaller, ring + talk, TimeUnit.SECONDS);
        });
    }

    private void freeswitch(EslSimulator esl) {
        ScenarioSpec spec = mix.next();
        if (spec.transfer() != null && spec.transfer().type() != ScenarioSpec.TransferType.BLIND) {
            spec = spec.withTransfer(ScenarioSpec.Transfer.blind()); // mod_callcenter shows transfers as blind
        }
        esl.routedCall(routing.socket().host(), routing.socket().port(), "4000", spec);
    }
}
