package io.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.routing.RouteDecision.Outcome;
import io.switchboard.routing.RoutingPolicy.QueuePolicy;
import io.switchboard.routing.RoutingPolicy.TenantPolicy;
import io.switchboard.routing.RoutingPolicy.Thresholds;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.InteractiveCall;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A load ramp on the built-in Asterisk simulator: callers wait in a queue nobody answers, the
 * tenant's level climbs with them, new calls are diverted as the level says, and once the callers
 * hang up the level comes back to normal by itself. Transitions are audited and pushed to
 * {@code /ws/routing}. The queue {@code overload} belongs to tenant {@code overload} (test profile).
 */
@QuarkusTest
public class TrafficControlLoadRampTest {

    public static final String QUEUE = "overload";
    public static final String TENANT = "overload";
    static final List<String> RAMP = List.of("0->1", "1->2", "2->3", "3->2", "2->1", "1->0");

    /** L1 at 2 waiting, L2 at 4, L3 at 6; left below half of that, after 1 s per level. */
    public static final RoutingPolicy RAMP_POLICY = new RoutingPolicy(QUEUE, List.of(),
            Map.of(TENANT, new TenantPolicy(new Thresholds(2, null, null, null), new Thresholds(4, null, null, null),
                    new Thresholds(6, null, null, null), 0.5, 1, "smart-ivr", "announcement")),
            Map.of(QUEUE, new QueuePolicy(1, null, "keypad-ivr")),
            Map.of("smart-ivr", new Destination("smart-ivr", "s"), "keypad-ivr", new Destination("keypad-ivr", "s"),
                    "announcement", new Destination("announcement", "s")));

    @Inject
    DemoSimulator demo;
    @Inject
    RoutingService routing;
    @Inject
    TrafficControl control;
    @Inject
    LoadModel load;
    @Inject
    RoutingEvents events;
    @Inject
    UserStore users;
    @Inject
    ObjectMapper mapper;
    /** A connector per connection: a connector keeps the handlers of the last connection it made. */
    @Inject
    Instance<BasicWebSocketConnector> connectors;
    @TestHTTPResource("/")
    URI base;

    private PolicyStore.Version before;
    private final List<InteractiveCall> callers = new ArrayList<>();
    private final List<RoutingProbe> probes = new ArrayList<>();

    @BeforeEach
    void rampPolicy() {
        before = routing.policy();
        assertThat(routing.save(RAMP_POLICY, before.version(), "load-test", "small thresholds for a load ramp"))
                .isPresent();
    }

    @AfterEach
    void restore() {
        callers.forEach(InteractiveCall::hangupCaller);
        probes.forEach(RoutingProbe::close);
        routing.save(before.policy(), routing.policy().version(), "load-test", "policy before the load ramp");
    }

