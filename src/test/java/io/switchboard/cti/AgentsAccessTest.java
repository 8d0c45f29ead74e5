package io.switchboard.cti;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.demo.DemoSimulator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** Who may see and do what on the agent and CTI endpoints, and input that never reaches a PBX. */
@QuarkusTest
class AgentsAccessTest {

    @Inject
    DemoSimulator demo;

    static final String INJECTION = "123\r\nAction: Command\r\nCommand: core stop now";

    @Test
    void credentialsAreRequired() {
        given().get("/api/v1/agents").then().statusCode(401);
        given().auth().preemptive().basic("agent1", "wrong").get("/api/v1/agents").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("destination", "100"))
                .post("/api/v1/cti/dial").then().statusCode(401);
    }

    @Test
    void agentsSeeThemselvesSupervisorsTheirQueues() {
        given().auth().preemptive().basic("agent1", "agent1").get("/api/v1/agents")
                .then().statusCode(200).body("id", everyItem(is("agent1")));
        given().auth().preemptive().basic("agent1", "agent1").get("/api/v1/agents/agent2").then().statusCode(404);
        given().auth().preemptive().basic("supervisor", "supervisor").get("/api/v1/agents")
                .then().statusCode(200).body("id", hasItems("agent1", "agent2", "agent3", "agent4"));
        given().auth().preemptive().basic("agent1", "agent1").get("/api/v1/agents/me")
                .then().statusCode(200).body("id", equalTo("agent1")).body("status.agentId", equalTo("agent1"));
    }

    @Test
    void onlyAdminsDefineAgents() {
        Map<String, Object> body = Map.of("name", "Temp", "queues", java.util.List.of("support"), "endpoints",
                java.util.List.of(Map.of("node", "sim", "memberInterface", "Local/temp@agents/n", "dial",
                        "Local/temp@agents", "device", "temp")));
        given().auth().preemptive().basic("agent1", "agent1").contentType(ContentType.JSON).body(body)
                .put("/api/v1/agents/temp").then().statusCode(403);
        given().auth().preemptive().basic("admin", "admin").contentType(ContentType.JSON).body(body)
                .put("/api/v1/agents/temp").then().statusCode(200).body("endpoints[0].memberInterface",
                        equalTo("Local/temp@agents/n"));
        Map<String, Object> bad = Map.of("name", "Bad", "endpoints", java.util.List.of(Map.of("node", "sim",
                "memberInterface", "Local/x\r\nAction: Command", "dial", "x", "device", "x")));
        given().auth().preemptive().basic("admin", "admin").contentType(ContentType.JSON).body(bad)
                .put("/api/v1/agents/bad").then().statusCode(400);
    }

    @Test
    void agentsActOnlyForThemselves() {
        given().auth().preemptive().basic("agent1", "agent1").contentType(ContentType.JSON)
                .body(Map.of("reason", "lunch")).post("/api/v1/agents/agent2/pause")
                .then().statusCode(403).body("message", containsString("agent2"));
        given().auth().preemptive().basic("agent1", "agent1").contentType(ContentType.JSON)
                .body(Map.of("reason", "napping")).post("/api/v1/agents/agent1/pause")
                .then().statusCode(400).body("message", containsString("pause reason"));
        given().auth().preemptive().basic("agent1", "agent1").contentType(ContentType.JSON)
                .body(Map.of("disposition", "made-up")).post("/api/v1/agents/agent1/wrap-up")
                .then().statusCode(400);
    }

    @Test
    void loginNeedsNoBody() {
        given().auth().preemptive().basic("agent2", "agent2").post("/api/v1/agents/agent2/login")
                .then().statusCode(200).body("action", equalTo("login"));
    }

    @Test
    void callsThatAreNotThereOrNotYours() {
        given().auth().preemptive().basic("agent1", "agent1").post("/api/v1/cti/calls/sim:nope/hold")
                .then().statusCode(404);
        given().auth().preemptive().basic("agent1", "agent1").post("/api/v1/cti/calls/sim:nope/listen")
                .then().statusCode(403);
    }

    @Test
    void controlCharactersAreRefusedBeforeAnyPbx() {
        int before = demo.simulator().receivedActions().size();
        given().auth().preemptive().basic("agent1", "agent1").contentType(ContentType.JSON)
                .body(Map.of("destination", INJECTION)).post("/api/v1/cti/dial")
                .then().statusCode(400).body("message", containsString("control character"));
        given().auth().preemptive().basic("agent1", "agent1").contentType(ContentType.JSON)
                .body(Map.of("destination", INJECTION)).post("/api/v1/cti/calls/sim:any/transfer")
                .then().statusCode(400);
        given().auth().preemptive().basic("agent1", "agent1").contentType(ContentType.JSON)
                .body(Map.of("destination", "200", "context", "x\nAction: Command"))
                .post("/api/v1/cti/calls/sim:any/attended-transfer").then().statusCode(400);
        given().auth().preemptive().basic("agent1", "agent1").contentType(ContentType.JSON)
                .body(Map.of("reason", INJECTION)).post("/api/v1/agents/agent1/pause").then().statusCode(400);
        assertNoInjection(demo.simulator(), before);
    }

    static void assertNoInjection(AmiSimulator sim, int from) {
        var actions = sim.receivedActions();
        for (int i = from; i < actions.size(); i++) {
            String text = actions.get(i).toString();
            org.assertj.core.api.Assertions.assertThat(text).doesNotContain("core stop now");
        }
    }
}
