package io.switchboard.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentRoster;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.metrics.MetricsService;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.ScenarioSpec;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.switchboard.api.TwoTenants.ACME;
import static io.switchboard.api.TwoTenants.GLOBEX;
import static io.switchboard.api.TwoTenants.PASSWORD;
import static io.switchboard.api.TwoTenants.QUEUE;
import static io.switchboard.api.TwoTenants.other;
import static io.switchboard.api.TwoTenants.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/metrics}: for every endpoint and every role allowed, a tenant's answers hold its own
 * queues, agents and tenant entry and nothing of the other tenant; the other's single resources are
 * 404; agents are refused and anonymous callers asked to log in.
 */
@QuarkusTest
class MetricsTenantIsolationTest {

    private static final List<String> LISTS = List.of("/monitor", "/monitor?window=live", "/monitor?window=1h",
            "/queues", "/queues?window=15m", "/queues?from=2026-11-23T08:00:00Z&to=2026-11-23T09:00:00Z", "/agents",
            "/agents?window=live", "/nodes", "/tenants", "/tenants?window=live");
    /** Agent numbers of this run: acme's agent is on the roster, globex's is known by its queue only. */
    private static final Map<String, Integer> AGENT = Map.of(ACME, TwoTenants.freshAgent(),
            GLOBEX, TwoTenants.freshAgent());
    private static boolean played;

    @Inject
    UserStore users;
    @Inject
    AgentRoster roster;
    @Inject
    DemoSimulator demo;
    @Inject
    MetricsService metrics;

    @BeforeEach
    void tenantsWithCalls() {
        TwoTenants.saveUsers(users);
        if (!played) {
            int n = AGENT.get(ACME);
            roster.save(new Agent("iso-" + n, ScenarioSpec.agentName(n), ACME, List.of(), List.of(QUEUE.get(ACME)),
                    Map.of()));
            TwoTenants.playCalls(demo, metrics, ACME, n);
            TwoTenants.playCalls(demo, metrics, GLOBEX, AGENT.get(GLOBEX));
            played = true;
        }
    }

    static Stream<Arguments> readers() {
        List<Arguments> out = new ArrayList<>();
        for (String tenant : List.of(ACME, GLOBEX)) {
            for (String role : List.of(Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION)) {
                out.add(Arguments.of(tenant, role));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("readers")
    void everyListHoldsTheReadersTenantOnly(String tenant, String role) {
        String theirs = other(tenant).substring("tenant-".length()); // in the other's tenant and queue names
        for (String path : LISTS) {
            String body = as(tenant, role).get("/api/v1/metrics" + path).then().statusCode(200).extract().asString();
            assertThat(body).as(path).doesNotContain(theirs).doesNotContain(agentName(other(tenant)))
                    .doesNotContain("\"sim\""); // the node carries every tenant's calls: shown to its own tenant only
        }
        assertThat(as(tenant, role).get("/api/v1/metrics/queues").jsonPath().getList("queue", String.class))
                .contains(QUEUE.get(tenant));
        assertThat(as(tenant, role).get("/api/v1/metrics/agents").jsonPath().getList("agent", String.class))
                .contains(agentName(tenant));
        assertThat(as(tenant, role).get("/api/v1/metrics/tenants").jsonPath().getList("tenant", String.class))
                .containsExactly(tenant);
        assertThat(as(tenant, role).get("/api/v1/metrics/monitor").jsonPath().getList("queues.queue", String.class))
                .contains(QUEUE.get(tenant));
        assertThat(as(tenant, role).get("/api/v1/metrics/monitor").jsonPath().getList("agents.agent", String.class))
                .contains(agentName(tenant));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("readers")
    void theOtherTenantsSingleResourcesAreNotFound(String tenant, String role) {
        String mine = QUEUE.get(tenant);
        String theirs = QUEUE.get(other(tenant));
        as(tenant, role).get("/api/v1/metrics/queues/{q}", mine).then().statusCode(200);
        as(tenant, role).get("/api/v1/metrics/queues/{q}/intervals", mine).then().statusCode(200);
        as(tenant, role).get("/api/v1/metrics/agents/{a}", agentName(tenant)).then().statusCode(200);
        for (String path : List.of("/queues/{x}", "/queues/{x}?window=live", "/queues/{x}/intervals",
                "/queues/{x}/intervals?window=1h")) {
            as(tenant, role).get("/api/v1/metrics" + path, theirs).then().statusCode(404);
        }
        as(tenant, role).get("/api/v1/metrics/agents/{a}", agentName(other(tenant))).then().statusCode(404);
    }

    @Test
    void theDefaultTenantSeesItsNodeAndNeitherTenant() {
        String body = as("default", Roles.SUPERVISOR).get("/api/v1/metrics/monitor").then().statusCode(200)
                .extract().asString();
        assertThat(body).contains("\"sim\"").doesNotContain("acme").doesNotContain("globex")
                .doesNotContain(agentName(ACME)).doesNotContain(agentName(GLOBEX));
    }

    @Test
    void agentsAreRefusedAndAnonymousCallersAskedToLogIn() {
        for (String path : List.of("/monitor", "/queues", "/queues/acme-line", "/queues/acme-line/intervals",
                "/agents", "/agents/x", "/nodes", "/tenants")) {
            as(ACME, Roles.AGENT).get("/api/v1/metrics" + path).then().statusCode(403);
            given().get("/api/v1/metrics" + path).then().statusCode(401);
        }
    }

    private static RequestSpecification as(String tenant, String role) {
        return given().auth().preemptive().basic(user(tenant, role), PASSWORD);
    }

    private static String agentName(String tenant) {
        return ScenarioSpec.agentName(AGENT.get(tenant));
    }
}
