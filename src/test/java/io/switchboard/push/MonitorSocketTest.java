package io.switchboard.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.switchboard.push.Snapshots.agent;
import static io.switchboard.push.Snapshots.node;
import static io.switchboard.push.Snapshots.queue;
import static io.switchboard.push.Snapshots.snapshot;
import static io.switchboard.push.Snapshots.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitor WebSocket: snapshot, deltas, coalescing under the rate limit, and the slow-client policy.
 * The published snapshots name queues, nodes and agents of the default tenant, the tenant of the test's user.
 */
@QuarkusTest
class MonitorSocketTest {

    /** The metrics service is shared by the whole test run: every snapshot here gets a fresh version. */
    private static final AtomicLong VERSIONS = new AtomicLong(1_000_000);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String USER = "monitor-socket-sup";
    private static final String PASSWORD = "pw-monitor-socket";

    @Inject
    MetricsService metrics;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;
    @Inject
    UserStore users;
    @Inject
    Instance<BasicWebSocketConnector> connectors;
    @TestHTTPResource("/")
    URI base;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void user() {
        users.save(USER, PASSWORD, Set.of(Roles.SUPERVISOR), null, Set.of(), "default");
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        await().atMost(WAIT).until(() -> clients() == 0);
    }

    @Test
    void snapshotOnConnectThenOnlyWhatChanged() {
        MonitorSnapshot s1 = snapshot(VERSIONS.incrementAndGet(), List.of(queue("sales", 1), queue("support", 2)),
                List.of(agent("Anna", 1), agent("Ben", 2)), List.of(node("sim", 1)), List.of(tenant("default", 3)));
        metrics.publish(s1);
        MonitorProbe probe = connect();

        await().atMost(WAIT).until(() -> probe.messages.size() == 1);
        JsonNode first = probe.messages.get(0);
        assertThat(first.get("type").asText()).isEqualTo("snapshot");
        assertThat(first.get("version").asLong()).isEqualTo(s1.version());
        assertThat(first.get("data")).isEqualTo(tree(s1));
        assertThat(first.get("data").get("at").asText()).isEqualTo(s1.at().toString()); // ISO, as the REST API

        MonitorSnapshot s2 = snapshot(VERSIONS.incrementAndGet(), List.of(queue("sales", 1), queue("support", 5)),
                List.of(agent("Ben", 2), agent("Clara", 0)), List.of(node("sim", 1)), List.of(tenant("default", 3)));
        metrics.publish(s2);
        await().atMost(WAIT).until(() -> probe.messages.size() == 2);
        JsonNode d = probe.messages.get(1);
        assertThat(d.get("type").asText()).isEqualTo("delta");
        assertThat(d.get("version").asLong()).isEqualTo(s2.version());
        assertThat(d.get("previous").asLong()).isEqualTo(s1.version());
        assertThat(d.get("queues")).isEqualTo(tree(List.of(queue("support", 5))));
        assertThat(d.get("agents")).isEqualTo(tree(List.of(agent("Clara", 0))));
        assertThat(d.get("nodes")).isEmpty();
        assertThat(d.get("tenants")).isEmpty();
        assertThat(d.get("removed").get("agents")).isEqualTo(tree(List.of("Anna")));

        MonitorSnapshot s3 = snapshot(VERSIONS.incrementAndGet(), s2.queues(), s2.agents(), List.of(node("sim", 4)),
                s2.tenants());
        metrics.publish(s3);
        await().atMost(WAIT).until(() -> probe.messages.size() == 3);
        JsonNode d3 = probe.messages.get(2);
        assertThat(d3.get("nodes")).isEqualTo(tree(List.of(node("sim", 4))));
        assertThat(d3.get("queues")).isEmpty();
        assertThat(d3.get("agents")).isEmpty();
        assertThat(probe.state()).isEqualTo(MonitorProbe.stateOf(mapper, s3));
        assertThat(probe.gaps).isEmpty();
    }

    @Test
    void aBurstIsCoalescedAndEndsInTheLastState() {
        metrics.publish(snapshot(VERSIONS.incrementAndGet(), List.of(queue("q0", 0)), List.of(), List.of(),
                List.of()));
        MonitorProbe probe = connect();
        await().atMost(WAIT).until(() -> probe.messages.size() == 1);

        MonitorSnapshot last = null;
        for (int i = 1; i <= 20; i++) {
            List<io.switchboard.metrics.QueueMetrics> queues = new ArrayList<>();
            for (int q = 0; q < 5; q++) {
                if (q != i % 5) { // one queue is missing each time: removals and re-additions too
                    queues.add(queue("q" + q, q == (i + 1) % 5 ? i : q));
                }
            }
            last = snapshot(VERSIONS.incrementAndGet(), queues, List.of(agent("a" + (i % 3), i)),
                    List.of(node("sim", i)), List.of(tenant("default", i)));
            metrics.publish(last);
        }
        long lastVersion = last.version();
        await().atMost(WAIT).until(() -> probe.version() == lastVersion);

        assertThat(probe.state()).isEqualTo(MonitorProbe.stateOf(mapper, last));
        assertThat(probe.gaps).isEmpty();
        assertThat(probe.deltas()).as("20 publishes within the interval").isBetween(1L, 5L);
    }

    @Test
    void aClientThatStopsReadingIsClosedAndOthersKeepReceiving() throws Exception {
        metrics.publish(Snapshots.large(VERSIONS.incrementAndGet(), 10));
        double droppedBefore = dropped();
        MonitorProbe reader = connect();
        StalledClient stalled = StalledClient.open(base.getHost(), base.getPort(), "/ws/monitor",
                MonitorProbe.basic(USER, PASSWORD));
        opened.add(stalled);
        await().atMost(WAIT).until(() -> clients() == 2);

        // each snapshot changes all 1500 queues: about 1 MB per delta
        for (int i = 0; i < 200 && dropped() == droppedBefore; i++) {
            MonitorSnapshot s = Snapshots.large(VERSIONS.incrementAndGet(), 1_500);
            metrics.publish(s);
            await().atMost(WAIT).until(() -> reader.version() == s.version());
        }
        assertThat(dropped()).isEqualTo(droppedBefore + 1);
        await().atMost(WAIT).until(() -> clients() == 1);

        MonitorSnapshot after = snapshot(VERSIONS.incrementAndGet(), List.of(queue("sales", 1)), List.of(),
                List.of(), List.of());
        metrics.publish(after);
        await().atMost(WAIT).until(() -> reader.version() == after.version());
        assertThat(reader.state()).isEqualTo(MonitorProbe.stateOf(mapper, after));
        assertThat(reader.gaps).isEmpty();
    }

    private MonitorProbe connect() {
        MonitorProbe p = MonitorProbe.connect(connectors.get(), base, mapper, USER, PASSWORD);
        opened.add(p);
        return p;
    }

    private JsonNode tree(Object value) {
        return MonitorProbe.tree(mapper, value);
    }

    private double clients() {
        return registry.get("switchboard.push.ws.clients").gauge().value();
    }

    private double dropped() {
        return registry.get("switchboard.push.ws.dropped").counter().count();
    }
}
