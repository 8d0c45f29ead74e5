package io.switchboard.cti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.esl.EslOfferedCall;
import io.switchboard.simulator.esl.EslSimulator;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The same agent's day on the simulated FreeSWITCH (mod_callcenter): log in, a popped call,
 * answer, hold, attended and blind transfer, wrap-up — each command checked on the event
 * socket's wire.
 */
@QuarkusTest
class FreeSwitchDeskEndToEndTest {

    static final String NODE = "fssim";

    @Inject
    DemoSimulator demo;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    UserStore users;
    @Inject
    ObjectMapper mapper;
    @Inject
    Instance<BasicWebSocketConnector> connectors;
    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URI base;

    private EslSimulator sim() {
        return demo.eslSimulator();
    }

    private static RequestSpecification as(TestAgents.TestAgent a) {
        return given().auth().preemptive().basic(a.user(), a.password()).contentType(ContentType.JSON);
    }

    /** The first command after index {@code from} that starts with {@code prefix} (the bgapi word aside). */
    private String onWire(int from, String prefix) {
        await().atMost(Duration.ofSeconds(10)).until(() -> findOnWire(from, prefix) != null);
        return findOnWire(from, prefix);
    }

    private String findOnWire(int from, String prefix) {
        List<String> all = sim().receivedCommands();
        for (int i = from; i < all.size(); i++) {
            String c = all.get(i).replaceFirst("^(bg)?api ", "");
            if (c.startsWith(prefix)) {
                return c;
            }
        }
        return null;
    }

    private TestAgents.TestAgent agent() {
        TestAgents.TestAgent a = TestAgents.freeswitch(roster, presence, users, NODE, "support");
        sim().addAgent(a.endpoint().memberInterface());
        return a;
    }

    private EslOfferedCall loggedInAndOffered(TestAgents.TestAgent agent, DeskProbe desk) {
        int mark = sim().receivedCommands().size();
        as(agent).post("/api/v1/agents/" + agent.id() + "/login").then().statusCode(200).body("ok", equalTo(true));
        onWire(mark, "callcenter_config agent set status " + agent.endpoint().memberInterface() + " 'Available'");
        desk.awaitPresence("AVAILABLE");
        EslOfferedCall call = sim().offer("support", "5550177", "Bea Example", agent.endpoint().memberInterface(),
                Map.of("INTENT", "cancel", "CUSTOMER_ID", "C-77", "LANGUAGE", "fr"));
        JsonNode ringing = desk.awaitPresence("RINGING");
        assertThat(ringing.path("callId").asText()).isEqualTo(NODE + ":" + call.callId());
        return call;
    }

    @Test
    void answerHoldAttendedTransferAndWrapUp() throws Exception {
        TestAgents.TestAgent agent = agent();
        Customers.seed(db, "default", "C-77", "Bea Example", "5550177", "T-" + agent.id());
        try (DeskProbe desk = DeskProbe.connect(connectors.get(), base, mapper, agent.user(), agent.password())) {
            EslOfferedCall call = loggedInAndOffered(agent, desk);
            String callId = NODE + ":" + call.callId();

            JsonNode first = desk.await("card", m -> callId.equals(m.path("card").path("callId").asText())).get("card");
            assertThat(first.path("status").asText()).isEqualTo("RINGING");
            assertThat(first.path("callerNumber").asText()).isEqualTo("5550177");
            JsonNode enriched = desk.awaitCard(callId, c -> c.path("enriched").asBoolean());
            assertThat(enriched.path("customer").path("name").asText()).isEqualTo("Bea Example");
            assertThat(enriched.path("ivr").toString()).contains("cancel").contains("C-77");
            assertThat(enriched.path("openTickets").toString()).contains("T-" + agent.id());

            int mark = sim().receivedCommands().size();
            as(agent).post("/api/v1/cti/calls/" + callId + "/answer").then().statusCode(200)
                    .body("outcome", equalTo("ok"));
            assertThat(onWire(mark, "uuid_phone_event ")).endsWith(" talk");
            desk.awaitPresence("ON_CALL");
            desk.awaitCard(callId, c -> c.path("status").asText().equals("TALKING"));

            mark = sim().receivedCommands().size();
            JsonNode hold = desk.request("hold", Map.of("callId", callId));
            assertThat(hold.path("ok").asBoolean()).as(hold.toString()).isTrue();
            onWire(mark, "uuid_hold ");
            desk.awaitCard(callId, c -> c.path("status").asText().equals("HELD"));
            mark = sim().receivedCommands().size();
            as(agent).post("/api/v1/cti/calls/" + callId + "/unhold").then().statusCode(200);
            onWire(mark, "uuid_hold off ");
            desk.awaitCard(callId, c -> c.path("status").asText().equals("TALKING"));

            mark = sim().receivedCommands().size();
            as(agent).body(Map.of("destination", "2999")).post("/api/v1/cti/calls/" + callId + "/attended-transfer")
                    .then().statusCode(200).body("outcome", equalTo("ok"));
            assertThat(onWire(mark, "originate ")).contains("2999").endsWith("&park()");
            onWire(mark, "uuid_bridge ");

            mark = sim().receivedCommands().size();
            JsonNode complete = desk.request("attended-transfer-complete", Map.of("callId", callId));
            assertThat(complete.path("ok").asBoolean()).as(complete.toString()).isTrue();
            onWire(mark, "uuid_bridge ");
            onWire(mark, "uuid_kill ");
            desk.awaitPresence("WRAP_UP");

            mark = sim().receivedCommands().size();
            JsonNode done = desk.request("wrap-up", Map.of("callId", callId, "disposition", "escalated"));
            assertThat(done.path("ok").asBoolean()).as(done.toString()).isTrue();
            onWire(mark, "callcenter_config agent set state " + agent.endpoint().memberInterface() + " Waiting");
            desk.awaitPresence("AVAILABLE");
        }
    }

    @Test
    void blindTransferAndInjection() {
        TestAgents.TestAgent agent = agent();
        try (DeskProbe desk = DeskProbe.connect(connectors.get(), base, mapper, agent.user(), agent.password())) {
            EslOfferedCall call = loggedInAndOffered(agent, desk);
            String callId = NODE + ":" + call.callId();
            JsonNode answer = desk.request("answer", Map.of("callId", callId));
            assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
            desk.awaitPresence("ON_CALL");

            int mark = sim().receivedCommands().size();
            JsonNode injected = desk.request("transfer", Map.of("callId", callId,
                    "destination", AgentsAccessTest.INJECTION));
            assertThat(injected.path("status").asInt()).isEqualTo(400);
            as(agent).body(Map.of("reason", AgentsAccessTest.INJECTION)).post("/api/v1/agents/" + agent.id() + "/pause")
                    .then().statusCode(400);
            assertThat(sim().receivedCommands().subList(mark, sim().receivedCommands().size()))
                    .noneMatch(c -> c.contains("core stop now"));

            as(agent).body(Map.of("destination", "2100")).post("/api/v1/cti/calls/" + callId + "/transfer")
                    .then().statusCode(200);
            assertThat(onWire(mark, "uuid_transfer ")).contains(" 2100 XML from-internal");
            desk.awaitPresence("WRAP_UP");
        }
    }
}
