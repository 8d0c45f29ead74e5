package io.switchboard.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.SimulatorSettings;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Active-standby nodes {@code pa} and {@code pb} (group {@code main}) against two simulators this
 * test starts and stops: failover when the primary goes, originates to the active node, failback
 * only after failback-after, and the circuit breaker of a node that stops answering.
 */
@QuarkusTest
@TestProfile(FailoverProfile.class)
class FailoverTest {

    static AmiSimulator pa;
    static AmiSimulator pb;

    @Inject
    NodeGroups groups;
    @Inject
    RoutingConfig routingConfig;
    @Inject
    NodeBreakers breakers;
    @Inject
    RoutingEvents events;
    @Inject
    MeterRegistry registry;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    UserStore users;
    @Inject
    io.agroal.api.AgroalDataSource db;

    @BeforeAll
    static void simulators() {
        pa = new AmiSimulator(SimulatorSettings.defaults().withPort(FailoverProfile.PA_PORT)).start();
        pb = new AmiSimulator(SimulatorSettings.defaults().withPort(FailoverProfile.PB_PORT)).start();
    }

    @AfterAll
    static void close() {
        pa.close();
        pb.close();
    }

    /** Both nodes up and the primary active, whatever an earlier test left. */
    @BeforeEach
    void bothUp() {
        for (AmiSimulator s : List.of(pa, pb)) {
            s.leaveUnanswered(null);
            if (!s.isRunning()) {
                s.start();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> healthy("pa") && healthy("pb")
                && groups.active("main").equals(java.util.Optional.of("pa")));
    }

    /** The agents and users this test made, removed so no other run sees phones on pa and pb. */
    private final List<String> created = new java.util.ArrayList<>();

    @AfterEach
    void answerAgainAndForgetAgents() throws java.sql.SQLException {
        pa.leaveUnanswered(null);
        pb.leaveUnanswered(null);
        try (java.sql.Connection c = db.getConnection()) {
            for (String id : created) {
                for (String sql : List.of("delete from users where username = ?",
                        "delete from agent_endpoints where agent_id = ?", "delete from agents where id = ?")) {
                    try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, id);
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    @Test
    void primaryDownFailsOverAtOnceOriginatesFollowAndFailbackWaitsForFailbackAfter() {
        Agent agent = agentOnBothNodes();
        Instant start = Instant.now();

        pa.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> groups.active("main").equals(java.util.Optional.of("pb")));
        assertThat(groups.healthy("pa")).isFalse();
        assertThat(groups.nodeFor("pa")).isEqualTo("pb");
        assertThat(groups.groupOf("pa")).contains("main");
        assertThat(gauge("switchboard.routing.node.active", "pb")).isEqualTo(1.0);
        assertThat(gauge("switchboard.routing.node.active", "pa")).isEqualTo(0.0);
        RoutingEvent failover = awaitEvent("failover", "pa", "pb", start);
        assertThat(failover.reason()).startsWith("pa ");
        assertThat(failover.actor()).isEqualTo("system");

        // click-to-dial from the agent's first phone (pa) goes out on the active node, from its phone there
        int before = pb.receivedActions("Originate").size();
        dial(agent).then().statusCode(200).body("node", org.hamcrest.Matchers.equalTo("pb"));
        List<AmiFrame> originates = pb.receivedActions("Originate");
        assertThat(originates).hasSize(before + 1);
        assertThat(originates.getLast().get("Channel")).isEqualTo(agent.endpoints().get("pb").dial());

        pa.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy("pa"));
        // healthy again, but not for failback-after (2 s) yet: the standby keeps the calls
        await().during(Duration.ofMillis(1_300)).atMost(Duration.ofMillis(1_600))
                .until(() -> groups.active("main").equals(java.util.Optional.of("pb")));
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.active("main").equals(java.util.Optional.of("pa")));
        RoutingEvent failback = awaitEvent("failback", "pb", "pa", start);
        assertThat(Duration.between(failover.at(), failback.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(groups.nodeFor("pa")).isEqualTo("pa");
    }

    @Test
    void newCallsArrivingOnTheStandbyGoOnToTheActiveNodeUntilItFails() throws Exception {
        for (AmiSimulator s : List.of(pa, pb)) {
            s.agiRouting(io.switchboard.simulator.AgiRouting.defaults().withServer("127.0.0.1", routingConfig.agi().port()));
        }
        io.switchboard.simulator.RoutedCall.Outcome onStandby = pb.routedCall("5550901", "On Standby", Map.of("SB_NODE", "pb"))
                .outcome().get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(onStandby.route()).isEqualTo("to-pa,s,1");
        assertThat(onStandby.commands()).contains("SET VARIABLE \"SB_ROUTE_NODE\" \"pa\"");

        io.switchboard.simulator.RoutedCall onActive = pa.routedCall("5550902", "On Active", Map.of("SB_NODE", "pa"));
        assertThat(onActive.outcome().get(15, java.util.concurrent.TimeUnit.SECONDS).queue()).isEqualTo("support");
        onActive.hangupCaller();

        pa.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.active("main").equals(java.util.Optional.of("pb")));
        io.switchboard.simulator.RoutedCall afterFailover = pb.routedCall("5550903", "After Failover", Map.of("SB_NODE", "pb"));
        assertThat(afterFailover.outcome().get(15, java.util.concurrent.TimeUnit.SECONDS).queue())
                .as("the standby now takes new calls itself").isEqualTo("support");
        afterFailover.hangupCaller();
    }

    @Test
    void timeoutsOpenTheBreakerThenCommandsFailFastUntilTrialsSucceed() {
        Agent agent = agentOnBothNodes();
        Instant start = Instant.now();
        pa.leaveUnanswered(a -> "Originate".equalsIgnoreCase(a.get("Action")));

        // request-volume 4 at failure-ratio 0.5: four timeouts open it
        for (int i = 0; i < 4; i++) {
            dial(agent).then().statusCode(504);
        }
        assertThat(breakers.state("pa")).hasToString("OPEN");
        assertThat(gauge("switchboard.pbx.breaker.open", "pa")).isEqualTo(1.0);
        awaitEvent("breaker", "closed", "open", start, "pa");

        int sent = pa.receivedActions("Originate").size();
        long t0 = System.nanoTime();
        Response refused = dial(agent);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        refused.then().statusCode(503).body("outcome", org.hamcrest.Matchers.equalTo("unavailable"))
                .body("message", org.hamcrest.Matchers.containsString("circuit open"));
        assertThat(ms).as("fails at once, not at the 1 s deadline").isLessThan(900);
        assertThat(pa.receivedActions("Originate")).as("nothing reached the wire").hasSize(sent);
        // the node itself is fine: heartbeats pass by the breaker, and the group keeps it active
        assertThat(groups.active("main")).contains("pa");

        pa.leaveUnanswered(null);
        // after the delay (1 s) trial commands go through; two successes close it
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> dial(agent).statusCode() == 200);
        dial(agent).then().statusCode(200);
        assertThat(breakers.state("pa")).hasToString("CLOSED");
        assertThat(gauge("switchboard.pbx.breaker.open", "pa")).isEqualTo(0.0);
        awaitEvent("breaker", "open", "half-open", start, "pa");
        awaitEvent("breaker", "half-open", "closed", start, "pa");
    }

    private boolean healthy(String node) {
        return groups.healthy(node);
    }

    private double gauge(String name, String node) {
        return registry.get(name).tag("node", node).gauge().value();
    }

    private RoutingEvent awaitEvent(String kind, String from, String to, Instant since) {
        return awaitEvent(kind, from, to, since, "main");
    }

    private RoutingEvent awaitEvent(String kind, String from, String to, Instant since, String scope) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> events.recent(kind, 50).stream()
                .filter(e -> e.scope().equals(scope) && e.from().equals(from) && e.to().equals(to)
                        && !e.at().isBefore(since.minusMillis(1))).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static Response dial(Agent agent) {
        return given().auth().preemptive().basic(agent.id(), "pw-" + agent.id()).contentType(ContentType.JSON)
                .body(Map.of("destination", "5551234")).post("/api/v1/cti/dial");
    }

    /** An agent with a phone on each node, so an originate can go out on either. */
    private Agent agentOnBothNodes() {
        String device = "6" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String id = "f" + device;
        Agent agent = new Agent(id, "Failover " + device, "default", List.of(), List.of("support"), Map.of(
                "pa", new AgentEndpoint("pa", "PJSIP/" + device, "PJSIP/" + device, device),
                "pb", new AgentEndpoint("pb", "PJSIP/b" + device, "PJSIP/b" + device, "b" + device)));
        created.add(id);
        roster.save(agent);
        presence.defined(agent);
        users.save(id, "pw-" + id, Set.of(Roles.AGENT), id, Set.of(), "default");
        return agent;
    }
}
