package io.switchboard.it;

import io.switchboard.testing.ApiUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.freeswitch.EslRoutingServer;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingService;
import io.switchboard.routing.ScriptedTestStrategy;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.esl.EslRoutedCall;
import io.switchboard.simulator.esl.EslSimulator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls on the built-in FreeSWITCH simulator (node {@code fssim}) whose dialplan asks the routing
 * server over the outbound event socket, then follow {@code switchboard_route}: the call record
 * shows where they went.
 */
@QuarkusTest
class FreeSwitchRoutingEndToEndTest {

    static final String NODE = "fssim";

    @Inject
    DemoSimulator demo;
    @Inject
    EslRoutingServer server;
    @Inject
    RoutingService routing;
    @Inject
    PolicyStore policies;

    private EslSimulator sim() {
        return demo.eslSimulator();
    }

    @BeforeEach
    void collectorListens() {
        assertThat(sim().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
    }

    private static ScenarioSpec answeredInSupport(String caller) {
        return ScenarioSpec.answered(caller, "Routed Caller", 1, 1_000, 1_000);
    }

    private EslRoutedCall call(int port, ScenarioSpec spec) throws Exception {
        EslRoutedCall c = sim().routedCall("127.0.0.1", port, "route", spec);
        c.done().get(30, TimeUnit.SECONDS);
        return c;
    }

    private static JsonPath record(String callId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> ApiUsers.reader().get("/api/v1/calls/{id}", NODE + ":" + callId).then().extract(),
                r -> r.statusCode() == 200).jsonPath();
    }

    @AfterEach
    void shippedPolicyAgain() {
        ScriptedTestStrategy.restoreDefault(routing, policies);
    }

    @Test
    void aRoutedCallReachesTheQueueThePolicyChose() throws Exception {
        ScriptedTestStrategy.use(routing, ScriptedTestStrategy.policy(List.of("sales"), Map.of()));

        EslRoutedCall c = call(server.port(), answeredInSupport("5550701"));

        assertThat(c.connected()).isTrue();
        assertThat(c.socketCommands()).startsWith("connect", "resume").endsWith(
                "api uuid_setvar " + c.channel() + " switchboard_route sales XML queues", "exit");
        assertThat(c.variablesSet()).containsEntry("SB_ROUTE_QUEUE", "sales");
        assertThat(c.outcome()).isEqualTo(EslRoutedCall.Outcome.QUEUED);
        assertThat(c.queue()).isEqualTo("sales");
        JsonPath r = record(c.callId());
        assertThat(r.getString("call.queue")).isEqualTo("sales");
        assertThat(r.getString("call.disposition")).isEqualTo("ANSWERED");
        assertThat(r.getString("call.callerNumber")).isEqualTo("5550701");
        assertThat(routing.recentDecisions()).anySatisfy(d -> {
            assertThat(d.callId()).isEqualTo(c.callId());
            assertThat(d.node()).isEqualTo(NODE);
            assertThat(d.queue()).isEqualTo("sales");
        });
    }

    @Test
    void withTheRoutingServerDownTheDialplanDefaultQueueTakesTheCall() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        EslRoutedCall c = call(closed, answeredInSupport("5550702"));

        assertThat(c.connected()).isFalse();
        assertThat(c.socketCommands()).isEmpty();
        assertThat(c.route()).isEqualTo("support XML queues");
        assertThat(c.queue()).isEqualTo("support");
        JsonPath r = record(c.callId());
        assertThat(r.getString("call.queue")).isEqualTo("support");
        assertThat(r.getString("call.disposition")).isEqualTo("ANSWERED");
    }

    @Test
    void aDivertDecisionEndsTheCallInTheSelfServiceContextWithoutAQueue() throws Exception {
        ScriptedTestStrategy.use(routing, ScriptedTestStrategy.policy(List.of("support"),
                Map.of("context", "smart-ivr", "extension", "s", "outcome", "DIVERT")));

        EslRoutedCall c = call(server.port(), answeredInSupport("5550703"));

        assertThat(c.socketCommands()).contains("api uuid_setvar " + c.channel() + " switchboard_route s XML smart-ivr");
        assertThat(c.outcome()).isEqualTo(EslRoutedCall.Outcome.DIVERTED);
        assertThat(c.context()).isEqualTo("smart-ivr");
        assertThat(c.queue()).isNull();
        JsonPath r = record(c.callId());
        assertThat(r.getString("call.queue")).isNull();
        assertThat(r.getString("call.callerNumber")).isEqualTo("5550703");
    }
}