    @Test
    void levelsClimbWithWaitingCallersDivertNewCallsAndComeBackDownByThemselves() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> load.current().tenant(TENANT).waiting() == 0
                && control.level(TENANT) == 0);
        Instant start = Instant.now();
        RoutingProbe console = supervisorConsole();
        await().atMost(Duration.ofSeconds(5)).until(() -> !console.ofType("state").isEmpty());
        JsonNode first = console.messages.get(0);
        assertThat(first.path("type").asText()).isEqualTo("state");
        assertThat(first.path("levels").isArray()).isTrue();
        assertThat(first.path("load").path("overall").path("tenant").asText()).isEqualTo("*");

        callersWait(2);
        awaitLevel(1);
        assertThat(control.status(TENANT).reason()).isEqualTo("waiting 2 >= 2");
        RouteDecision l1 = route();
        assertThat(l1.outcome()).isEqualTo(Outcome.DIVERT);
        assertThat(l1.destination()).isEqualTo(new Destination("keypad-ivr", "s"));
        assertThat(List.of(l1.level(), l1.tenant(), l1.queue())).containsExactly(1, TENANT, QUEUE);

        callersWait(2);
        awaitLevel(2);
        RouteDecision l2 = route();
        assertThat(l2.outcome()).isEqualTo(Outcome.DIVERT);
        assertThat(l2.destination()).isEqualTo(new Destination("smart-ivr", "s"));
        assertThat(l2.reason()).contains("self-service");

        callersWait(2);
        awaitLevel(3);
        RouteDecision l3 = route();
        assertThat(l3.outcome()).isEqualTo(Outcome.DIVERT);
        assertThat(l3.destination()).isEqualTo(new Destination("announcement", "s"));
        assertThat(l3.variables()).containsEntry(PolicyEngine.VAR_LEVEL, "3");
        LoadSnapshot.TenantLoad figures = load.current().tenant(TENANT);
        assertThat(figures.waiting()).isEqualTo(6);
        assertThat(figures.longestWaitMs()).isPositive();
        assertThat(load.current().queue(QUEUE).tenant()).isEqualTo(TENANT);
        assertThat(control.statuses()).extracting(LevelStatus::tenant).contains(TENANT);

        callers.forEach(InteractiveCall::hangupCaller);
        await().atMost(Duration.ofSeconds(20)).until(() -> control.level(TENANT) == 0);
        assertThat(route().outcome()).isEqualTo(Outcome.QUEUE);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.pending() == 0
                && audited(start).size() == RAMP.size());
        assertThat(audited(start)).containsExactlyElementsOf(RAMP);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.transitions("level", TENANT).size() == RAMP.size());
        assertThat(console.transitions("level", TENANT)).containsExactlyElementsOf(RAMP);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.latestLevel(TENANT) == 0);
    }

    @Test
    void anOverrideIsInForceUntilClearedAndEveryStepIsPushedAndAudited() {
        String tenant = "drill-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Instant start = Instant.now();
        RoutingProbe console = supervisorConsole();
        await().atMost(Duration.ofSeconds(5)).until(() -> !console.ofType("state").isEmpty());

        LevelStatus s = control.override(tenant, 2, Duration.ofMinutes(10), "sup-desk", "fire drill");

        assertThat(s.level()).isEqualTo(2);
        assertThat(s.override().actor()).isEqualTo("sup-desk");
        assertThat(control.level(tenant)).isEqualTo(2);
        assertThat(control.statuses()).extracting(LevelStatus::tenant).contains("default", tenant);
        assertThatThrownBy(() -> control.override(tenant, 1, Duration.ofHours(9), "sup-desk", "too long"))
                .isInstanceOf(IllegalArgumentException.class);

        control.clearOverride(tenant, "sup-desk");

        assertThat(control.level(tenant)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> console.transitions("override", tenant).size() == 2);
        assertThat(console.transitions("override", tenant)).containsExactly("0->2", "2->0");
        assertThat(console.ofType("event")).filteredOn(m -> tenant.equals(m.path("scope").asText()))
                .allSatisfy(m -> assertThat(m.path("actor").asText()).isEqualTo("sup-desk"));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.pending() == 0);
        assertThat(events.recent("override", 200)).filteredOn(e -> e.scope().equals(tenant) && !e.at().isBefore(start))
                .extracting(RoutingEvent::reason).hasSize(2).contains("override cleared");
    }

    @Test
    void theConsoleFeedIsForSupervisorsAndAdminsOnly() {
        String agent = "ag-load-" + ThreadLocalRandom.current().nextInt(1_000_000);
        users.save(agent, "pw-" + agent, Set.of(Roles.AGENT), null, Set.of(), "default");
        assertThatThrownBy(() -> probes.add(RoutingProbe.connect(connectors.get(), base, mapper, agent, "pw-" + agent)))
                .isInstanceOf(RuntimeException.class);
    }

    private RoutingProbe supervisorConsole() {
        String user = "sup-load-" + ThreadLocalRandom.current().nextInt(1_000_000);
        users.save(user, "pw-" + user, Set.of(Roles.SUPERVISOR), null, Set.of(), "default");
        RoutingProbe p = RoutingProbe.connect(connectors.get(), base, mapper, user, "pw-" + user);
        probes.add(p);
        return p;
    }

    /** {@code n} more callers wait in the queue; nobody will answer them. */
    private void callersWait(int n) {
        int target = callers.size() + n;
        for (int i = 0; i < n; i++) {
            String device = "6" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
            callers.add(demo.simulator().offer(QUEUE, "4930" + device, "Waiting " + device, "PJSIP/" + device,
                    Map.of()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> load.current().tenant(TENANT).waiting() == target);
    }

    private void awaitLevel(int level) {
        await().atMost(Duration.ofSeconds(10)).until(() -> control.level(TENANT) == level);
        assertThat(control.status(TENANT).computedLevel()).isEqualTo(level);
    }

    private RouteDecision route() throws Exception {
        RouteRequest r = new RouteRequest("sim", "asterisk", "ramp-" + System.nanoTime(), "PJSIP/trunk-1",
                "4930555" + ThreadLocalRandom.current().nextInt(1000, 9999), "New Caller", "800", "route", List.of(),
                Map.of(), Instant.now());
        return routing.route(r).get(5, TimeUnit.SECONDS);
    }

    private List<String> audited(Instant since) {
        List<RoutingEvent> list = new ArrayList<>(events.recent("level", 500).stream()
                .filter(e -> e.scope().equals(TENANT) && !e.at().isBefore(since)).toList());
        java.util.Collections.reverse(list);
        return list.stream().map(e -> e.from() + "->" + e.to()).toList();
    }
}
