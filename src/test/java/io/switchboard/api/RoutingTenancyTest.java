package io.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.routing.RoutingEvent;
import io.switchboard.routing.RoutingEvents;
import io.switchboard.routing.RoutingService;
import io.switchboard.routing.TrafficControl;
import io.switchboard.security.Roles;
import io.switchboard.security.TenantNodesProfile;
import io.switchboard.security.TenantUsers;
import io.switchboard.security.UserStore;
import io.switchboard.testing.JsonSockets;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static io.switchboard.security.TenantUsers.as;
import static io.switchboard.security.TenantUsers.save;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

/**
 * The control console across tenants: the shared policy is the platform tenant's, state, events
 * and {@code /ws/routing} show a tenant only its own levels, load and nodes ({@code fssim} is
 * acme's here), and overrides are set for one's own tenant (platform admins: any).
 */
@QuarkusTest
@TestProfile(TenantNodesProfile.class)
class RoutingTenancyTest {

    private static final String ACME = TenantNodesProfile.ACME;

    @Inject
    UserStore users;
    @Inject
    RoutingService routing;
    @Inject
    RoutingEvents events;
    @Inject
    TrafficControl control;
    @Inject
    ObjectMapper mapper;
    @Inject
    Instance<BasicWebSocketConnector> connectors;
    @TestHTTPResource("/")
    URI base;

    private String platformAdmin;
    private String platformSupervisor;
    private String acmeAdmin;
    private String acmeSupervisor;
    private String acmeAgent;

    @BeforeEach
    void users() {
        platformAdmin = save(users, "rt-platform-admin", Roles.ADMIN, "default");
        platformSupervisor = save(users, "rt-platform-super", Roles.SUPERVISOR, "default");
        acmeAdmin = save(users, "rt-acme-admin", Roles.ADMIN, ACME);
        acmeSupervisor = save(users, "rt-acme-super", Roles.SUPERVISOR, ACME);
        acmeAgent = save(users, "rt-acme-agent", Roles.AGENT, ACME);
    }

