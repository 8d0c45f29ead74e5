package io.switchboard.pbx.asterisk.agi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.api.CallRecordDto;
import io.switchboard.cti.Customers;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.persistence.CallQueries;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingService;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.InteractiveCall;
import io.switchboard.simulator.RoutedCall;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls on the built-in AMI simulator that enter through the {@code [agi-route]} dialplan and
 * ask this service's FastAGI server, as on Asterisk: where they go, and what their record says.
 */
@QuarkusTest
class AgiRoutedCallEndToEndTest {

    static final String NODE = "sim";

    @Inject
    DemoSimulator demo;
    @Inject
    RoutingService routing;
    @Inject
    PolicyStore policies;
    @Inject
    AgiRoutingServer server;
    @Inject
    CallQueries calls;
    @Inject
    AgroalDataSource db;

    private AmiSimulator sim() {
        return demo.simulator();
    }

    @BeforeEach
    void policy() {
        AgiTestPolicy.use(routing);
        server.start();
        assertThat(sim().awaitEventClients(1, Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void shippedPolicyAgain() {
        AgiTestPolicy.restore(routing, policies);
    }

    private CallRecordDto record(RoutedCall call) {
        String id = NODE + ":" + call.callId();
        await().atMost(Duration.ofSeconds(15)).until(() -> calls.find("default", id).isPresent());
        return calls.find("default", id).orElseThrow().call();
    }

    @Test
    void vipCallerReachesTheQueueThePolicyChose() throws Exception {
        Customers.seed(db, "default", "C-AGI-1", "Vera Important", "5550301", "T-AGI-1");

        RoutedCall call = sim().routedCall("5550301", "Vera Important", "800100",
                Map.of("CUSTOMER_ID", "C-AGI-1", "CALL_TYPE", "support"), "PJSIP/7301");
        RoutedCall.Outcome out = call.outcome().get(15, TimeUnit.SECONDS);

        assertThat(out.agiStatus()).isEqualTo("SUCCESS");
        assertThat(out.fallback()).isFalse();
        assertThat(out.route()).isEqualTo("queues,vip,1");
        assertThat(out.queue()).isEqualTo("vip");
        assertThat(out.commands()).contains("SET VARIABLE \"QUEUE_PRIO\" \"10\"");
        InteractiveCall queued = call.queueCall();
        assertThat(queued.answer()).isTrue();
        assertThat(call.hangupCaller()).isTrue();

        CallRecordDto r = record(call);
        assertThat(r.queue()).isEqualTo("vip");
        assertThat(r.disposition()).isEqualTo("ANSWERED");
        assertThat(r.direction()).isEqualTo("INBOUND");
        assertThat(r.routingStatus()).isEqualTo("SUCCESS");
        assertThat(r.ivrData()).containsEntry("ROUTE", "queues,vip,1").containsEntry("CUSTOMER_ID", "C-AGI-1")
                .doesNotContainKey("ROUTE_FALLBACK");
    }

    @Test
    void withTheRoutingServerDownTheDialplanFallsBackToSupport() throws Exception {
        server.stop();
        RoutedCall call;
        try {
            call = sim().routedCall("5550302", "Otto Fallback", Map.of("CUSTOMER_ID", "4711", "CALL_TYPE", "support"));
            RoutedCall.Outcome out = call.outcome().get(15, TimeUnit.SECONDS);
            assertThat(out.agiStatus()).isEqualTo("FAILURE");
            assertThat(out.fallback()).isTrue();
            assertThat(out.route()).isNull();
            assertThat(out.queue()).isEqualTo("support");
            assertThat(out.commands()).isEmpty();
        } finally {
            server.start();
        }
        assertThat(call.hangupCaller()).isTrue();

        CallRecordDto r = record(call);
        assertThat(r.queue()).isEqualTo("support");
        assertThat(r.disposition()).isEqualTo("ABANDONED");
        assertThat(r.routingStatus()).isEqualTo("FAILURE");
        assertThat(r.ivrData()).containsEntry("ROUTE_FALLBACK", "yes").doesNotContainKey("ROUTE");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"after-hours, " + AgiTestPolicy.CLOSED_PLACE, "self-service, " + AgiTestPolicy.DIVERT_PLACE})
    void callSentElsewhereEndsThereWithoutAQueue(String callType, String place) throws Exception {
        RoutedCall call = sim().routedCall("5550303", "Late Caller", Map.of("CUSTOMER_ID", "4712", "CALL_TYPE", callType));
        RoutedCall.Outcome out = call.outcome().get(15, TimeUnit.SECONDS);

        assertThat(out.fallback()).isFalse();
        assertThat(out.route()).isEqualTo(place + ",s,1");
        assertThat(out.context()).isEqualTo(place);
        assertThat(out.queue()).isNull();
        assertThat(call.queueCall()).isNull();

        CallRecordDto r = record(call); // the place plays a while, then hangs up
        assertThat(r.queue()).isNull();
        assertThat(r.routingStatus()).isEqualTo("SUCCESS");
        assertThat(r.ivrData()).containsEntry("ROUTE", place + ",s,1").doesNotContainKey("ROUTE_FALLBACK");
    }
}
