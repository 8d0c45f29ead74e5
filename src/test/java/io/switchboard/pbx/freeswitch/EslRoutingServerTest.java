package io.switchboard.pbx.freeswitch;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.routing.RoutingConfig;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingService;
import io.switchboard.routing.ScriptedTestStrategy;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routing server on real framing: a fake FreeSWITCH connects like the {@code socket}
 * application and answers {@code connect} with the captured channel data block.
 */
@QuarkusTest
class EslRoutingServerTest {

    /** The channel of the capture: the loopback b-leg running the dialplan, and its a-leg (the call id). */
    static final String CHANNEL = "507a649c-2b9c-4a48-9fad-007a14a7b640";
    static final String A_LEG = "edfa8842-8cf1-4c00-aadb-575d2150d93a";

    @Inject
    EslRoutingServer server;
    @Inject
    RoutingService routing;
    @Inject
    PolicyStore policies;
    @Inject
    RoutingConfig config;
    @Inject
    MeterRegistry registry;

    private List<String> converse(byte[] connectReply) throws Exception {
        try (FakeFreeSwitchSocket fs = new FakeFreeSwitchSocket(server.port())) {
            return fs.converse(connectReply);
        }
    }

    private double fallbacks(String reason) {
        var c = registry.find("switchboard.routing.fallbacks").tags("node", "fssim", "reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @AfterEach
    void shippedPolicyAgain() {
        ScriptedTestStrategy.restoreDefault(routing, policies);
    }

    @Test
    void capturedChannelIsRoutedWithOneSetvarPerVariableAndTheRouteLast() throws Exception {
        ScriptedTestStrategy.use(routing, ScriptedTestStrategy.policy(List.of("support"), Map.of()));
        double routed = server.sessions("routed");

        List<String> commands = converse(FakeFreeSwitchSocket.capturedConnectReply());

        assertThat(commands).containsExactly(
                "connect",
                "resume",
                "api uuid_setvar " + CHANNEL + " SB_ROUTE_LEVEL 0",
                "api uuid_setvar " + CHANNEL + " SB_ROUTE_OUTCOME QUEUE",
                "api uuid_setvar " + CHANNEL + " SB_ROUTE_QUEUE support",
                "api uuid_setvar " + CHANNEL + " switchboard_route support XML queues",
                "exit");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions("routed") == routed + 1);
        RoutingService.Decided d = routing.recentDecisions().stream().filter(x -> A_LEG.equals(x.callId()))
                .findFirst().orElseThrow();
        assertThat(d.node()).isEqualTo("fssim");
        assertThat(d.caller()).isEqualTo("5550900");
        assertThat(d.queue()).isEqualTo("support");
    }

    @Test
    void aValueWithALineBreakIsRefusedAndNothingIsSet() throws Exception {
        ScriptedTestStrategy.use(routing,
                ScriptedTestStrategy.policy(List.of("support"), Map.of("echo", "ivr_intent")));
        double refused = server.sessions("refused");
        double errors = fallbacks("error");
        String injected = new String(FakeFreeSwitchSocket.capturedConnectReply(), StandardCharsets.UTF_8)
                .replace("Content-Type: command/reply\n",
                        "variable_ivr_intent: billing%0D%0Aapi%20hupall\nContent-Type: command/reply\n");

        List<String> commands = converse(injected.getBytes(StandardCharsets.UTF_8));

        assertThat(commands).containsExactly("connect", "resume", "exit");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions("refused") == refused + 1);
        assertThat(fallbacks("error")).isEqualTo(errors + 1);
    }

    @Test
    void aDecisionPastTheDeadlineSetsNothingAndCountsTheFallback() throws Exception {
        long overrun = config.deadline().toMillis() * 6;
        ScriptedTestStrategy.use(routing,
                ScriptedTestStrategy.policy(List.of("sales"), Map.of("sleep-ms", Long.toString(overrun))));
        double deadline = fallbacks("deadline");
        double sessions = server.sessions("deadline");

        List<String> commands = converse(FakeFreeSwitchSocket.capturedConnectReply());

        assertThat(commands).containsExactly("connect", "resume", "exit");
        assertThat(commands).noneMatch(c -> c.contains("uuid_setvar"));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions("deadline") == sessions + 1);
        assertThat(fallbacks("deadline")).isEqualTo(deadline + 1);
        assertThat(routing.recentDecisions()).anySatisfy(x -> {
            assertThat(x.callId()).isEqualTo(A_LEG);
            assertThat(x.outcome()).isEqualTo("FALLBACK");
            assertThat(x.reason()).isEqualTo("deadline");
        });
    }

    @Test
    void aPeerThatHangsUpAfterConnectLeavesNoSessionBehind() throws Exception {
        double aborted = server.sessions("aborted");
        try (FakeFreeSwitchSocket fs = new FakeFreeSwitchSocket(server.port())) {
            assertThat(fs.command()).isEqualTo("connect");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions("aborted") == aborted + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openSessions() == 0);
    }

    @Test
    void garbageInsteadOfChannelDataClosesTheConnection() throws Exception {
        double aborted = server.sessions("aborted");
        try (FakeFreeSwitchSocket fs = new FakeFreeSwitchSocket(server.port())) {
            assertThat(fs.command()).isEqualTo("connect");
            fs.send("\u0000\u0001 this is not an event socket\n\n");
            assertThat(fs.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions("aborted") == aborted + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openSessions() == 0);
    }

    @Test
    void aReplyWithoutChannelDataIsNotRouted() throws Exception {
        double aborted = server.sessions("aborted");
        List<String> commands = converse("Content-Type: command/reply\nReply-Text: +OK\n\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(commands).containsExactly("connect");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions("aborted") == aborted + 1);
    }
}
