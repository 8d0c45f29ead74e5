package io.switchboard.cti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.InteractiveCall;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An agent's day on the simulated Asterisk, through REST and the desktop socket only: log in,
 * get a call, answer, hold, transfer (attended and blind), wrap up — each PBX action checked on
 * the simulator's wire.
 */
@QuarkusTest
class AsteriskDeskEndToEndTest {

    static final String NODE = "sim";

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
    /** A connector per connection: a connector keeps the handlers of the last connection it made. */
    @Inject
    jakarta.enterprise.inject.Instance<BasicWebSocketConnector> connectors;
    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URI base;

    private AmiSimulator sim() {
        return demo.simulator();
    }

    private static RequestSpecification as(TestAgents.TestAgent a) {
        return given().auth().preemptive().basic(a.user(), a.password()).contentType(ContentType.JSON);
    }

    /** The first action named {@code name} on the wire after index {@code from} that matches. */
    private AmiFrame onWire(int from, String name, Map<String, String> fields) {
        await().atMost(Duration.ofSeconds(10)).until(() -> findOnWire(from, name, fields) != null);
        return findOnWire(from, name, fields);
    }

    private AmiFrame findOnWire(int from, String name, Map<String, String> fields) {
        List<AmiFrame> all = sim().receivedActions();
        for (int i = from; i < all.size(); i++) {
            AmiFrame f = all.get(i);
            if (name.equalsIgnoreCase(f.get("Action")) && fields.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(f.get(e.getKey())))) {
                return f;
            }
        }
        return null;
    }

    private InteractiveCall loggedInAndOffered(TestAgents.TestAgent agent, DeskProbe desk) {
        int mark = sim().receivedActions().size();
        as(agent).post("/api/v1/agents/" + agent.id() + "/login").then().statusCode(200).body("ok", equalTo(true));
        onWire(mark, "QueueAdd", Map.of("Queue", "support", "Interface", agent.endpoint().memberInterface()));
        desk.awaitPresence("AVAILABLE");
        InteractiveCall call = sim().offer("support", "5550142", "Ann Example", agent.endpoint().memberInterface(),
                Map.of("INTENT", "billing", "CUSTOMER_ID", "C-42", "LANGUAGE", "en"));
        JsonNode ringing = desk.awaitPresence("RINGING");
        assertThat(ringing.path("callId").asText()).isEqualTo(NODE + ":" + call.callId());
        return call;
    }

    @Test
    void answerHoldAttendedTransferAndWrapUp() throws Exception {
        TestAgents.TestAgent agent = TestAgents.asterisk(roster, presence, users, NODE, "support");
        Customers.seed(db, "default", "C-42", "Ann Example", "5550142", "T-" + agent.id());
        sim().transferTargetTalk(Duration.ofSeconds(30));
        try (DeskProbe desk = DeskProbe.connect(connectors.get(), base, mapper, agent.user(), agent.password())) {
            desk.await("hello", m -> agent.id().equals(m.path("desk").path("agentId").asText()));
            InteractiveCall call = loggedInAndOffered(agent, desk);
            String callId = NODE + ":" + call.callId();

            // the pop: what the call knows at once, then the customer, history and tickets
            JsonNode first = desk.await("card", m -> callId.equals(m.path("card").path("callId").asText())).get("card");
            assertThat(first.path("status").asText()).isEqualTo("RINGING");
            assertThat(first.path("callerNumber").asText()).isEqualTo("5550142");
            assertThat(first.path("queue").asText()).isEqualTo("support");
            assertThat(first.path("ivr").toString()).contains("billing").contains("C-42");
            JsonNode enriched = desk.awaitCard(callId, c -> c.path("enriched").asBoolean());
            assertThat(enriched.path("customerStatus").asText()).isEqualTo("FOUND");
            assertThat(enriched.path("customer").path("name").asText()).isEqualTo("Ann Example");
            assertThat(enriched.path("openTickets").toString()).contains("T-" + agent.id());

            int mark = sim().receivedActions().size();
            as(agent).post("/api/v1/cti/calls/" + callId + "/answer").then().statusCode(200)
                    .body("outcome", equalTo("ok"));
            AmiFrame notify = onWire(mark, "PJSIPNotify", Map.of("Endpoint", agent.endpoint().device()));
            assertThat(notify.toString()).contains("Event=talk");
            desk.awaitPresence("ON_CALL");
            desk.awaitCard(callId, c -> c.path("status").asText().equals("TALKING"));

            JsonNode hold = desk.request("hold", Map.of("callId", callId));
            assertThat(hold.path("ok").asBoolean()).as(hold.toString()).isTrue();
            assertThat(hold.path("result").path("latencyMs").asDouble()).isPositive();
            await().until(() -> call.state() == InteractiveCall.State.HELD);
            desk.awaitCard(callId, c -> c.path("status").asText().equals("HELD"));
            as(agent).post("/api/v1/cti/calls/" + callId + "/unhold").then().statusCode(200);
            await().until(() -> call.state() == InteractiveCall.State.TALKING);
            desk.awaitCard(callId, c -> c.path("status").asText().equals("TALKING"));

            mark = sim().receivedActions().size();
            as(agent).body(Map.of("destination", "2999")).post("/api/v1/cti/calls/" + callId + "/attended-transfer")
                    .then().statusCode(200).body("outcome", equalTo("ok"));
            onWire(mark, "Atxfer", Map.of("Channel", call.agentChannel(), "Exten", "2999", "Context", "from-internal"));
            await().until(() -> call.state() == InteractiveCall.State.CONSULTING);

            mark = sim().receivedActions().size();
            String agentChannel = call.agentChannel();
            JsonNode complete = desk.request("attended-transfer-complete", Map.of("callId", callId));
            assertThat(complete.path("ok").asBoolean()).as(complete.toString()).isTrue();
            onWire(mark, "Hangup", Map.of("Channel", agentChannel));
            await().until(() -> call.state() == InteractiveCall.State.TRANSFERRED);
            desk.awaitCard(callId, c -> c.path("status").asText().equals("TRANSFERRED"));

            JsonNode wrap = desk.awaitPresence("WRAP_UP");
            assertThat(wrap.path("callId").asText()).isEqualTo(callId);
            onWire(mark, "QueuePause", Map.of("Interface", agent.endpoint().memberInterface(), "Paused", "true",
                    "Reason", "wrap-up"));
            desk.awaitPresence("WRAP_UP");

            mark = sim().receivedActions().size();
            JsonNode done = desk.request("wrap-up", Map.of("callId", callId, "disposition", "resolved",
                    "note", "card replaced"));
            assertThat(done.path("ok").asBoolean()).as(done.toString()).isTrue();
            onWire(mark, "QueuePause", Map.of("Interface", agent.endpoint().memberInterface(), "Paused", "false"));
            desk.awaitPresence("AVAILABLE");
            assertThat(disposition(callId, agent.id())).isEqualTo("resolved");
        } finally {
            sim().transferTargetTalk(Duration.ofSeconds(5));
        }
        // every step audited with the PBX's outcome
        TestAgents.TestAgent supervisor = TestAgents.supervisor(roster, presence, users, NODE, "support", false);
        await().untilAsserted(() -> as(supervisor).queryParam("agent", agent.id()).get("/api/v1/cti/audit")
                .then().statusCode(200).body("findAll { it.outcome == 'ok' }.action",
                        org.hamcrest.Matchers.hasItems("login", "answer", "hold", "unhold", "attended-transfer",
                                "attended-transfer-complete", "wrap-up-done")));
    }

    @Test
    void blindTransferOthersCallsAndSupervisors() {
        TestAgents.TestAgent agent = TestAgents.asterisk(roster, presence, users, NODE, "support");
        TestAgents.TestAgent other = TestAgents.asterisk(roster, presence, users, NODE, "support");
        TestAgents.TestAgent supervisor = TestAgents.supervisor(roster, presence, users, NODE, "support", false);
        try (DeskProbe desk = DeskProbe.connect(connectors.get(), base, mapper, agent.user(), agent.password())) {
            InteractiveCall call = loggedInAndOffered(agent, desk);
            String callId = NODE + ":" + call.callId();
            JsonNode answer = desk.request("answer", Map.of("callId", callId));
            assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
            desk.awaitPresence("ON_CALL");
            desk.awaitCard(callId, c -> c.path("status").asText().equals("TALKING"));

            // a desktop that (re)connects mid-call is shown the call at once
            try (DeskProbe again = DeskProbe.connect(connectors.get(), base, mapper, agent.user(), agent.password())) {
                JsonNode hello = again.await("hello", m -> true).get("desk");
                assertThat(hello.path("status").path("presence").asText()).isEqualTo("ON_CALL");
                assertThat(hello.path("cards").size()).isEqualTo(1);
                assertThat(hello.path("cards").get(0).path("callId").asText()).isEqualTo(callId);
            }

            // another agent may not touch it; its supervisor may listen in
            as(other).post("/api/v1/cti/calls/" + callId + "/hold").then().statusCode(403);
            as(other).post("/api/v1/cti/calls/" + callId + "/listen").then().statusCode(403);
            int mark = sim().receivedActions().size();
            as(supervisor).post("/api/v1/cti/calls/" + callId + "/whisper").then().statusCode(200);
            AmiFrame spy = onWire(mark, "Originate", Map.of("Channel", supervisor.endpoint().dial(),
                    "Application", "ChanSpy"));
            assertThat(spy.get("Data")).isEqualTo(call.agentChannel() + ",qwE");

            mark = sim().receivedActions().size();
            as(agent).body(Map.of("destination", "2100", "context", "from-internal"))
                    .post("/api/v1/cti/calls/" + callId + "/transfer").then().statusCode(200);
            onWire(mark, "BlindTransfer", Map.of("Channel", call.agentChannel(), "Exten", "2100"));
            await().until(() -> call.state() == InteractiveCall.State.TRANSFERRED
                    || call.state() == InteractiveCall.State.ENDED);
            desk.awaitPresence("WRAP_UP");
        }
    }

    @Test
    void aPbxThatDoesNotAnswerGivesATimeoutAndTheAgentStaysInControl() {
        TestAgents.TestAgent agent = TestAgents.asterisk(roster, presence, users, NODE, "support");
        try (DeskProbe desk = DeskProbe.connect(connectors.get(), base, mapper, agent.user(), agent.password())) {
            InteractiveCall call = loggedInAndOffered(agent, desk);
            String callId = NODE + ":" + call.callId();
            sim().leaveUnanswered(f -> "PJSIPNotify".equalsIgnoreCase(f.get("Action")));
            try {
                as(agent).post("/api/v1/cti/calls/" + callId + "/answer").then().statusCode(504)
                        .body("outcome", equalTo("timeout"));
            } finally {
                sim().leaveUnanswered(null);
            }
            as(agent).post("/api/v1/cti/calls/" + callId + "/answer").then().statusCode(200);
            desk.awaitPresence("ON_CALL");
            as(agent).post("/api/v1/cti/calls/" + callId + "/hangup").then().statusCode(200);
            desk.awaitPresence("WRAP_UP");
        }
    }

    @Test
    void afterAReconnectTheStateIsWhatThePbxHas() {
        TestAgents.TestAgent agent = TestAgents.asterisk(roster, presence, users, NODE, "support");
        try (DeskProbe desk = DeskProbe.connect(connectors.get(), base, mapper, agent.user(), agent.password())) {
            as(agent).post("/api/v1/agents/" + agent.id() + "/login").then().statusCode(200);
            desk.awaitPresence("AVAILABLE");
            as(agent).body(Map.of("reason", "lunch")).post("/api/v1/agents/" + agent.id() + "/pause")
                    .then().statusCode(200);
            assertThat(desk.awaitPresence("PAUSED").path("pauseReason").asText()).isEqualTo("lunch");

            // the service loses track (as after a restart with a stale stored state) ...
            java.time.Instant now = java.time.Instant.now();
            presence.onEvent(new io.switchboard.events.CallEvent.AgentStateChanged(
                    new io.switchboard.events.EventMeta(NODE, now, now, null, null), null,
                    agent.endpoint().memberInterface(), agent.id(), io.switchboard.events.AgentState.LOGGED_OUT,
                    null, null), null, null);
            desk.awaitPresence("LOGGED_OUT");
            // ... and the next connection to the PBX puts back what the PBX has: paused for lunch
            sim().dropClients();
            JsonNode back = desk.awaitPresence("PAUSED");
            assertThat(back.path("pauseReason").asText()).isEqualTo("lunch");
        }
    }

    private String disposition(String callId, String agentId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select code from call_dispositions where call_id = ? and agent_id = ?")) {
            ps.setString(1, callId);
            ps.setString(2, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
