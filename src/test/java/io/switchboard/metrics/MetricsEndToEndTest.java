package io.switchboard.metrics;

import io.switchboard.testing.ApiUsers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioMix;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.switchboard.testing.Operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Synthetic calls over the AMI simulator into a queue of their own: REST and Prometheus show the
 * figures the ground truth implies, the 15-minute intervals reach the database, and an engine
 * rebuilt from the stored call records (what a restart does) gives the same figures.
 */
@QuarkusTest
class MetricsEndToEndTest {

    /** Unique per run: the test database keeps earlier runs' calls, and today's figures include them. */
    static final String QUEUE = "metrics-it-" + Long.toString(System.nanoTime(), 36);

    @Inject
    DemoSimulator demo;
    @Inject
    MetricsService metrics;
    @Inject
    IntervalStore store;
    @Inject
    AgroalDataSource db;
    @Inject
    UserStore users;

    /** A supervisor of the default tenant: the tenant of the test's queue, which no setting names. */
    @BeforeEach
    void user() {
        users.save("metrics-e2e-sup", "pw-metrics-e2e", Set.of(Roles.SUPERVISOR), null, Set.of(), "default");
    }

    private static RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().preemptive().basic("metrics-e2e-sup", "pw-metrics-e2e");
    }

    static List<ScenarioSpec> specs() {
        List<ScenarioSpec> out = new ArrayList<>();
        for (ScenarioSpec s : AsteriskMetricsExactnessTest.specs()) {
            out.add(new ScenarioSpec(s.callerNum(), s.callerName(), QUEUE, s.ivrVars(), s.ringNoAnswerAgents(),
                    s.answeringAgent(), s.waitMillis(), s.ringMillis(), s.talkMillis(), s.holdMillis(), s.outcome(),
                    s.transfer()));
        }
        return out;
    }

    @Test
    void restPrometheusAndTheDatabaseAgreeWithTheGroundTruth() throws Exception {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        ScenarioGenerator gen = new ScenarioGenerator(99);
        List<GeneratedCall> calls = new ArrayList<>();
        // all calls join the queue inside one 15-minute interval, so today's figures are theirs alone
        long start = Intervals.toMicros(Instant.now());
        List<ScenarioSpec> specs = specs();
        for (int i = 0; i < specs.size(); i++) {
            calls.add(gen.generate(specs.get(i), start + i * 1_000_000L));
        }
        demo.simulator().play(ScenarioMix.schedule(calls, 50.0), PlayOptions.fullSpeed()).done().join();
        List<CallTruth> truths = calls.stream().map(GeneratedCall::truth).toList();
        QueueFigures expected = Expected.figures(truths, 0);

        // every call finished (an answered call counts as answered before its talk time is known)
        for (GeneratedCall c : calls) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ApiUsers.reader().get("/api/v1/calls/{id}",
                    "sim:" + c.linkedId()).statusCode() == 200);
        }
        JsonPath q = await().atMost(Duration.ofSeconds(10)).until(
                () -> given().get("/api/v1/metrics/queues/{q}?window=today", QUEUE).then().statusCode(200)
                        .extract().jsonPath(),
                j -> j.getObject("figures", QueueFigures.class).equals(expected));
        QueueFigures rest = q.getObject("figures", QueueFigures.class);
        assertThat(rest).isEqualTo(expected);
        assertThat(q.getString("tenant")).isEqualTo("default");
        assertThat(q.getLong("policy.thresholdSeconds")).isEqualTo(20);

        // Prometheus shows the same numbers
        String scrape = given().get(Operators.management("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(gauge(scrape, "switchboard_queue_calls_today", "result=\"offered\"")).isEqualTo(expected.offered());
        assertThat(gauge(scrape, "switchboard_queue_calls_today", "result=\"answered\"")).isEqualTo(expected.answered());
        assertThat(gauge(scrape, "switchboard_queue_calls_today", "result=\"short_abandoned\""))
                .isEqualTo(expected.shortAbandoned());
        assertThat(gauge(scrape, "switchboard_queue_service_level_percent")).isEqualTo(expected.serviceLevel());
        assertThat(gauge(scrape, "switchboard_queue_asa_seconds")).isEqualTo(expected.asaMillis() / 1000.0);

        // the interval reached the database with the same counters
        long interval = Intervals.of(Intervals.instant(start));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(interval))
                .containsExactly(expected.offered(), expected.answered(), expected.answeredWithinSl()));

        // a restart rebuilds the same figures from the stored call records
        MetricsEngine rebuilt = new MetricsEngine(QueuePolicies.from(config()));
        rebuilt.floor(interval);
        store.loadFacts(interval, rebuilt::apply);
        MetricsView v = new MetricsView(1, Instant.now(), interval, rebuilt.takeChanged(), java.util.Map.of(),
                List.of(), List.of());
        QueueFigures afterRestart = new Reports(v, QueuePolicies.from(config()), History.NONE, Instant.now())
                .queue(QUEUE, new MetricsWindow("range", interval, interval + Intervals.LENGTH_US)).figures();
        assertThat(afterRestart).isEqualTo(expected);
    }

    @Test
    void badWindowsAreRejectedWithAMessage() {
        given().get("/api/v1/metrics/queues?window=week").then().statusCode(400)
                .body(containsString("window must be one of"));
        given().get("/api/v1/metrics/queues?from=2026-11-23T00:00:00Z").then().statusCode(400)
                .body(containsString("from and to go together"));
        given().get("/api/v1/metrics/queues?from=yesterday&to=2026-11-23T00:00:00Z").then().statusCode(400)
                .body(containsString("ISO-8601"));
        given().get("/api/v1/metrics/queues?from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z").then()
                .statusCode(400).body(containsString("after from"));
        given().get("/api/v1/metrics/queues/no-such-queue").then().statusCode(404);
        given().get("/api/v1/metrics/nodes").then().statusCode(200).body(containsString("\"sim\""));
        given().get("/api/v1/metrics/queues?from=2026-11-23T10:07:00Z&to=2026-11-23T10:31:00Z").then()
                .statusCode(200);
    }

    @Inject
    MetricsConfig metricsConfig;

    private MetricsConfig config() {
        return metricsConfig;
    }

    private List<Long> stored(long interval) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT offered, answered, answered_in_sl FROM metric_intervals"
                        + " WHERE interval_start_us = ? AND scope = 'QUEUE' AND name = ?")) {
            s.setLong(1, interval);
            s.setString(2, QUEUE);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : List.of();
            }
        }
    }

    /** A gauge of the test queue (or another label set) from a Prometheus scrape. */
    static double gauge(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = line.contains("queue=\"" + QUEUE + "\"");
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                Matcher m = Pattern.compile("} (\\S+)$").matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        throw new AssertionError("no " + name + " for " + QUEUE + " in the scrape");
    }
}
