package io.switchboard.cti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.InteractiveCall;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two tenants on one simulated Asterisk (queues {@code isolation-a} of tenant-a and
 * {@code isolation-b} of tenant-b, from the test profile): whatever role a user of tenant A has,
 * tenant B's calls, agents, audit and desk messages never reach it, a single B resource answers
 * 404, and nothing it asks about B's calls or agents reaches the PBX.
 */
@QuarkusTest
class CallsTenantIsolationTest {

    static final String NODE = "sim";
    static final String A = "tenant-a";
    static final String B = "tenant-b";
    static final String QUEUE_A = "isolation-a";
    static final String QUEUE_B = "isolation-b";

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
    jakarta.enterprise.inject.Instance<BasicWebSocketConnector> connectors;
    @TestHTTPResource("/")
    URI base;

    record User(String name, String password) {
        RequestSpecification http() {
            return given().auth().preemptive().basic(name, password).contentType(ContentType.JSON);
        }
    }

    record TenantAgent(String id, User user, AgentEndpoint endpoint) {
    }

    /** Each test's own world: an agent per tenant and tenant A's users of every role. */
    record World(String tag, TenantAgent agentA, TenantAgent agentB, User supervisorA, User adminA, User integrationA,
                 User adminB) {
        /** Tenant A's users, one per role that may read calls. */
        List<User> tenantA() {
            return List.of(agentA.user(), supervisorA, adminA, integrationA);
        }
    }

    private World world() {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        TenantAgent a = agent(A, QUEUE_A, "6" + tag);
        TenantAgent b = agent(B, QUEUE_B, "5" + tag);
        return new World(tag, a, b, user("sa" + tag, Roles.SUPERVISOR, A, Set.of(QUEUE_A)),
                user("aa" + tag, Roles.ADMIN, A, Set.of()), user("ia" + tag, Roles.INTEGRATION, A, Set.of()),
                user("ab" + tag, Roles.ADMIN, B, Set.of()));
    }

    private TenantAgent agent(String tenant, String queue, String device) {
        AgentEndpoint e = new AgentEndpoint(NODE, "PJSIP/" + device, "PJSIP/" + device, device);
        String id = "iso" + device;
        Agent agent = new Agent(id, "Isolated " + device, tenant, List.of(), List.of(queue), Map.of(NODE, e));
        roster.save(agent);
        presence.defined(agent);
        users.save(id, "pw-" + id, Set.of(Roles.AGENT), id, Set.of(), tenant);
        return new TenantAgent(id, new User(id, "pw-" + id), e);
    }

    private User user(String name, String role, String tenant, Set<String> queues) {
        users.save(name, "pw-" + name, Set.of(role), null, queues, tenant);
        return new User(name, "pw-" + name);
    }

