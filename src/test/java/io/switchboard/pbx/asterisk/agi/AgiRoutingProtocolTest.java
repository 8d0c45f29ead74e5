package io.switchboard.pbx.asterisk.agi;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.routing.RoutingConfig;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FastAGI server on the wire: a plain socket sends what Asterisk 22 sends and the exact
 * command lines that come back are checked.
 */
@QuarkusTest
class AgiRoutingProtocolTest {

    /** GET VARIABLEs for the IVR variables the dialplan did not pass as arguments, then the call id. */
    static final List<String> FETCHES = List.of(
            "GET VARIABLE \"INTENT\"",
            "GET VARIABLE \"ACCOUNT_ID\"",
            "GET VARIABLE \"LANGUAGE\"",
            "GET VARIABLE \"CALLER_TAG\"",
            "GET VARIABLE \"VIP\"",
            "GET VARIABLE \"AMOUNT\"",
            "GET VARIABLE \"IVR_INTENT\"",
            "GET VARIABLE \"CHANNEL(linkedid)\"");

    @Inject
    RoutingService routing;
    @Inject
    PolicyStore policies;
    @Inject
    RoutingConfig config;
    @Inject
    MeterRegistry registry;

    @BeforeEach
    void policy() {
        AgiTestPolicy.use(routing);
    }

    @AfterEach
    void shippedPolicyAgain() {
        AgiTestPolicy.restore(routing, policies);
    }

    private double agiRequests(String outcome) {
        var c = registry.find("switchboard.routing.agi.requests").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private double fallbacks(String reason) {
        var c = registry.find("switchboard.routing.fallbacks").tag("reason", reason).tag("node", "sim").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void routesToTheDefaultQueueWithDecisionVariablesThenRoute() throws Exception {
        double routed = agiRequests("routed");

        List<String> commands = RawAgiClient.converse(config.agi().port(),
                RawAgiClient.request("route", "support"));

        assertThat(commands).startsWith(FETCHES.toArray(String[]::new));
        assertThat(commands.subList(FETCHES.size(), commands.size())).containsExactly(
                "SET VARIABLE \"SB_ROUTE_LEVEL\" \"0\"",
                "SET VARIABLE \"SB_ROUTE_OUTCOME\" \"QUEUE\"",
                "SET VARIABLE \"SB_ROUTE_QUEUE\" \"support\"",
                "SET VARIABLE \"ROUTE\" \"queues,support,1\"",
                "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
        assertThat(agiRequests("routed")).isEqualTo(routed + 1);
        assertThat(routing.recentDecisions()).anySatisfy(d -> {
            assertThat(d.callId()).isEqualTo(RawAgiClient.LINKEDID);
            assertThat(d.node()).isEqualTo("sim");
            assertThat(d.caller()).isEqualTo("555500");
            assertThat(d.queue()).isEqualTo("support");
        });
    }

    @Test
    void missedDeadlineSetsNothingAndCountsTheFallback() throws Exception {
        double deadline = agiRequests("deadline");
        double fallbacks = fallbacks("deadline");

        List<String> commands = RawAgiClient.converse(config.agi().port(), RawAgiClient.request("route", "slow"));

        assertThat(commands).containsExactly(concat(FETCHES, "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\""));
        assertThat(agiRequests("deadline")).isEqualTo(deadline + 1);
        assertThat(fallbacks("deadline")).isEqualTo(fallbacks + 1);
    }

    @Test
    void decisionWithALineBreakIsRefusedWhole() throws Exception {
        double refused = agiRequests("refused");

        List<String> commands = RawAgiClient.converse(config.agi().port(), RawAgiClient.request("route", "unsafe"));

        assertThat(commands).containsExactly(concat(FETCHES, "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\""));
        assertThat(commands).noneMatch(c -> c.contains("hello") || c.startsWith("HANGUP"));
        assertThat(agiRequests("refused")).isEqualTo(refused + 1);
    }

    @Test
    void unknownScriptIsAnsweredNotFound() throws Exception {
        double unknown = agiRequests("unknown-script");

        List<String> commands = RawAgiClient.converse(config.agi().port(),
                RawAgiClient.request("nothere", "support"));

        assertThat(commands).containsExactly("SET VARIABLE \"AJ_AGISTATUS\" \"NOT_FOUND\"",
                "VERBOSE \"No script configured for URL 'agi://127.0.0.1:4573/nothere' (script 'nothere')\" 1");
        assertThat(commands).noneMatch(c -> c.contains("ROUTE"));
        assertThat(agiRequests("unknown-script")).isEqualTo(unknown + 1);
    }

    private static String[] concat(List<String> head, String last) {
        String[] out = head.toArray(new String[head.size() + 1]);
        out[head.size()] = last;
        return out;
    }
}