    private static String fresh(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static Map<String, Object> override(String tenant, int level, String reason) {
        return Map.of("tenant", tenant, "level", level, "minutes", 5, "reason", reason);
    }

    private record Case(String what, String user, Function<String, Response> request, int status) {
    }

    @Test
    void theSharedPolicyIsReadByThePlatformAndChangedByItsAdminsOnly() {
        int version = routing.policy().version();
        Map<String, Object> policy = Map.of("defaultQueue", "sales");
        Map<String, Object> update = Map.of("expectedVersion", version, "comment", "not yours", "policy", policy);
        Map<String, Object> trial = Map.of("node", "fssim", "callerNumber", "+4930111");
        List<Case> cases = List.of(
                new Case("agent reads", acmeAgent, u -> as(u).get("/api/v1/routing/policy"), 403),
                new Case("tenant supervisor reads", acmeSupervisor, u -> as(u).get("/api/v1/routing/policy"), 403),
                new Case("tenant admin reads", acmeAdmin, u -> as(u).get("/api/v1/routing/policy"), 403),
                new Case("tenant admin versions", acmeAdmin, u -> as(u).get("/api/v1/routing/policy/versions"), 403),
                new Case("tenant admin a version", acmeAdmin,
                        u -> as(u).get("/api/v1/routing/policy/versions/" + version), 403),
                new Case("tenant admin saves", acmeAdmin, u -> as(u).body(update).put("/api/v1/routing/policy"), 403),
                new Case("tenant admin rolls back", acmeAdmin,
                        u -> as(u).body(Map.of("version", version)).post("/api/v1/routing/policy/rollback"), 403),
                new Case("tenant admin trial call", acmeAdmin, u -> as(u).body(trial).post("/api/v1/routing/decide"),
                        403),
                new Case("platform supervisor saves", platformSupervisor,
                        u -> as(u).body(update).put("/api/v1/routing/policy"), 403),
                new Case("platform supervisor reads", platformSupervisor, u -> as(u).get("/api/v1/routing/policy"),
                        200),
                new Case("platform supervisor trial call", platformSupervisor,
                        u -> as(u).body(trial).post("/api/v1/routing/decide"), 200),
                new Case("platform admin versions", platformAdmin,
                        u -> as(u).get("/api/v1/routing/policy/versions"), 200));
        for (Case c : cases) {
            assertThat(c.request().apply(c.user()).statusCode()).as(c.what()).isEqualTo(c.status());
        }
        assertThat(routing.policy().version()).isEqualTo(version);
        JsonPath refused = as(acmeAdmin).body(update).put("/api/v1/routing/policy").then().extract().jsonPath();
        assertThat(refused.getString("message")).startsWith("the routing policy is shared by every tenant");
    }

    @Test
    void overridesAreSetAndClearedForOnesOwnTenantOnly() {
        String other = fresh("rt-globex");
        List<Case> cases = List.of(
                new Case("tenant admin sets another's", acmeAdmin,
                        u -> as(u).body(override(other, 3, "not mine")).post("/api/v1/routing/override"), 403),
                new Case("tenant supervisor sets another's", acmeSupervisor,
                        u -> as(u).body(override(other, 2, "not mine")).post("/api/v1/routing/override"), 403),
                new Case("platform supervisor sets another's", platformSupervisor,
                        u -> as(u).body(override(other, 2, "not mine")).post("/api/v1/routing/override"), 403),
                new Case("platform admin sets any", platformAdmin,
                        u -> as(u).body(override(other, 1, "storm")).post("/api/v1/routing/override"), 200),
                new Case("tenant admin clears another's", acmeAdmin,
                        u -> as(u).delete("/api/v1/routing/override/" + other), 403),
                new Case("tenant supervisor sets its own", acmeSupervisor,
                        u -> as(u).body(override(ACME, 2, "own storm")).post("/api/v1/routing/override"), 200),
                new Case("agent sets its own", acmeAgent,
                        u -> as(u).body(override(ACME, 3, "no")).post("/api/v1/routing/override"), 403));
        for (Case c : cases) {
            assertThat(c.request().apply(c.user()).statusCode()).as(c.what()).isEqualTo(c.status());
        }
        assertThat(control.status(other).override().level()).as("only the platform admin's override").isEqualTo(1);
        assertThat(control.status(ACME).override().level()).isEqualTo(2);

        List<String> left = as(acmeAdmin).delete("/api/v1/routing/override/" + ACME).then().statusCode(200)
                .extract().jsonPath().getList("tenant", String.class);
        assertThat(left).containsOnly(ACME);
        assertThat(control.status(ACME).override()).isNull();
        as(platformAdmin).delete("/api/v1/routing/override/" + other).then().statusCode(200);
    }

    @Test
    void stateShowsATenantOnlyItsOwnLevelsLoadNodesAndDecisions() {
        String other = fresh("rt-state");
        as(platformAdmin).body(override(other, 1, "other's")).post("/api/v1/routing/override").then().statusCode(200);
        as(platformSupervisor).body(Map.of("node", "sim", "callerNumber", "+4930222"))
                .post("/api/v1/routing/decide").then().statusCode(200);
        try {
            JsonPath acme = as(acmeSupervisor).get("/api/v1/routing/state").then().statusCode(200).extract().jsonPath();
            assertThat(acme.getList("levels.tenant", String.class)).allMatch(ACME::equals).doesNotContain(other);
            assertThat(acme.getList("load.nodes.node", String.class)).containsExactly("fssim");
            assertThat(acme.getList("load.queues.tenant", String.class)).allMatch(ACME::equals);
            assertThat(acme.getList("load.tenants.tenant", String.class)).allMatch(ACME::equals);
            assertThat(acme.getString("load.overall.tenant")).isEqualTo(ACME);
            assertThat(acme.getList("recentDecisions.node", String.class)).doesNotContain("sim");

            JsonPath platform = as(platformSupervisor).get("/api/v1/routing/state").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(platform.getList("levels.tenant", String.class)).contains(other, ACME, "default");
            assertThat(platform.getList("load.nodes.node", String.class)).contains("sim", "fssim");
            assertThat(platform.getList("recentDecisions.node", String.class)).contains("sim");
        } finally {
            as(platformAdmin).delete("/api/v1/routing/override/" + other).then().statusCode(200);
        }
    }

    @Test
    void eventsAndTheLiveFeedCarryOnlyTheTenantsOwn() {
        String mark = fresh("rt-ev");
        String other = fresh("rt-other");
        List<JsonNode> acmeFrames = Collections.synchronizedList(new ArrayList<>());
        List<JsonNode> platformFrames = Collections.synchronizedList(new ArrayList<>());
        WebSocketClientConnection acmeSocket = JsonSockets.connect(connectors.get(), base, "/ws/routing",
                acmeSupervisor, TenantUsers.PASSWORD, mapper, acmeFrames);
        WebSocketClientConnection platformSocket = JsonSockets.connect(connectors.get(), base, "/ws/routing",
                platformSupervisor, TenantUsers.PASSWORD, mapper, platformFrames);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !acmeFrames.isEmpty() && !platformFrames.isEmpty());
            // the others' first, then acme's: once acme has its own, anything of the others would be there too
            as(platformAdmin).body(override(other, 1, mark)).post("/api/v1/routing/override").then().statusCode(200);
            events.publish(new RoutingEvent(Instant.now(), "breaker", "sim", "CLOSED", "OPEN", mark, "system"));
            events.publish(new RoutingEvent(Instant.now(), "policy", "routing-policy", "1", "2", mark, "test"));
            as(acmeAdmin).body(override(ACME, 2, mark)).post("/api/v1/routing/override").then().statusCode(200);
            events.publish(new RoutingEvent(Instant.now(), "breaker", "fssim", "CLOSED", "OPEN", mark, "system"));

            List<String> own = List.of("override " + ACME, "breaker fssim");
            List<String> all = List.of("override " + other, "breaker sim", "policy routing-policy",
                    "override " + ACME, "breaker fssim");
            await().atMost(Duration.ofSeconds(10)).until(() -> marked(acmeFrames, mark).containsAll(own)
                    && marked(platformFrames, mark).containsAll(all));
            assertThat(marked(acmeFrames, mark)).containsExactlyElementsOf(own);
            for (JsonNode state : List.copyOf(acmeFrames)) {
                if ("state".equals(state.path("type").asText())) {
                    state.path("levels").forEach(l -> assertThat(l.path("tenant").asText()).isEqualTo(ACME));
                    state.path("load").path("nodes").forEach(n -> assertThat(n.path("node").asText())
                            .isEqualTo("fssim"));
                }
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> events.pending() == 0);
            List<String> acme = history(acmeSupervisor, mark);
            assertThat(acme).containsExactlyElementsOf(own.reversed());
            assertThat(history(platformSupervisor, mark)).containsExactlyElementsOf(all.reversed());
            assertThat(as(acmeSupervisor).get("/api/v1/routing/events?kind=policy").then().statusCode(200)
                    .extract().jsonPath().getList("kind")).isEmpty();
        } finally {
            acmeSocket.closeAndAwait();
            platformSocket.closeAndAwait();
            as(platformAdmin).delete("/api/v1/routing/override/" + other).then().statusCode(200);
            as(platformAdmin).delete("/api/v1/routing/override/" + ACME).then().statusCode(200);
        }
    }

    @Test
    void pbxNodesAreTheTenantsOwn() {
        given().get("/api/v1/pbx/nodes").then().statusCode(401);
        as(acmeAgent).get("/api/v1/pbx/nodes").then().statusCode(403);
        assertThat(as(acmeSupervisor).get("/api/v1/pbx/nodes").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class)).containsExactly("fssim");
        String stranger = save(users, "rt-stranger-admin", Roles.ADMIN, fresh("rt-none"));
        assertThat(as(stranger).get("/api/v1/pbx/nodes").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class)).isEmpty();
        as(platformSupervisor).get("/api/v1/pbx/nodes").then().statusCode(200).body("id", hasItems("sim", "fssim"));
    }

    /** "kind scope" of the event frames whose reason starts with {@code mark}, in the order they came. */
    private static List<String> marked(List<JsonNode> frames, String mark) {
        return List.copyOf(frames).stream()
                .filter(f -> "event".equals(f.path("type").asText()) && f.path("reason").asText().startsWith(mark))
                .map(f -> f.path("kind").asText() + " " + f.path("scope").asText()).toList();
    }

    /** The same from {@code /api/v1/routing/events}, newest first. */
    private static List<String> history(String user, String mark) {
        JsonPath events = as(user).get("/api/v1/routing/events?limit=1000").then().statusCode(200).extract().jsonPath();
        List<String> out = new ArrayList<>();
        List<Map<String, Object>> list = events.getList("$");
        for (Map<String, Object> e : list) {
            if (String.valueOf(e.get("reason")).startsWith(mark)) { // overrides add "(until …)"
                out.add(e.get("kind") + " " + e.get("scope"));
            }
        }
        return out;
    }
}