    private InteractiveCall offer(String queue, String caller, TenantAgent agent) {
        InteractiveCall call = demo.simulator().offer(queue, caller, "Caller " + caller,
                agent.endpoint().memberInterface(), Map.of());
        // in progress for call control once the index has the call with its queue
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.user().http().get("/api/v1/calls/active").then()
                .extract().jsonPath().getList("id", String.class).contains(NODE + ":" + call.callId()));
        return call;
    }

    /** Any action on the wire after {@code from} that names one of {@code needles}. */
    private List<AmiFrame> wireMentioning(int from, String... needles) {
        List<AmiFrame> all = demo.simulator().receivedActions();
        return all.subList(Math.min(from, all.size()), all.size()).stream()
                .filter(f -> java.util.Arrays.stream(needles).anyMatch(n -> f.toString().contains(n))).toList();
    }

    private static List<String> ids(User u, Map<String, ?> query) {
        return u.http().queryParams(query).get("/api/v1/calls").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }

    @Test
    void callsOfTheOtherTenantAreNeverListedSearchedOrFound() {
        World w = world();
        String callerA = "55501" + w.tag();
        String callerB = "55502" + w.tag();
        InteractiveCall callA = offer(QUEUE_A, callerA, w.agentA());
        InteractiveCall callB = offer(QUEUE_B, callerB, w.agentB());
        String idA = NODE + ":" + callA.callId();
        String idB = NODE + ":" + callB.callId();

        for (User u : w.tenantA()) {
            List<String> active = u.http().get("/api/v1/calls/active").then().statusCode(200).extract().jsonPath()
                    .getList("id", String.class);
            assertThat(active).as(u.name() + " active").contains(idA).doesNotContain(idB);
        }
        assertThat(w.adminB().http().get("/api/v1/calls/active").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class)).contains(idB).doesNotContain(idA);

        callA.hangupCaller();
        callB.hangupCaller();
        await().atMost(Duration.ofSeconds(15)).until(() -> w.adminB().http().get("/api/v1/calls/{id}", idB)
                .statusCode() == 200 && w.adminA().http().get("/api/v1/calls/{id}", idA).statusCode() == 200);

        for (User u : w.tenantA()) {
            String who = u.name();
            u.http().get("/api/v1/calls/{id}", idB).then().statusCode(404);
            u.http().get("/api/v1/calls/{id}", idA).then().statusCode(200).body("call.id", equalTo(idA));
            assertThat(ids(u, Map.of("caller", callerB))).as(who + " by caller").isEmpty();
            assertThat(ids(u, Map.of("caller", callerA))).as(who + " own caller").containsExactly(idA);
            assertThat(ids(u, Map.of("queue", QUEUE_B))).as(who + " by queue").isEmpty();
            assertThat(ids(u, Map.of("agent", w.agentB().endpoint().memberInterface()))).as(who + " by agent").isEmpty();
            assertThat(ids(u, Map.of("node", NODE, "limit", 500))).as(who + " by node").doesNotContain(idB);
            assertThat(u.http().get("/api/v1/calls/active").then().extract().jsonPath().getList("id", String.class))
                    .doesNotContain(idB);
        }
        // nor can a wrap-up of A's own agent name B's call (its disposition would start A's workflows)
        w.agentA().user().http().body(Map.of("callId", idB, "disposition", "resolved"))
                .post("/api/v1/agents/" + w.agentA().id() + "/wrap-up").then().statusCode(404);
                assertThat(ids(w.adminB(), Map.of("caller", callerB))).containsExactly(idB);
        assertThat(ids(w.adminB(), Map.of("queue", QUEUE_A))).isEmpty();
    }

    @Test
    void callControlOnTheOtherTenantsCallIsNotFoundAndNeverReachesThePbx() {
        World w = world();
        InteractiveCall callB = offer(QUEUE_B, "55503" + w.tag(), w.agentB());
        String idB = NODE + ":" + callB.callId();
        String[] ofB = {callB.callerChannel(), callB.agentChannel(), w.agentB().endpoint().device()};
        try {
            int mark = demo.simulator().receivedActions().size();
            for (User u : List.of(w.agentA().user(), w.supervisorA(), w.adminA())) {
                for (String action : List.of("answer", "hangup", "hold", "unhold", "attended-transfer/complete",
                        "attended-transfer/cancel")) {
                    u.http().post("/api/v1/cti/calls/" + idB + "/" + action).then().statusCode(404);
                }
                u.http().body(Map.of("destination", "2000")).post("/api/v1/cti/calls/" + idB + "/transfer")
                        .then().statusCode(404);
                u.http().body(Map.of("destination", "2000")).post("/api/v1/cti/calls/" + idB + "/attended-transfer")
                        .then().statusCode(404);
                u.http().body(Map.of("destination", "2000", "agentId", w.agentB().id())).post("/api/v1/cti/dial")
                        .then().statusCode(404);
            }
            for (User u : List.of(w.supervisorA(), w.adminA())) {
                for (String mode : List.of("listen", "whisper", "barge")) {
                    u.http().post("/api/v1/cti/calls/" + idB + "/" + mode).then().statusCode(404);
                }
            }
            // the request/response round trips are over: anything sent for them would be on the wire now
            assertThat(wireMentioning(mark, ofB)).isEmpty();
            assertThat(callB.state()).isEqualTo(InteractiveCall.State.RINGING);

            // tenant B's own admin reaches the same call (the refusals above were about the tenant)
            w.adminB().http().post("/api/v1/cti/calls/" + idB + "/hangup").then().statusCode(200)
                    .body("outcome", equalTo("ok"));
            assertThat(wireMentioning(mark, ofB)).isNotEmpty();
        } finally {
            callB.hangupCaller();
        }
    }

    @Test
    void agentsOfTheOtherTenantAreInvisibleAndUntouchable() {
        World w = world();
        String idB = w.agentB().id();
        int mark = demo.simulator().receivedActions().size();
        for (User u : List.of(w.agentA().user(), w.supervisorA(), w.adminA())) {
            assertThat(u.http().get("/api/v1/agents").then().statusCode(200).extract().jsonPath()
                    .getList("id", String.class)).as(u.name()).doesNotContain(idB);
            u.http().get("/api/v1/agents/" + idB).then().statusCode(404);
            u.http().post("/api/v1/agents/" + idB + "/login").then().statusCode(404);
            u.http().post("/api/v1/agents/" + idB + "/logout").then().statusCode(404);
            u.http().body(Map.of("reason", "lunch")).post("/api/v1/agents/" + idB + "/pause").then().statusCode(404);
            u.http().post("/api/v1/agents/" + idB + "/unpause").then().statusCode(404);
            u.http().body(Map.of("disposition", "resolved")).post("/api/v1/agents/" + idB + "/wrap-up")
                    .then().statusCode(404);
        }
        assertThat(wireMentioning(mark, w.agentB().endpoint().memberInterface())).isEmpty();
        assertThat(w.adminA().http().get("/api/v1/agents").then().extract().jsonPath().getList("id", String.class))
                .contains(w.agentA().id());
        w.adminB().http().get("/api/v1/agents/" + idB).then().statusCode(200).body("tenant", equalTo(B));
    }

    @Test
    void adminsDefineAgentsOfTheirOwnTenantOnly() {
        World w = world();
        Map<String, Object> body = Map.of("name", "Defined", "queues", List.of(QUEUE_A), "endpoints", List.of());
        String fresh = "def" + w.tag();
        w.adminA().http().body(body).put("/api/v1/agents/" + fresh).then().statusCode(200)
                .body("tenant", equalTo(A));
        w.adminB().http().get("/api/v1/agents/" + fresh).then().statusCode(404);

        // naming the other tenant, or an existing agent of it, or one of its queues
        Map<String, Object> toB = Map.of("name", "Elsewhere", "tenant", B, "endpoints", List.of());
        w.adminA().http().body(toB).put("/api/v1/agents/other" + w.tag()).then().statusCode(403)
                .body("message", org.hamcrest.Matchers.containsString(B));
        w.adminA().http().body(Map.of("name", "Taken over", "endpoints", List.of()))
                .put("/api/v1/agents/" + w.agentB().id()).then().statusCode(404);
        w.adminA().http().body(Map.of("name", "Sneaky", "queues", List.of(QUEUE_B), "endpoints", List.of()))
                .put("/api/v1/agents/q" + w.tag()).then().statusCode(400);
        w.adminB().http().get("/api/v1/agents/" + w.agentB().id()).then().statusCode(200)
                .body("name", equalTo("Isolated " + w.agentB().endpoint().device()));
        assertThat(roster.agent("other" + w.tag())).isEmpty();
        assertThat(roster.agent("q" + w.tag())).isEmpty();
    }

    @Test
    void theAuditListsOnlyTheTenantsOwnEntries() {
        World w = world();
        // one refused action per tenant, both audited
        w.agentA().user().http().post("/api/v1/cti/calls/" + NODE + ":none-" + w.tag() + "/hold").then().statusCode(404);
        w.agentB().user().http().post("/api/v1/cti/calls/" + NODE + ":none-" + w.tag() + "/hold").then().statusCode(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> w.adminB().http().queryParam("limit", 1000)
                .get("/api/v1/cti/audit").then().extract().jsonPath().getList("username", String.class)
                .contains(w.agentB().user().name()));
        await().atMost(Duration.ofSeconds(10)).until(() -> w.adminA().http().queryParam("limit", 1000)
                .get("/api/v1/cti/audit").then().extract().jsonPath().getList("username", String.class)
                .contains(w.agentA().user().name()));
        for (User u : List.of(w.supervisorA(), w.adminA())) {
            List<String> tenants = u.http().queryParam("limit", 1000).get("/api/v1/cti/audit").then().statusCode(200)
                    .extract().jsonPath().getList("tenant", String.class);
            assertThat(tenants).as(u.name()).isNotEmpty().containsOnly(A);
            assertThat(u.http().queryParam("agent", w.agentB().id()).get("/api/v1/cti/audit").then().extract()
                    .jsonPath().getList("$")).isEmpty();
        }
    }

    @Test
    void aDeskReceivesOnlyItsOwnTenantsData() {
        World w = world();
        // a user of tenant A wrongly pointed at tenant B's agent: it must not see that agent's life
        users.save("mis" + w.tag(), "pw-mis" + w.tag(), Set.of(Roles.AGENT), w.agentB().id(), Set.of(), A);
        try (DeskProbe wrong = DeskProbe.connect(connectors.get(), base, mapper, "mis" + w.tag(), "pw-mis" + w.tag());
             DeskProbe own = DeskProbe.connect(connectors.get(), base, mapper, w.agentB().user().name(),
                     w.agentB().user().password())) {
            JsonNode hello = wrong.await("hello", m -> true).path("desk");
            assertThat(hello.path("agentName").asText(null)).as(hello.toString()).isNull();
            assertThat(hello.path("status").asText(null)).as(hello.toString()).isNull();
            assertThat(hello.path("cards").size()).isZero();
            own.await("hello", m -> w.agentB().id().equals(m.path("desk").path("agentId").asText()));

            InteractiveCall callB = offer(QUEUE_B, "55504" + w.tag(), w.agentB());
            String idB = NODE + ":" + callB.callId();
            try {
                own.await("card", m -> idB.equals(m.path("card").path("callId").asText()));
                // the offer made the simulator's queue: B's agent can join it now, and its state moves
                w.agentB().user().http().post("/api/v1/agents/" + w.agentB().id() + "/login").then().statusCode(200);
                own.await("state", m -> true);
                // a reply is sent after anything pushed before it on the same connection
                JsonNode reply = wrong.request("hold", Map.of("callId", idB));
                assertThat(reply.path("status").asInt()).isEqualTo(404);
                assertThat(wrong.find("card", m -> true)).isNull();
                assertThat(wrong.find("state", m -> true)).isNull();
            } finally {
                callB.hangupCaller();
            }
        }
    }
}
