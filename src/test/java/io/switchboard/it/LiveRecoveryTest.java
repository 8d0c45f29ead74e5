package io.switchboard.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.LiveReconciler;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.pbx.PbxCollector;
import io.switchboard.pbx.asterisk.AmiCollector;
import io.switchboard.pbx.asterisk.AmiNodeSettings;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.pbx.freeswitch.EslCollector;
import io.switchboard.pbx.freeswitch.EslNodeSettings;
import io.switchboard.pbx.freeswitch.EslTranslator;
import io.switchboard.persistence.CallRecordWriter;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslSimulatorSettings;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.switchboard.it.LiveCalls.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recovery with real sockets and the real database: calls that end or begin while the service
 * does not hear the PBX (a dropped connection, a restart) each get exactly one record. Each test
 * builds its own collector + lane stack against its own simulator, writing through the service's
 * record writer; a "restart" is a second stack on the same simulator. That needs no Quarkus
 * restart (and no test profile of its own) and is what a restart does to this path: the new
 * process knows nothing and the PBX still has its calls.
 */
@QuarkusTest
class LiveRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CallRecordWriter writer;
    @Inject
    AgroalDataSource dataSource;

    /** One node's collector and lane, as PbxRegistry and CallPipeline build them. */
    record Stack(IngestLane lane, PbxCollector collector) implements AutoCloseable {
        @Override
        public void close() {
            collector.close();
            lane.close();
        }
    }

    private Stack ami(String node, AmiSimulator sim) {
        IngestLane lane = lane(node, "asterisk");
        AmiCollector c = new AmiCollector(new AmiNodeSettings(node, "127.0.0.1", sim.port(),
                sim.settings().username(), sim.settings().secret(), Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1)), new AmiTranslator(node, Set.of()),
                lane);
        c.start();
        return new Stack(lane, c);
    }

    private Stack esl(String node, EslSimulator fs, int port) {
        IngestLane lane = lane(node, "freeswitch");
        EslCollector c = new EslCollector(new EslNodeSettings(node, "127.0.0.1", port, fs.settings().password(),
                Duration.ofSeconds(1)), new EslTranslator(node, Set.of()), lane);
        c.start();
        return new Stack(lane, c);
    }

    private IngestLane lane(String node, String type) {
        return new IngestLane(node, new CallTracker(node, TrackerSettings.defaults(type)), writer, 10_000,
                Duration.ofMinutes(1)).start();
    }

    private static String node(String kind) {
        return "rcv-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** After each login the snapshot is applied before the test drives the PBX further. */
    private static void awaitResyncs(Stack s, long n) {
        await().atMost(WAIT).until(() -> s.collector().control().connected() && s.lane().resyncs() >= n);
        assertThat(s.lane().resyncs()).isEqualTo(n);
    }

    private static Set<String> active(Stack s) {
        return s.lane().activeCalls().stream().map(a -> a.pbxCallId()).collect(Collectors.toSet());
    }

    /** Record id → hangup cause text ("" when none) of every record stored for the node. */
    private Map<String, String> stored(String node) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select pbx_call_id, hangup_cause_text from call_records where node = ?")) {
            s.setString(1, node);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
                }
            }
        }
        return out;
    }

    private Map<String, String> awaitStored(String node, int n) throws Exception {
        await().atMost(WAIT).until(() -> stored(node).size() >= n);
        return stored(node);
    }

    @Test
    void asteriskReconnectSettlesCallsEndedInTheGapAndAdoptsCallsBegunInIt() throws Exception {
        String node = node("ami");
        String a = "1732440000.11";  // talking; ends in the gap
        String b = "1732440000.21";  // talking; its agent leaves in the gap, the caller stays
        String c = "1732440000.31";  // ringing across the gap
        String d = "1732440000.41";  // begins in the gap, talking
        String e = "1732440000.51";  // begins in the gap, ringing
        try (AmiSimulator sim = new AmiSimulator(SimulatorSettings.defaults()).start();
             Stack s = ami(node, sim)) {
            awaitResyncs(s, 1);
            amiTalking(sim, a, "5550001");
            amiTalking(sim, b, "5550002");
            amiRinging(sim, c, "5550003");
            await().atMost(WAIT).until(() -> active(s).equals(Set.of(a, b, c)));

            sim.stop();
            await().atMost(WAIT).until(() -> !s.collector().control().connected());
            amiHangup(sim, a + "1", a);
            amiHangup(sim, a, a);
            amiHangup(sim, b + "1", b);
            amiTalking(sim, d, "5550004");
            amiRinging(sim, e, "5550005");
            sim.start();

            awaitResyncs(s, 2);
            assertThat(awaitStored(node, 1)).containsExactly(Map.entry(a, LiveReconciler.SETTLED));
            assertThat(active(s)).isEqualTo(Set.of(b, c, d, e));
            assertThat(s.lane().settledCalls()).isEqualTo(1);
            assertThat(s.lane().adoptedCalls()).isEqualTo(2);

            amiHangup(sim, b, b);
            amiHangup(sim, c, c);
            amiHangup(sim, d + "1", d);
            amiHangup(sim, d, d);
            amiHangup(sim, e, e);
            assertThat(awaitStored(node, 5)).isEqualTo(Map.of(a, LiveReconciler.SETTLED, b, "Normal Clearing",
                    c, "Normal Clearing", d, "Normal Clearing", e, "Normal Clearing"));
            assertThat(s.lane().recordsEmitted()).as("no record produced twice").isEqualTo(5);
            assertThat(s.lane().activeCalls()).isEmpty();
        }
    }

    /** The network between service and switch fails (the switch, unlike a restarted one, keeps its calls). */
    @Test
    void freeSwitchReconnectSettlesCallsEndedInTheGapAndAdoptsCallsBegunInIt() throws Exception {
        String node = node("esl");
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String d = UUID.randomUUID().toString();
        String e = UUID.randomUUID().toString();
        try (EslSimulator fs = new EslSimulator(EslSimulatorSettings.defaults()).start();
             TcpProxy network = new TcpProxy("127.0.0.1", fs.port());
             Stack s = esl(node, fs, network.port())) {
            awaitResyncs(s, 1);
            eslTalking(fs, a, "5550001");
            eslTalking(fs, b, "5550002");
            eslRinging(fs, c, "5550003");
            await().atMost(WAIT).until(() -> active(s).equals(Set.of(a, b, c)));

            network.cut();
            await().atMost(WAIT).until(() -> !s.collector().control().connected() && fs.eventClientCount() == 0);
            eslHangup(fs, a + "-b");
            eslHangup(fs, a);
            eslHangup(fs, b + "-b");
            eslTalking(fs, d, "5550004");
            eslRinging(fs, e, "5550005");
            network.restore();

            awaitResyncs(s, 2);
            assertThat(awaitStored(node, 1)).containsExactly(Map.entry(a, LiveReconciler.SETTLED));
            assertThat(active(s)).isEqualTo(Set.of(b, c, d, e));
            assertThat(s.lane().settledCalls()).isEqualTo(1);
            assertThat(s.lane().adoptedCalls()).isEqualTo(2);

            eslLinked(fs, d + "-c", d + "-b"); // the adopted call grows a leg: it stays one call
            eslHangup(fs, b);
            eslHangup(fs, c);
            eslHangup(fs, d + "-b");
            eslHangup(fs, d + "-c");
            eslHangup(fs, d);
            eslHangup(fs, e);
            assertThat(awaitStored(node, 5)).isEqualTo(Map.of(a, LiveReconciler.SETTLED, b, "NORMAL_CLEARING",
                    c, "NORMAL_CLEARING", d, "NORMAL_CLEARING", e, "NORMAL_CLEARING"));
            assertThat(s.lane().recordsEmitted()).as("no record produced twice").isEqualTo(5);
            assertThat(s.lane().activeCalls()).isEmpty();
        }
    }

    /** A restarted switch has no calls: each one the service was following is written once, settled. */
    @Test
    void freeSwitchRestartSettlesEveryCallItHad() throws Exception {
        String node = node("fsrestart");
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        try (EslSimulator fs = new EslSimulator(EslSimulatorSettings.defaults()).start();
             Stack s = esl(node, fs, fs.port())) {
            awaitResyncs(s, 1);
            eslTalking(fs, a, "5550021");
            eslRinging(fs, b, "5550022");
            await().atMost(WAIT).until(() -> active(s).equals(Set.of(a, b)));
            fs.stop();
            await().atMost(WAIT).until(() -> !s.collector().control().connected());
            fs.start();
            awaitResyncs(s, 2);
            assertThat(awaitStored(node, 2)).isEqualTo(Map.of(a, LiveReconciler.SETTLED, b, LiveReconciler.SETTLED));
            assertThat(s.lane().recordsEmitted()).isEqualTo(2);
            assertThat(s.lane().activeCalls()).isEmpty();
        }
    }

    @Test
    void callsInProgressAcrossAServiceRestartGetOneRecordEach() throws Exception {
        String node = node("restart");
        String done = "1732450000.11";    // ends before the restart
        String talking = "1732450000.21"; // talking across the restart
        String ringing = "1732450000.31"; // ringing across the restart
        String fresh = "1732450000.41";   // begins while the service is down
        try (AmiSimulator sim = new AmiSimulator(SimulatorSettings.defaults()).start()) {
            long firstRecords;
            try (Stack first = ami(node, sim)) {
                awaitResyncs(first, 1);
                amiTalking(sim, done, "5550011");
                amiTalking(sim, talking, "5550012");
                amiRinging(sim, ringing, "5550013");
                amiHangup(sim, done + "1", done);
                amiHangup(sim, done, done);
                assertThat(awaitStored(node, 1)).containsOnlyKeys(done);
                await().atMost(WAIT).until(() -> active(first).equals(Set.of(talking, ringing)));
                firstRecords = first.lane().recordsEmitted();
            }
            amiTalking(sim, fresh, "5550014");

            try (Stack second = ami(node, sim)) {
                awaitResyncs(second, 1);
                assertThat(active(second)).isEqualTo(Set.of(talking, ringing, fresh));
                assertThat(second.lane().adoptedCalls()).isEqualTo(3);
                amiHangup(sim, talking + "1", talking);
                amiHangup(sim, talking, talking);
                amiHangup(sim, ringing, ringing);
                amiHangup(sim, fresh + "1", fresh);
                amiHangup(sim, fresh, fresh);
                assertThat(awaitStored(node, 4)).isEqualTo(Map.of(done, "Normal Clearing",
                        talking, "Normal Clearing", ringing, "Normal Clearing", fresh, "Normal Clearing"));
                assertThat(firstRecords + second.lane().recordsEmitted()).as("no record produced twice").isEqualTo(4);
                assertThat(second.lane().settledCalls()).isZero();
            }
        }
    }

    /** The same for a FreeSWITCH node: the new process learns the switch's calls from its channel table. */
    @Test
    void freeSwitchCallsInProgressAcrossAServiceRestartGetOneRecordEach() throws Exception {
        String node = node("fsrestart-svc");
        String done = UUID.randomUUID().toString();    // ends before the restart
        String talking = UUID.randomUUID().toString(); // talking across the restart
        String ringing = UUID.randomUUID().toString(); // ringing across the restart
        String fresh = UUID.randomUUID().toString();   // begins while the service is down
        try (EslSimulator fs = new EslSimulator(EslSimulatorSettings.defaults()).start()) {
            long firstRecords;
            try (Stack first = esl(node, fs, fs.port())) {
                awaitResyncs(first, 1);
                eslTalking(fs, done, "5550031");
                eslTalking(fs, talking, "5550032");
                eslRinging(fs, ringing, "5550033");
                eslHangup(fs, done + "-b");
                eslHangup(fs, done);
                assertThat(awaitStored(node, 1)).containsOnlyKeys(done);
                await().atMost(WAIT).until(() -> active(first).equals(Set.of(talking, ringing)));
                firstRecords = first.lane().recordsEmitted();
            }
            eslTalking(fs, fresh, "5550034");

            try (Stack second = esl(node, fs, fs.port())) {
                awaitResyncs(second, 1);
                assertThat(active(second)).isEqualTo(Set.of(talking, ringing, fresh));
                assertThat(second.lane().adoptedCalls()).isEqualTo(3);
                eslHangup(fs, talking + "-b");
                eslHangup(fs, talking);
                eslHangup(fs, ringing);
                eslHangup(fs, fresh + "-b");
                eslHangup(fs, fresh);
                assertThat(awaitStored(node, 4)).isEqualTo(Map.of(done, "NORMAL_CLEARING",
                        talking, "NORMAL_CLEARING", ringing, "NORMAL_CLEARING", fresh, "NORMAL_CLEARING"));
                assertThat(firstRecords + second.lane().recordsEmitted()).as("no record produced twice").isEqualTo(4);
                assertThat(second.lane().settledCalls()).isZero();
                assertThat(second.lane().activeCalls()).isEmpty();
            }
        }
    }
}
