package io.switchboard.push;

import io.switchboard.testing.ApiUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.QueueMetrics;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioMix;
import io.switchboard.simulator.ScenarioSpec;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.switchboard.testing.Operators;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real calls through the engine, then the same queue read through every channel: REST, the
 * WebSocket snapshot, the metric-snapshots message channel and Prometheus show the same figures.
 */
@QuarkusTest
class ChannelsAgreeTest {

    @Inject
    DemoSimulator demo;
    @Inject
    MetricsService metrics;
    @Inject
    ObjectMapper mapper;
    @Inject
    ChannelRecorder recorder;
    @Inject
    Instance<BasicWebSocketConnector> connectors;
    @Inject
    UserStore users;
    @TestHTTPResource("/")
    URI base;

    @Test
    void restWebSocketMessagingAndPrometheusServeTheSameNumbers() throws Exception {
        String queue = "agree-" + Long.toString(System.nanoTime(), 36);
        // an integration of the default tenant, the tenant of a queue no setting names
        String user = "agree-integration";
        users.save(user, "pw-agree", Set.of(Roles.INTEGRATION), null, Set.of(), "default");
        ScenarioGenerator gen = new ScenarioGenerator(System.nanoTime());
        List<GeneratedCall> calls = List.of(
                gen.generate(spec(queue, "5550501", ScenarioSpec.Outcome.ANSWER, 1, 4_000)),
                gen.generate(spec(queue, "5550502", ScenarioSpec.Outcome.ANSWER, 2, 25_000)),
                gen.generate(spec(queue, "5550503", ScenarioSpec.Outcome.CALLER_ABANDON, null, 9_000)));
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        demo.simulator().play(ScenarioMix.schedule(calls, 20.0), PlayOptions.fullSpeed()).done().join();

        // the engine's published view has all three calls finished (stored records come after that)
        for (GeneratedCall c : calls) {
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive().basic(user, "pw-agree")
                    .get("/api/v1/calls/{id}", "sim:" + c.linkedId()).statusCode() == 200);
        }
        QueueMetrics published = await().atMost(Duration.ofSeconds(30)).until(() -> of(queue),
                q -> q != null && q.figures().answered() == 2 && q.figures().abandoned() == 1);
        JsonNode expected = MonitorProbe.tree(mapper, published.figures()); // through text, as a client parses it

        JsonNode rest = mapper.readTree(given().auth().preemptive().basic(user, "pw-agree")
                .get("/api/v1/metrics/queues/{q}?window=today", queue).then()
                .statusCode(200).extract().asString()).get("figures");
        assertThat(rest).isEqualTo(expected);

        try (MonitorProbe ws = MonitorProbe.connect(connectors.get(), base, mapper, user, "pw-agree")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.version() >= 0);
            @SuppressWarnings("unchecked")
            JsonNode onSocket = ((Map<String, JsonNode>) ws.state().get("queues")).get(queue);
            assertThat(onSocket.get("figures")).isEqualTo(expected);
        }

        JsonNode onChannel = await().atMost(Duration.ofSeconds(15)).until(() -> fromChannel(queue),
                n -> n != null && n.get("figures").equals(expected));
        assertThat(onChannel.get("figures")).isEqualTo(expected);

        String scrape = given().get(Operators.management("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(gauge(scrape, queue, "switchboard_queue_calls_today", "result=\"offered\"")).isEqualTo(3.0);
        assertThat(gauge(scrape, queue, "switchboard_queue_calls_today", "result=\"answered_within_sl\""))
                .isEqualTo(published.figures().answeredWithinSl());
        assertThat(gauge(scrape, queue, "switchboard_queue_service_level_percent", ""))
                .isEqualTo(published.figures().serviceLevel());
        assertThat(gauge(scrape, queue, "switchboard_queue_asa_seconds", ""))
                .isEqualTo(published.figures().asaMillis() / 1000.0);
        assertThat(gauge(scrape, queue, "switchboard_queue_abandon_rate_percent", ""))
                .isEqualTo(published.figures().abandonRate());
    }

    private static ScenarioSpec spec(String queue, String caller, ScenarioSpec.Outcome outcome, Integer agent,
                                     long wait) {
        return new ScenarioSpec(caller, "Caller " + caller, queue, Map.of(), List.of(), agent, wait, 1_000,
                outcome == ScenarioSpec.Outcome.ANSWER ? 10_000 : 0, 0, outcome, null);
    }

    private QueueMetrics of(String queue) {
        var s = metrics.monitor();
        return s == null ? null : s.queues().stream().filter(q -> q.queue().equals(queue)).findFirst().orElse(null);
    }

    private JsonNode fromChannel(String queue) throws Exception {
        List<ChannelRecorder.Received> all = recorder.snapshots();
        for (int i = all.size() - 1; i >= 0; i--) {
            for (JsonNode q : mapper.readTree(all.get(i).payload()).get("queues")) {
                if (q.get("queue").asText().equals(queue)) {
                    return q;
                }
            }
        }
        return null;
    }

    private static double gauge(String scrape, String queue, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains("queue=\"" + queue + "\"") && m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + name + " for " + queue);
    }
}
