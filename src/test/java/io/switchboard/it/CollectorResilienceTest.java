package io.switchboard.it;

import io.switchboard.testing.ApiUsers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.AmiTrace;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.Playback;
import io.switchboard.simulator.TimedFrame;
import io.switchboard.simulator.TraceRewriter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import io.switchboard.testing.Operators;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The collector survives dropped sockets, PBX restarts and broken input, losing and duplicating nothing. */
@QuarkusTest
class CollectorResilienceTest {

    @Inject
    DemoSimulator demo;
    @Inject
    AgroalDataSource dataSource;

    AmiSimulator sim;

    @BeforeEach
    void connected() {
        sim = demo.simulator();
        if (!sim.isRunning()) {
            sim.start();
        }
        awaitState("CONNECTED");
        assertThat(sim.awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
    }

    static JsonPath node() {
        return Operators.supervisor().get("/api/v1/pbx/nodes").then().statusCode(200).extract().jsonPath();
    }

    static long counter(String field) {
        return node().getLong("find { it.id == 'sim' }." + field);
    }

    static void awaitState(String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state.equals(node().getString("find { it.id == 'sim' }.state")));
    }

    private void awaitRecordsExactlyOnce(Set<String> callIds) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> storedCount(callIds) == callIds.size());
        assertThat(storedCount(callIds)).isEqualTo(callIds.size());
        for (String id : callIds) {
            ApiUsers.reader().get("/api/v1/calls/{id}", SimulatedPbx.recordId(id)).then().statusCode(200);
        }
    }

    private long storedCount(Set<String> callIds) throws Exception {
        String in = String.join(",", callIds.stream().map(x -> "?").toList());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from call_records where id in (" + in + ")")) {
            int i = 1;
            for (String id : callIds) {
                s.setString(i++, SimulatedPbx.recordId(id));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<TimedFrame> freshCalls() {
        return new TraceRewriter().rewrite(AmiTrace.load("simulator/asterisk/queue-calls.ami").frames());
    }

    @Test
    void socketDroppedMidStreamReconnectsAndWritesEveryCallOnce() throws Exception {
        List<TimedFrame> script = freshCalls();
        Set<String> callIds = SimulatedPbx.callIds(script);
        long connects = counter("connects");
        long malformed = counter("malformedFrames");

        Playback playback = sim.play(script, PlayOptions.realTime().withSpeed(8));
        await().atMost(Duration.ofSeconds(20)).until(() -> playback.framesSent() > script.size() / 2);
        sim.emitRaw("Event: Hangup\r\nUniqueid: 17954".getBytes(StandardCharsets.US_ASCII)); // cut off mid-frame
        assertThat(sim.awaitDrained(Duration.ofSeconds(10))).isTrue();
        sim.dropClients();

        await().atMost(Duration.ofSeconds(10)).until(() -> counter("connects") > connects);
        playback.done().join();
        awaitRecordsExactlyOnce(callIds);
        assertThat(counter("malformedFrames")).isGreaterThan(malformed);
    }

    @Test
    void pbxRestartIsFollowedWithinSeconds() throws Exception {
        long connects = counter("connects");
        sim.stop();
        awaitState("DISCONNECTED");
        sim.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> counter("connects") > connects);
        awaitState("CONNECTED");

        List<TimedFrame> script = freshCalls();
        sim.play(script, PlayOptions.fullSpeed()).done().join();
        awaitRecordsExactlyOnce(SimulatedPbx.callIds(script));
    }

    @Test
    void malformedFramesAreCountedAndNeverStopIngestion() throws Exception {
        long connects = counter("connects");
        long malformed = counter("malformedFrames");
        long unreadable = counter("unreadableFields");
        long unknown = counter("unknownEvents");

        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        junk.writeBytes("garbage without any colon\r\nmore garbage\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        junk.writeBytes(("Event: VarSet\r\nValue: " + "x".repeat(1 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        junk.writeBytes("Event: NewCallerid\r\nCallerIDName: ".getBytes(StandardCharsets.US_ASCII));
        junk.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
        junk.writeBytes("\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        junk.writeBytes("Event: Hangup\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\nCause: not-a-number\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        junk.writeBytes("Event: BrandNewEvent\r\nPrivilege: call,all\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        sim.emitRaw(junk.toByteArray());

        List<TimedFrame> script = freshCalls();
        sim.play(script, PlayOptions.fullSpeed()).done().join();
        awaitRecordsExactlyOnce(SimulatedPbx.callIds(script));

        assertThat(counter("malformedFrames")).isGreaterThanOrEqualTo(malformed + 2);
        assertThat(counter("unreadableFields")).as("the Hangup is kept, its cause unknown").isGreaterThan(unreadable);
        assertThat(counter("unknownEvents")).isGreaterThan(unknown);
        assertThat(counter("connects")).as("no reconnect was needed").isEqualTo(connects);
        assertThat(node().getString("find { it.id == 'sim' }.state")).isEqualTo("CONNECTED");
    }
}
