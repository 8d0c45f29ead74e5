package io.switchboard.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.switchboard.api.TwoTenants;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.QueueLive;
import io.switchboard.metrics.QueueMetrics;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.ScenarioSpec;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.switchboard.api.TwoTenants.ACME;
import static io.switchboard.api.TwoTenants.GLOBEX;
import static io.switchboard.api.TwoTenants.PASSWORD;
import static io.switchboard.api.TwoTenants.QUEUE;
import static io.switchboard.api.TwoTenants.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

/**
 * {@code /ws/monitor} with a client of each of two tenants: real calls in both tenants' queues, then
 * a published snapshot in which one tenant's queue and agent are gone. Neither client ever receives a
 * name of the other tenant, in the snapshot, in a delta or among the removed entries.
 */
@QuarkusTest
class MonitorTenantIsolationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    UserStore users;
    @Inject
    DemoSimulator demo;
    @Inject
    MetricsService metrics;
    @Inject
    ObjectMapper mapper;
    @Inject
    Instance<BasicWebSocketConnector> connectors;
    @TestHTTPResource("/")
    URI base;

    @Test
    void eachClientReceivesItsTenantOnlyRemovalsIncluded() {
        TwoTenants.saveUsers(users);
        Map<String, Integer> agent = Map.of(ACME, TwoTenants.freshAgent(), GLOBEX, TwoTenants.freshAgent());
        try (MonitorProbe acme = connect(ACME, Roles.SUPERVISOR);
             MonitorProbe globex = connect(GLOBEX, Roles.INTEGRATION)) {
            await().atMost(WAIT).until(() -> acme.version() >= 0 && globex.version() >= 0);
            TwoTenants.playCalls(demo, metrics, ACME, agent.get(ACME));
            TwoTenants.playCalls(demo, metrics, GLOBEX, agent.get(GLOBEX));
            long real = metrics.monitor().version();
            await().atMost(WAIT).until(() -> acme.version() >= real && globex.version() >= real);

            // globex's queue and agent leave the published snapshot; acme's queue changes
            MonitorSnapshot now = metrics.monitor();
            MonitorSnapshot gone = new MonitorSnapshot(now.version() + 1_000, now.at(), now.window(), now.from(),
                    now.to(), now.queues().stream().filter(q -> !q.queue().equals(QUEUE.get(GLOBEX)))
                    .map(q -> q.queue().equals(QUEUE.get(ACME)) ? busier(q) : q).toList(),
                    now.agents().stream().filter(a -> !a.agent().equals(ScenarioSpec.agentName(agent.get(GLOBEX))))
                            .toList(), now.nodes(), now.tenants());
            metrics.publish(gone);
            await().atMost(WAIT).until(() -> acme.version() == gone.version() && globex.version() == gone.version());

            assertOnly(acme, ACME, agent);
            assertOnly(globex, GLOBEX, agent);
            assertThat(acme.state().get("queues")).asInstanceOf(MAP)
                    .containsKey(QUEUE.get(ACME));
            assertThat(removed(globex, "queues")).contains(QUEUE.get(GLOBEX));
            assertThat(removed(globex, "agents")).contains(ScenarioSpec.agentName(agent.get(GLOBEX)));
            assertThat(removed(acme, "queues")).isEmpty();
            assertThat(acme.gaps).isEmpty();
            assertThat(globex.gaps).isEmpty();
        }
    }

    @Test
    void agentsAndAnonymousClientsAreRefused() {
        TwoTenants.saveUsers(users);
        assertThatThrownBy(() -> StalledClient.open(base.getHost(), base.getPort(), "/ws/monitor",
                MonitorProbe.basic(user(ACME, Roles.AGENT), PASSWORD))).isInstanceOf(IOException.class)
                .hasMessageContaining("403");
        assertThatThrownBy(() -> StalledClient.open(base.getHost(), base.getPort(), "/ws/monitor",
                MonitorProbe.basic("nobody", "wrong"))).isInstanceOf(IOException.class).hasMessageContaining("401");
    }

    /** Every frame names the tenant's queue, agent and tenant entry only; the other's never. */
    private static void assertOnly(MonitorProbe probe, String tenant, Map<String, Integer> agent) {
        String theirs = TwoTenants.other(tenant);
        assertThat(probe.messages).hasSizeGreaterThan(1);
        for (JsonNode m : probe.messages) {
            assertThat(m.toString()).doesNotContain(theirs.substring("tenant-".length()))
                    .doesNotContain(ScenarioSpec.agentName(agent.get(theirs)));
        }
        assertThat(probe.messages.stream().map(JsonNode::toString).filter(t -> t.contains(QUEUE.get(tenant))))
                .isNotEmpty();
        assertThat(probe.messages.stream().map(JsonNode::toString)
                .filter(t -> t.contains(ScenarioSpec.agentName(agent.get(tenant))))).isNotEmpty();
    }

    private static List<String> removed(MonitorProbe probe, String kind) {
        return probe.messages.stream().filter(m -> m.has("removed"))
                .flatMap(m -> StreamSupport.stream(m.get("removed").get(kind).spliterator(), false))
                .map(JsonNode::asText).toList();
    }

    private static QueueMetrics busier(QueueMetrics q) {
        return new QueueMetrics(q.queue(), q.tenant(), q.window(), q.from(), q.to(), q.policy(), q.figures(),
                new QueueLive(q.live().waiting() + 1, q.live().longestCurrentWaitMillis(),
                        q.live().talking(), q.live().agentsByState()));
    }

    private MonitorProbe connect(String tenant, String role) {
        return MonitorProbe.connect(connectors.get(), base, mapper, user(tenant, role), PASSWORD);
    }
}
