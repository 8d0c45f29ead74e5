package io.switchboard.it;

import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.freeswitch.EslRoutingServer;
import io.switchboard.routing.LoadModel;
import io.switchboard.routing.RoutingPolicy;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingService;
import io.switchboard.routing.TrafficControl;
import io.switchboard.routing.TrafficControlLoadRampTest;
import io.switchboard.simulator.InteractiveCall;
import io.switchboard.simulator.RoutedCall;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.esl.EslRoutedCall;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole routing path on both simulated PBXs: calls that enter through the routing dialplans
 * (FastAGI on Asterisk, the outbound event socket on FreeSWITCH) reach the queue while the tenant
 * is at level 0, are sent to self-service while callers pile up (level 2), and reach the queue
 * again once the load is gone and the level has come down by itself.
 */
@QuarkusTest
class RoutingEndToEndTest {

    private static final String QUEUE = TrafficControlLoadRampTest.QUEUE;
    private static final String TENANT = TrafficControlLoadRampTest.TENANT;
    /** Level 1 at 2 callers waiting, 2 at 4, 3 at 6; down after 1 s below half of that. */
    private static final RoutingPolicy POLICY = TrafficControlLoadRampTest.RAMP_POLICY;

    @Inject
    DemoSimulator demo;
    @Inject
    RoutingService routing;
    @Inject
    PolicyStore policies;
    @Inject
    TrafficControl control;
    @Inject
    LoadModel load;
    @Inject
    EslRoutingServer socketServer;

    private final List<InteractiveCall> waiting = new ArrayList<>();

    @BeforeEach
    void policy() {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        assertThat(demo.eslSimulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        assertThat(routing.save(POLICY, routing.policy().version(), "e2e", "overload ramp")).isPresent();
    }

    @AfterEach
    void restore() {
        waiting.forEach(InteractiveCall::hangupCaller);
        routing.save(policies.defaults(), routing.policy().version(), "e2e", "back to the shipped policy");
    }

    @Test
    void routedCallsOnBothPbxsFollowTheDegradationLevelAndRecover() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> control.level(TENANT) == 0
                && load.current().tenant(TENANT).waiting() == 0);

        assertThat(asterisk("5550801").queue()).isEqualTo(QUEUE);
        assertThat(freeswitch("5550802").queue()).isEqualTo(QUEUE);

        callersWait(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> control.level(TENANT) == 2);

        RoutedCall.Outcome diverted = asterisk("5550803");
        assertThat(diverted.queue()).isNull();
        assertThat(diverted.context()).isEqualTo("smart-ivr");
        assertThat(diverted.commands()).contains("SET VARIABLE \"SB_ROUTE_LEVEL\" \"2\"",
                "SET VARIABLE \"SB_DIVERT\" \"smart-ivr\"");
        EslRoutedCall fs = freeswitchCall("5550804");
        assertThat(fs.outcome()).isEqualTo(EslRoutedCall.Outcome.DIVERTED);
        assertThat(fs.context()).isEqualTo("smart-ivr");
        assertThat(fs.variablesSet()).containsEntry("SB_ROUTE_LEVEL", "2").containsEntry("SB_ROUTE_QUEUE", QUEUE);

        waiting.forEach(InteractiveCall::hangupCaller);
        await().atMost(Duration.ofSeconds(20)).until(() -> control.level(TENANT) == 0);

        assertThat(asterisk("5550805").queue()).isEqualTo(QUEUE);
        assertThat(freeswitch("5550806").queue()).isEqualTo(QUEUE);
    }

    /** A call through [agi-route]; one that reaches the queue hangs up at once (nobody rings there). */
    private RoutedCall.Outcome asterisk(String caller) throws Exception {
        RoutedCall call = demo.simulator().routedCall(caller, "Routed " + caller, Map.of("CALL_TYPE", "support"));
        RoutedCall.Outcome out = call.outcome().get(15, TimeUnit.SECONDS);
        assertThat(out.fallback()).as("decided by the routing server").isFalse();
        if (out.queue() != null) {
            call.hangupCaller();
        }
        return out;
    }

    private EslRoutedCall freeswitch(String caller) throws Exception {
        EslRoutedCall c = freeswitchCall(caller);
        assertThat(c.outcome()).isEqualTo(EslRoutedCall.Outcome.QUEUED);
        return c;
    }

    private EslRoutedCall freeswitchCall(String caller) throws Exception {
        EslRoutedCall c = demo.eslSimulator().routedCall("127.0.0.1", socketServer.port(), "route",
                ScenarioSpec.answered(caller, "Routed " + caller, 1, 200, 200));
        c.done().get(30, TimeUnit.SECONDS);
        assertThat(c.connected()).isTrue();
        return c;
    }

    /** {@code n} callers wait in the queue; nobody answers them. */
    private void callersWait(int n) {
        for (int i = 0; i < n; i++) {
            String device = "6" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
            waiting.add(demo.simulator().offer(QUEUE, "4931" + device, "Waiting " + device, "PJSIP/" + device,
                    Map.of()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> load.current().tenant(TENANT).waiting() >= n);
    }
}
