package io.switchboard.it;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.Playback;
import io.switchboard.simulator.ScenarioMix;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.switchboard.pbx.ConnectionState;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.testing.Operators;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away for 30 s while calls go on: the collector stays connected, the call
 * model keeps finishing calls, their records wait in memory (switchboard.records.pending) and,
 * once the database is back, every call is stored exactly once, as it happened. Rows are
 * counted through a direct connection that bypasses the proxy the application uses.
 */
@QuarkusTest
@TestProfile(DbOutageProfile.class)
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Inject
    DemoSimulator demo;
    @Inject
    MeterRegistry registry;
    @Inject
    PbxRegistry nodes;
    @Inject
    io.switchboard.calls.CallPipeline pipeline;

    @AfterEach
    void restore() {
        DbOutageProfile.Proxy.proxy.restore(); // a failed assertion must not leave the database away
    }

    @Test
    void callsFinishedDuringAnOutageAreStoredExactlyOnceAfterwards() throws Exception {
        TcpProxy proxy = DbOutageProfile.Proxy.proxy;
        assertThat(proxy).as("the application's datasource goes through the proxy").isNotNull();
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
        ScenarioMix mix = new ScenarioMix(2027);

        // before: the proxied path stores calls
        List<GeneratedCall> before = mix.calls(10);
        assertThat(stored(before)).as("fresh call ids").isEmpty();
        demo.simulator().play(ScenarioMix.schedule(before, 20.0), PlayOptions.fullSpeed()).done().join();
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(before).size() == before.size());

        // across: calls spread over ~20 s, the database cut while the first of them are being stored
        List<GeneratedCall> across = mix.calls(30);
        double completed = completed();
        Playback playback = demo.simulator().play(ScenarioMix.schedule(across, 1.0), PlayOptions.realTime().withSpeed(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> !stored(across).isEmpty());
        proxy.cut();
        long cutAt = System.nanoTime();
        double failures = registry.get("switchboard.records.write.failures").functionCounter().count();
        int storedBeforeCut = stored(across).size();

        // during: ingestion goes on, records wait in memory, nothing reaches the database
        // (read in process: signing in to the REST API needs the users table, which is cut off too)
        await().atMost(Duration.ofSeconds(20)).until(() -> !pipeline.activeCalls().isEmpty() || playback.done().isDone());
        playback.done().join();
        await().atMost(Duration.ofSeconds(25)).until(() -> completed() >= completed + across.size());
        assertThat(pending()).as("records waiting for the database").isGreaterThanOrEqualTo(
                across.size() - storedBeforeCut);
        assertThat(registry.get("switchboard.records.write.failures").functionCounter().count()).isGreaterThan(failures);
        assertThat(stored(across)).as("nothing written while cut").hasSize(storedBeforeCut);
        Duration left = OUTAGE.minusNanos(System.nanoTime() - cutAt);
        if (left.isPositive()) {
            // for the rest of the outage the collector stays connected and no record is dropped
            await().during(left).atMost(left.plusSeconds(5)).until(() -> collectorConnected()
                    && pending() >= across.size() - storedBeforeCut);
        }
        assertThat(proxy.refused()).as("the application kept trying").isPositive();
        given().get(Operators.management("/q/health/live")).then().statusCode(200);

        // after: everything stored exactly once, as it happened
        proxy.restore();
        List<GeneratedCall> all = new ArrayList<>(before);
        all.addAll(across);
        // the writer may be in its longest backoff (retry-max) when the database returns
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stored(all)).as("calls stored").hasSize(all.size());
            assertThat(pending()).as("records pending").isZero();
        });
        Map<String, Integer> rows = rowsPerCall(all);
        assertThat(rows).hasSize(all.size());
        assertThat(rows).as("one row per call").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(timelines(all)).as("one timeline per call").isEqualTo(all.size());
        Map<String, String> dispositions = stored(all);
        for (GeneratedCall c : all) {
            assertThat(dispositions.get(c.linkedId())).as(c.linkedId()).isEqualTo(c.truth().disposition());
        }
        assertThat(collectorConnected()).isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get(Operators.management("/q/health/ready")).then().statusCode(200));
    }

    private double completed() {
        return registry.get("switchboard.calls.completed").tag("node", SimulatedPbx.NODE).functionCounter().count();
    }

    private double pending() {
        return registry.get("switchboard.records.pending").gauge().value();
    }

    /** Read from the registry: signing in to the API needs the database, which is down here. */
    private boolean collectorConnected() {
        return nodes.nodes().stream().anyMatch(n -> n.id().equals("sim") && n.state() == ConnectionState.CONNECTED);
    }

    private static Connection direct() throws Exception {
        return DriverManager.getConnection(DbOutageProfile.directUrl(), DbOutageProfile.user(), DbOutageProfile.password());
    }

    private static String in(List<GeneratedCall> calls) {
        return calls.stream().map(c -> "?").collect(Collectors.joining(","));
    }

    private static void bind(PreparedStatement s, List<GeneratedCall> calls) throws Exception {
        int i = 1;
        for (GeneratedCall c : calls) {
            s.setString(i++, c.linkedId());
        }
    }

    /** Linkedid → disposition of the calls stored, by the PBX's own call id (another record id would show). */
    private static Map<String, String> stored(List<GeneratedCall> calls) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = direct(); PreparedStatement s = c.prepareStatement(
                "select pbx_call_id, disposition from call_records where node = 'sim' and pbx_call_id in (" + in(calls) + ")")) {
            bind(s, calls);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static Map<String, Integer> rowsPerCall(List<GeneratedCall> calls) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = direct(); PreparedStatement s = c.prepareStatement("select pbx_call_id, count(*) from call_records"
                + " where node = 'sim' and pbx_call_id in (" + in(calls) + ") group by pbx_call_id")) {
            bind(s, calls);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    private static int timelines(List<GeneratedCall> calls) throws Exception {
        try (Connection c = direct(); PreparedStatement s = c.prepareStatement(
                "select count(*) from call_timelines where call_id in (" + in(calls) + ")")) {
            int i = 1;
            for (GeneratedCall call : calls) {
                s.setString(i++, SimulatedPbx.recordId(call.linkedId()));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
