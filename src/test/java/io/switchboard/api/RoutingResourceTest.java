package io.switchboard.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingService;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/** The routing policy and console API: roles, validation, versions, conflicts, roll-back, dry runs. */
@QuarkusTest
class RoutingResourceTest {

    private static final String ADMIN = "routing-admin";
    private static final String SUPERVISOR = "routing-super";
    private static final String AGENT = "routing-agent";

    @Inject
    UserStore users;
    @Inject
    RoutingService routing;
    @Inject
    PolicyStore store;

    @BeforeEach
    void users() {
        users.save(ADMIN, "pw-admin", Set.of(Roles.ADMIN), null, Set.of(), "default");
        users.save(SUPERVISOR, "pw-super", Set.of(Roles.SUPERVISOR), null, Set.of(), "default");
        users.save(AGENT, "pw-agent", Set.of(Roles.AGENT), null, Set.of(), "default");
    }

    @AfterEach
    void shippedPolicyAgain() {
        routing.save(store.defaults(), routing.policy().version(), "test", "back to the shipped policy");
    }

    private static io.restassured.specification.RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    private static Map<String, Object> update(int expectedVersion, String defaultQueue, String comment) {
        Map<String, Object> policy = Map.of("defaultQueue", defaultQueue,
                "rules", List.of(Map.of("name", "spread", "strategy", "least-loaded-queue",
                        "queues", List.of("support", "sales"))),
                "diverts", Map.of("smart-ivr", Map.of("context", "smart-ivr", "extension", "s")));
        return Map.of("expectedVersion", expectedVersion, "comment", comment, "policy", policy);
    }

    @Test
    void onlyAdminsChangeThePolicy() {
        given().get("/api/v1/routing/state").then().statusCode(401);
        as(AGENT, "pw-agent").get("/api/v1/routing/policy").then().statusCode(403);
        int version = as(SUPERVISOR, "pw-super").get("/api/v1/routing/policy").then().statusCode(200)
                .body("strategies", hasItems("vip", "skills", "least-loaded-queue", "least-loaded-node", "time-of-day"))
                .extract().path("version");
        as(SUPERVISOR, "pw-super").contentType(ContentType.JSON).body(update(version, "sales", "x"))
                .put("/api/v1/routing/policy").then().statusCode(403);
        as(SUPERVISOR, "pw-super").get("/api/v1/routing/state").then().statusCode(200)
                .body("policyVersion", equalTo(version));
    }

    @Test
    void savesVersionsRefusesConflictsAndRollsBack() {
        int start = routing.policy().version();
        as(ADMIN, "pw-admin").contentType(ContentType.JSON).body(update(start, "sales", "spread support and sales"))
                .put("/api/v1/routing/policy").then().statusCode(200)
                .body("version", equalTo(start + 1)).body("savedBy", equalTo(ADMIN))
                .body("policy.defaultQueue", equalTo("sales"));
        assertThat(routing.policy().policy().defaultQueue()).isEqualTo("sales");

        // an editor who started from the old version does not overwrite the new one
        as(ADMIN, "pw-admin").contentType(ContentType.JSON).body(update(start, "billing", "stale"))
                .put("/api/v1/routing/policy").then().statusCode(409)
                .body("message", startsWith("the policy was changed by someone else"));
        assertThat(routing.policy().policy().defaultQueue()).isEqualTo("sales");

        as(ADMIN, "pw-admin").get("/api/v1/routing/policy/versions").then().statusCode(200)
                .body("[0].version", equalTo(start + 1)).body("[0].comment", equalTo("spread support and sales"));

        as(ADMIN, "pw-admin").contentType(ContentType.JSON).body(Map.of("version", start))
                .post("/api/v1/routing/policy/rollback").then().statusCode(200)
                .body("version", equalTo(start + 2)).body("comment", equalTo("rollback to version " + start));
        assertThat(routing.policy().policy().defaultQueue())
                .isEqualTo(store.version(start).orElseThrow().policy().defaultQueue());

        await().until(() -> as(ADMIN, "pw-admin").get("/api/v1/routing/events?kind=policy&limit=5")
                .then().statusCode(200).extract().<List<String>>path("to").contains(Integer.toString(start + 2)));
    }

    @Test
    void anInvalidPolicyIsRefusedWithEveryProblem() {
        int version = routing.policy().version();
        Map<String, Object> bad = Map.of("expectedVersion", version, "policy", Map.of(
                "defaultQueue", "support\r\nAction: Command",
                "rules", List.of(Map.of("strategy", "psychic", "queues", List.of("support"))),
                "queues", Map.of("support", Map.of("overflowWaiting", 3, "overflowTo", "nowhere"))));
        as(ADMIN, "pw-admin").contentType(ContentType.JSON).body(bad).put("/api/v1/routing/policy").then()
                .statusCode(400).body("message", equalTo("routing policy not valid"))
                .body("details", hasItem(startsWith("defaultQueue must be a queue name")))
                .body("details", hasItem(startsWith("rules[0]: strategy must be one of")))
                .body("details", hasItem(startsWith("queues.support.overflowTo names divert 'nowhere'")));
        assertThat(routing.policy().version()).isEqualTo(version);

        as(ADMIN, "pw-admin").contentType(ContentType.JSON).body(Map.of("comment", "no policy"))
                .put("/api/v1/routing/policy").then().statusCode(400);
        as(ADMIN, "pw-admin").contentType(ContentType.JSON).body("{not json").put("/api/v1/routing/policy")
                .then().statusCode(400);
        as(ADMIN, "pw-admin").get("/api/v1/routing/policy/versions/99999").then().statusCode(404);
        as(ADMIN, "pw-admin").get("/api/v1/routing/events?kind=gossip").then().statusCode(400);
    }

    @Test
    void aTrialCallShowsTheDecisionOfThePolicyInForce() {
        int version = routing.policy().version();
        Map<String, Object> policy = Map.of("defaultQueue", "support",
                "rules", List.of(Map.of("name", "billing", "strategy", "least-loaded-queue",
                        "match", Map.of("callType", "billing"), "queues", List.of("billing"))));
        as(ADMIN, "pw-admin").contentType(ContentType.JSON)
                .body(Map.of("expectedVersion", version, "policy", policy)).put("/api/v1/routing/policy")
                .then().statusCode(200);
        as(SUPERVISOR, "pw-super").contentType(ContentType.JSON)
                .body(Map.of("node", "sim", "callerNumber", "+4930111", "variables", Map.of("CALL_TYPE", "billing")))
                .post("/api/v1/routing/decide").then().statusCode(200)
                .body("outcome", equalTo("QUEUE")).body("queue", equalTo("billing"))
                .body("destination.context", equalTo("queues")).body("destination.extension", equalTo("billing"))
                .body("strategy", equalTo("billing")).body("variables.SB_ROUTE_QUEUE", equalTo("billing"));
        as(SUPERVISOR, "pw-super").contentType(ContentType.JSON).body(Map.of("node", "sim"))
                .post("/api/v1/routing/decide").then().statusCode(200).body("queue", equalTo("support"));
        as(SUPERVISOR, "pw-super").contentType(ContentType.JSON).body(Map.of("callerNumber", "1"))
                .post("/api/v1/routing/decide").then().statusCode(400);
        as(SUPERVISOR, "pw-super").get("/api/v1/routing/state").then().statusCode(200)
                .body("recentDecisions.queue", hasItems("billing", "support"));
    }
}
