package io.switchboard.it;

import io.switchboard.testing.ApiUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.Playback;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslTrace;
import io.switchboard.simulator.esl.EslTraceRewriter;
import io.switchboard.simulator.esl.TimedEslEvent;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.switchboard.testing.Operators;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The FreeSWITCH collector reconnects, re-subscribes and survives malformed frames, losing no caller. */
@QuarkusTest
class FreeSwitchResilienceTest {

    @Inject
    DemoSimulator demo;

    EslSimulator fs;

    @BeforeEach
    void connected() {
        fs = demo.eslSimulator();
        if (!fs.isRunning()) {
            fs.start();
        }
        assertThat(fs.awaitEventClients(1, Duration.ofSeconds(20))).isTrue();
    }

    static long connects() {
        return Operators.supervisor().get("/api/v1/pbx/nodes").then().extract().jsonPath().getLong("find { it.id == 'fssim' }.connects");
    }

    private static void awaitEveryCallerOnce(List<TimedEslEvent> original, List<TimedEslEvent> script) {
        Map<String, String[]> callers = MixedDeploymentEndToEndTest.rewrittenCallers(original, script);
        for (Map.Entry<String, String[]> c : callers.entrySet()) {
            JsonPath r = MixedDeploymentEndToEndTest.awaitCall("fssim:" + c.getValue()[1]);
            assertThat(r.getString("call.disposition")).as(c.getKey())
                    .isEqualTo(c.getValue()[0].equals("abandon") ? "ABANDONED" : "ANSWERED");
            List<String> listed = ApiUsers.reader().queryParam("node", "fssim").queryParam("caller", r.getString("call.callerNumber"))
                    .queryParam("limit", 500).get("/api/v1/calls").then().extract().jsonPath().getList("items.id");
            assertThat(listed).filteredOn(("fssim:" + c.getValue()[1])::equals).hasSize(1);
        }
    }

    @Test
    void droppedSocketReconnectsResubscribesAndLosesNoCaller() throws Exception {
        List<TimedEslEvent> original = EslTrace.load("simulator/freeswitch/callcenter-plain.esl");
        List<TimedEslEvent> script = EslTraceRewriter.rewrite(original);
        long before = connects();
        Playback playback = fs.play(script, PlayOptions.realTime().withSpeed(8));
        await().atMost(Duration.ofSeconds(30)).until(() -> playback.framesSent() > script.size() / 2);
        fs.dropClients();
        await().atMost(Duration.ofSeconds(15)).until(() -> connects() > before);
        assertThat(fs.receivedCommands()).anyMatch(c -> c.startsWith("event plain") && c.contains("CHANNEL_CREATE"));
        playback.done().join();
        awaitEveryCallerOnce(original, script);
    }

    static long malformed() {
        return Operators.supervisor().get("/api/v1/pbx/nodes").then().extract().jsonPath()
                .getLong("find { it.id == 'fssim' }.malformedFrames");
    }

    @Test
    void malformedFramesNeverStopIngestion() throws Exception {
        long malformedBefore = malformed();
        long connectsBefore = connects();
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        // bad URL-encoding in a header value
        String badEncoding = "Event-Name: CHANNEL_ANSWER\nUnique-ID: %zz-not-hex\nCaller-Caller-ID-Name: 100%\n\n";
        junk.writeBytes(("Content-Length: " + badEncoding.getBytes(StandardCharsets.UTF_8).length
                + "\nContent-Type: text/event-plain\n\n" + badEncoding).getBytes(StandardCharsets.UTF_8));
        // an event body without the header block the plain format requires
        String noHeaders = "\n\n";
        junk.writeBytes(("Content-Length: " + noHeaders.length() + "\nContent-Type: text/event-plain\n\n" + noHeaders)
                .getBytes(StandardCharsets.UTF_8));
        // a Content-Length that is not a number, then one too long for what follows
        junk.writeBytes("Content-Length: many\nContent-Type: text/event-plain\n\n".getBytes(StandardCharsets.UTF_8));
        fs.emitRaw(junk.toByteArray());
        assertThat(fs.awaitDrained(Duration.ofSeconds(10))).isTrue();

        List<TimedEslEvent> original = EslTrace.load("simulator/freeswitch/callcenter-plain.esl");
        List<TimedEslEvent> script = EslTraceRewriter.rewrite(original);
        fs.play(script, PlayOptions.fullSpeed()).done().join();
        awaitEveryCallerOnce(original, script);
        assertThat(malformed()).isGreaterThanOrEqualTo(malformedBefore + 2);
        assertThat(connects()).as("no reconnect was needed").isEqualTo(connectsBefore);
    }
}
