package io.switchboard.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingService;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.switchboard.audit.AuditApi.agentBody;
import static io.switchboard.audit.AuditApi.as;
import static io.switchboard.audit.AuditApi.audit;
import static io.switchboard.audit.AuditApi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code /api/v1/audit}: every admin change and CTI action lands in one trail with who, what,
 * before, after and when; filters, paging, tenants and roles. CTI actions: {@code CtiAuditTrailTest}.
 */
@QuarkusTest
class AuditTrailTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    UserStore users;
    @Inject
    RoutingService routing;
    @Inject
    PolicyStore policies;
    @Inject
    PbxRegistry registry;

    String run;
    /** An admin of the platform tenant: the routing policy and nodes are theirs to change. */
    String admin;
    String supervisor;
    String otherAdmin;
    String otherTenant;

    @BeforeEach
    void users() {
        run = UUID.randomUUID().toString().substring(0, 8);
        admin = "aud-adm-" + run;
        supervisor = "aud-sup-" + run;
        otherAdmin = "aud-oth-" + run;
        otherTenant = "aud-t-" + run;
        users.save(admin, "pw-" + admin, Set.of(Roles.ADMIN), null, Set.of(), "default");
        users.save(supervisor, "pw-" + supervisor, Set.of(Roles.SUPERVISOR), null, Set.of("support"), "default");
        users.save(otherAdmin, "pw-" + otherAdmin, Set.of(Roles.ADMIN), null, Set.of(), otherTenant);
    }

    @AfterEach
    void shippedPolicyAgain() {
        if (admin.equals(routing.policy().savedBy())) {
            routing.save(policies.defaults(), routing.policy().version(), "test", "back to the shipped policy");
        }
    }

    private Map<String, Object> only(String action) {
        List<Map<String, Object>> items = audit(admin, Map.of("actor", admin, "action", action)).getList("items");
        assertThat(items).as(action).hasSize(1);
        return items.getFirst();
    }

    @Test
    void everyAdminChangeIsRecordedWithWhoWhatBeforeAndAfter() {
        Instant start = Instant.now();
        // agents: created (nothing before), then changed
        String agent = "aud-ag-" + run;
        as(admin).body(agentBody("First Name", "71" + run.substring(0, 4))).put("/api/v1/agents/" + agent)
                .then().statusCode(200);
        as(admin).body(agentBody("Second Name", "72" + run.substring(0, 4))).put("/api/v1/agents/" + agent)
                .then().statusCode(200);
        List<Map<String, Object>> agentEntries = audit(admin, Map.of("targetType", "agent", "targetId", agent))
                .getList("items");
        assertThat(agentEntries).hasSize(2);
        Map<String, Object> changed = agentEntries.get(0);
        assertThat(changed).containsEntry("actor", admin).containsEntry("tenant", "default")
                .containsEntry("action", "agent.update").containsEntry("outcome", "ok");
        assertThat(map(changed.get("before"))).containsEntry("name", "First Name");
        assertThat(map(changed.get("after"))).containsEntry("name", "Second Name").containsEntry("id", agent);
        assertThat(Instant.parse((String) changed.get("at"))).isAfterOrEqualTo(start.minusSeconds(1));
        assertThat(agentEntries.get(1).get("before")).isNull();
        assertThat(map(agentEntries.get(1).get("after"))).containsEntry("name", "First Name");

        // the routing policy: saved, a stale save refused, rolled back; an override set and cleared
        int v = routing.policy().version();
        as(admin).body(policyUpdate(v, "sales")).put("/api/v1/routing/policy").then().statusCode(200);
        as(admin).body(policyUpdate(v, "billing")).put("/api/v1/routing/policy").then().statusCode(409);
        as(admin).body(Map.of("version", v)).post("/api/v1/routing/policy/rollback").then().statusCode(200);
        List<Map<String, Object>> updates = audit(admin, Map.of("actor", admin, "action", "routing.policy.update"))
                .getList("items");
        assertThat(updates).extracting(e -> e.get("outcome")).containsExactly("refused", "ok");
        assertThat(updates.get(0).get("detail").toString()).startsWith("the policy was changed by someone else");
        assertThat(map(updates.get(1).get("before"))).containsEntry("version", v);
        assertThat(map(updates.get(1).get("after"))).containsEntry("version", v + 1)
                .containsEntry("comment", "audit " + run);
        Map<String, Object> rollback = only("routing.policy.rollback");
        assertThat(map(rollback.get("before"))).containsEntry("version", v + 1);
        assertThat(map(rollback.get("after"))).containsEntry("version", v + 2)
                .containsEntry("comment", "rollback to version " + v);

        try {
            as(admin).body(Map.of("tenant", "default", "level", 0, "minutes", 1, "reason", "audit " + run))
                    .post("/api/v1/routing/override").then().statusCode(200);
        } finally {
            as(admin).delete("/api/v1/routing/override/default").then().statusCode(200);
        }
        Map<String, Object> set = only("routing.override.set");
        assertThat(set).containsEntry("targetType", "tenant").containsEntry("targetId", "default");
        assertThat(map(set.get("before")).get("overrideLevel")).isNull();
        assertThat(map(set.get("after"))).containsEntry("overrideLevel", 0).containsEntry("overrideReason", "audit " + run);
        Map<String, Object> clear = only("routing.override.clear");
        assertThat(map(clear.get("before"))).containsEntry("overrideLevel", 0);
        assertThat(map(clear.get("after")).get("overrideLevel")).isNull();

        // dialplans: saved twice, deployed, rolled back (which deploys again)
        await().atMost(WAIT).until(() -> registry.control("sim").map(CallControl::connected).orElse(false));
        String plan = "aud-" + run;
        String base = "/api/v1/dialplans/" + plan;
        as(admin).body(dialplan("[" + plan + "]\nexten => s,1,Goto(fixture-queues,support,1)\n", 0)).put(base)
                .then().statusCode(200);
        as(admin).body(dialplan("[" + plan + "]\nexten => s,1,Answer()\n same => n,Queue(sales,t)\n", 1)).put(base)
                .then().statusCode(200);
        as(admin).body(Map.of()).post(base + "/deploy?type=asterisk").then().statusCode(200);
        as(admin).body(Map.of("version", 1)).post(base + "/rollback?type=asterisk").then().statusCode(200);
        List<Map<String, Object>> saves = audit(admin, Map.of("actor", admin, "action", "dialplan.save",
                "targetId", "asterisk/" + plan)).getList("items");
        assertThat(saves).hasSize(2);
        assertThat(map(saves.get(0).get("before"))).containsEntry("version", 1);
        assertThat(map(saves.get(0).get("after"))).containsEntry("version", 2).containsEntry("type", "asterisk");
        assertThat(saves.get(1).get("before")).isNull();
        List<Map<String, Object>> deploys = audit(admin, Map.of("actor", admin, "action", "dialplan.deploy",
                "targetId", "asterisk/" + plan)).getList("items");
        assertThat(deploys).extracting(e -> map(e.get("after")).get("version")).containsExactly(3, 2);
        assertThat(map(deploys.get(1).get("after")).get("nodes").toString()).contains("sim").contains("DEPLOYED");
        Map<String, Object> rolledBack = only("dialplan.rollback");
        assertThat(map(rolledBack.get("before"))).containsEntry("version", 2);
        assertThat(map(rolledBack.get("after"))).containsEntry("version", 3)
                .containsEntry("comment", "rollback to version 1");

        // workflows: deployed and removed
        String key = "aud_" + run;
        String id = as(admin).contentType("application/xml").body(model(key)).queryParam("name", key + ".bpmn")
                .post("/api/v1/workflows").then().statusCode(200).extract().path("deployment.id");
        as(admin).delete("/api/v1/workflows/deployments/" + id).then().statusCode(204);
        Map<String, Object> deployed = only("workflow.deploy");
        assertThat(map(deployed.get("after"))).containsEntry("id", id);
        assertThat(map(deployed.get("after")).get("definitions").toString()).contains(key + ":1");
        Map<String, Object> removed = only("workflow.delete");
        assertThat(removed).containsEntry("targetId", id).containsEntry("outcome", "ok");
        assertThat(map(removed.get("before"))).containsEntry("id", id);

        // a test alert (this admin has no e-mail address: skipped, and recorded so)
        as(admin).body(Map.of("channel", "email", "text", "audit " + run)).post("/api/v1/alerts/test")
                .then().statusCode(200).body("status", equalTo("SKIPPED"));
        Map<String, Object> alert = only("alert.test");
        assertThat(map(alert.get("after"))).containsEntry("channel", "email").containsEntry("status", "SKIPPED");

        // nothing secret anywhere: not the user's password, no field named like one
        String all = audit(admin, Map.of("actor", admin, "limit", 500)).prettify();
        assertThat(all).doesNotContain("pw-" + admin).doesNotContainIgnoringCase("password")
                .doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("hash");
    }

    @Test
    void filtersPagingTenantsAndRoles() {
        Instant start = Instant.now();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String agent = "aud-pg-" + run + "-" + i;
            agents.add(agent);
            as(admin).body(agentBody("Paged " + i, "73" + i + run.substring(0, 4))).put("/api/v1/agents/" + agent)
                    .then().statusCode(200);
        }
        Instant end = Instant.now().plusMillis(1);

        // pages of two follow each other newest first, with nothing lost or repeated
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> params = new HashMap<>(Map.of("actor", admin, "limit", 2));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonPath page = audit(admin, params);
            paged.addAll(page.getList("items.targetId", String.class));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).containsExactlyElementsOf(agents.reversed());
        assertThat(pages).isEqualTo(3);

        assertThat(audit(admin, Map.of("actor", admin, "targetType", "agent", "targetId", agents.get(2)))
                .getList("items.targetId", String.class)).containsExactly(agents.get(2));
        assertThat(audit(admin, Map.of("actor", admin, "action", "agent.")).getList("items")).hasSize(5);
        assertThat(audit(admin, Map.of("actor", admin, "action", "routing.")).getList("items")).isEmpty();
        assertThat(audit(admin, Map.of("actor", admin, "to", start.toString())).getList("items")).isEmpty();
        assertThat(audit(admin, Map.of("actor", admin, "from", start.toString(), "to", end.toString()))
                .getList("items")).hasSize(5);
        assertThat(audit(admin, Map.of("actor", admin, "from", end.toString())).getList("items")).isEmpty();
        // a prefix is literal: '_' and '%' match only themselves
        assertThat(audit(admin, Map.of("actor", admin, "action", "agent%")).getList("items")).isEmpty();

        // an admin of another tenant sees none of it, with or without filters
        assertThat(audit(otherAdmin, Map.of("actor", admin)).getList("items")).isEmpty();
        assertThat(audit(otherAdmin, Map.of("limit", 500)).getList("items.actor", String.class))
                .doesNotContain(admin);

        // only admins; everyone authenticated
        given().get("/api/v1/audit").then().statusCode(401);
        as(supervisor).get("/api/v1/audit").then().statusCode(403);

        // bad parameters are 400 with a message
        as(admin).queryParam("limit", 501).get("/api/v1/audit").then().statusCode(400)
                .body("details", hasItem(startsWith("limit")));
        as(admin).queryParam("limit", 0).get("/api/v1/audit").then().statusCode(400);
        as(admin).queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .body("message", startsWith("from: an ISO-8601 instant"));
        as(admin).queryParam("from", end.toString()).queryParam("to", start.toString()).get("/api/v1/audit").then()
                .statusCode(400).body("message", equalTo("from must be before to"));
        as(admin).queryParam("cursor", "abc").get("/api/v1/audit").then().statusCode(400)
                .body("details", hasItem(startsWith("cursor")));
    }

    private Map<String, Object> policyUpdate(int expectedVersion, String defaultQueue) {
        Map<String, Object> policy = Map.of("defaultQueue", defaultQueue,
                "rules", List.of(Map.of("name", "spread", "strategy", "least-loaded-queue",
                        "queues", List.of("support", "sales"))),
                "diverts", Map.of("smart-ivr", Map.of("context", "smart-ivr", "extension", "s")));
        return Map.of("expectedVersion", expectedVersion, "comment", "audit " + run, "policy", policy);
    }

    private static Map<String, Object> dialplan(String content, int expected) {
        return Map.of("type", "asterisk", "content", content, "expectedVersion", expected);
    }

    private static String model(String key) {
        try (InputStream in = AuditTrailTest.class.getResourceAsStream("/workflows/review.bpmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@KEY@", key)
                    .replace("@TASK@", "Review");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
