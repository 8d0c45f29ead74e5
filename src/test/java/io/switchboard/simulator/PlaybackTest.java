package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.PlayOptions.TimestampMode;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlaybackTest {

    private AmiSimulator sim;
    private final List<RawAmiClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = new AmiSimulator(SimulatorSettings.defaults()).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawAmiClient c : clients) {
            c.close();
        }
        sim.close();
    }

    private RawAmiClient loggedInClient() throws InterruptedException {
        RawAmiClient c = new RawAmiClient(sim.port());
        clients.add(c);
        c.login("switchboard", "switchboard");
        return c;
    }

    /** {@code n} user events {@code gapMillis} apart, numbered in header Seq. */
    private static List<TimedFrame> numbered(int n, long gapMillis) {
        List<TimedFrame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new TimedFrame(i * gapMillis * 1_000, AmiFrame.of("Event", "UserEvent", "Privilege", "user,all",
                    "Timestamp", "0.000000", "Seq", Integer.toString(i))));
        }
        return out;
    }

    private static List<String> seqs(List<AmiFrame> events) {
        return events.stream().map(e -> e.get("Seq")).toList();
    }

    @Test
    void traceArrivesInOrderWithOriginalGapsInScriptedTimestamps() throws Exception {
        RawAmiClient c = loggedInClient();
        AmiTrace trace = AmiTrace.load("/simulator/asterisk/queue-abandon.ami");
        long before = AmiTime.nowMicros();
        Playback p = sim.play(trace.frames(), PlayOptions.fullSpeed());

        List<AmiFrame> got = c.events(trace.size());
        p.done().get(5, TimeUnit.SECONDS);
        assertThat(p.framesSent()).isEqualTo(trace.size());
        assertThat(got).extracting(AmiFrame::eventName)
                .containsExactlyElementsOf(trace.frames().stream().map(tf -> tf.frame().eventName()).toList());

        long firstStamp = AmiTime.parse(got.get(1).get("Timestamp")); // frame 0 is FullyBooted without one
        assertThat(firstStamp).isBetween(before, AmiTime.nowMicros());
        for (int i = 1; i < got.size(); i++) {
            AmiFrame original = trace.frames().get(i).frame();
            assertThat(got.get(i).get("Timestamp")).matches("\\d{10}\\.\\d{6}");
            assertThat(AmiTime.parse(got.get(i).get("Timestamp")) - firstStamp)
                    .isEqualTo(AmiTime.parse(original.get("Timestamp")) - AmiTime.parse(trace.frames().get(1).frame().get("Timestamp")));
            assertThat(got.get(i).get("Uniqueid")).isEqualTo(original.get("Uniqueid"));
        }
    }

    @Test
    void realTimeKeepsTheGapsAndWallClockStampsTheSendTime() throws Exception {
        RawAmiClient c = loggedInClient();
        long start = AmiTime.nowMicros();
        sim.play(numbered(3, 200), PlayOptions.realTime().withTimestampMode(TimestampMode.WALL_CLOCK));
        List<AmiFrame> got = c.events(3);
        long t0 = AmiTime.parse(got.get(0).get("Timestamp"));
        long t2 = AmiTime.parse(got.get(2).get("Timestamp"));
        assertThat(t0).isGreaterThanOrEqualTo(start);
        assertThat(t2 - t0).isBetween(390_000L, 2_000_000L);
    }

    @Test
    void concurrentPlaybacksInterleaveByDueTime() throws Exception {
        RawAmiClient c = loggedInClient();
        List<TimedFrame> a = new ArrayList<>();
        List<TimedFrame> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a.add(new TimedFrame(i * 200_000L, AmiFrame.of("Event", "UserEvent", "Seq", "a" + i)));
            b.add(new TimedFrame(100_000L + i * 200_000L, AmiFrame.of("Event", "UserEvent", "Seq", "b" + i)));
        }
        sim.play(a, PlayOptions.realTime());
        sim.play(b, PlayOptions.realTime());
        assertThat(seqs(c.events(6))).containsExactly("a0", "b0", "a1", "b1", "a2", "b2");
    }

    @Test
    void holdsWhileNoClientThenDeliversEverything() throws Exception {
        Playback p = sim.play(numbered(5, 0), PlayOptions.fullSpeed());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> p.framesSent() == 0);

        RawAmiClient c = loggedInClient();
        assertThat(seqs(c.events(5))).containsExactly("0", "1", "2", "3", "4");
        p.done().get(5, TimeUnit.SECONDS);
    }

    @Test
    void withoutHoldFramesAreEmittedToNobody() throws Exception {
        Playback p = sim.play(numbered(5, 0), PlayOptions.fullSpeed().withHoldWhileNoClient(false));
        p.done().get(5, TimeUnit.SECONDS);
        assertThat(p.framesSent()).isEqualTo(5);
    }

    @Test
    void afterDropClientsANewLoginContinuesWhereItStopped() throws Exception {
        RawAmiClient first = loggedInClient();
        Playback p = sim.play(numbered(8, 150), PlayOptions.realTime());
        assertThat(seqs(first.events(3))).containsExactly("0", "1", "2");
        sim.dropClients();
        assertThat(first.awaitClosed()).isTrue();
        // a frame already being emitted when the client dropped is counted a moment later:
        // take the resume point once the count has settled
        long[] seen = {-1};
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> {
            long now = p.framesSent();
            boolean settled = now == seen[0];
            seen[0] = now;
            return settled;
        });
        int resumeAt = (int) seen[0];
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> p.framesSent() == resumeAt);

        RawAmiClient second = loggedInClient();
        List<String> expected = new ArrayList<>();
        for (int i = resumeAt; i < 8; i++) {
            expected.add(Integer.toString(i));
        }
        assertThat(seqs(second.events(8 - resumeAt))).containsExactlyElementsOf(expected);
        p.done().get(5, TimeUnit.SECONDS);
        assertThat(sim.connectionCount()).isEqualTo(2);
    }

    @Test
    void stopAndStartComeBackOnTheSamePort() throws Exception {
        RawAmiClient first = loggedInClient();
        int port = sim.port();
        Playback p = sim.play(numbered(6, 150), PlayOptions.realTime());
        assertThat(seqs(first.events(2))).containsExactly("0", "1");
        sim.stop();
        assertThat(first.awaitClosed()).isTrue();
        assertThat(sim.isRunning()).isFalse();
        int resumeAt = (int) p.framesSent();

        sim.start();
        assertThat(sim.port()).isEqualTo(port);
        RawAmiClient second = loggedInClient();
        List<AmiFrame> rest = second.events(6 - resumeAt);
        assertThat(rest.get(0).get("Seq")).isEqualTo(Integer.toString(resumeAt));
        assertThat(rest.get(rest.size() - 1).get("Seq")).isEqualTo("5");
        p.done().get(5, TimeUnit.SECONDS);
    }

    @Test
    void cancelStopsAPlayback() throws Exception {
        RawAmiClient c = loggedInClient();
        Playback p = sim.play(numbered(3, 60_000), PlayOptions.realTime());
        assertThat(c.nextEvent("UserEvent").get("Seq")).isEqualTo("0");
        p.cancel();
        assertThatThrownBy(() -> p.done().get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(p.done().isCancelled()).isTrue();
        assertThat(p.framesSent()).isEqualTo(1);
    }

    @Test
    void slowClientIsDroppedWithoutBlockingOthers() throws Exception {
        try (AmiSimulator small = new AmiSimulator(SimulatorSettings.defaults(), 1_000).start();
             RawAmiClient fast = new RawAmiClient(small.port());
             Socket stalled = new Socket()) {
            fast.login("switchboard", "switchboard");
            stalled.setReceiveBufferSize(8 * 1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", small.port()));
            stalled.getOutputStream().write(AmiFrame.of("Action", "Login", "Username", "switchboard",
                    "Secret", "switchboard").toWireBytes());
            assertThat(small.awaitEventClients(2, Duration.ofSeconds(5))).isTrue();

            // 32 MB in 2 s: far more than socket buffers and 1000 queued frames hold for a client that never reads
            String pad = "x".repeat(8_000);
            List<TimedFrame> flood = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                flood.add(new TimedFrame(i * 1_000L, AmiFrame.of("Event", "UserEvent", "Seq", Integer.toString(i), "Pad", pad)));
            }
            Playback p = small.play(flood, PlayOptions.realTime().withSpeed(2.0));
            List<AmiFrame> got = fast.events(4_000);
            assertThat(got.get(3_999).get("Seq")).isEqualTo("3999");
            p.done().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> small.eventClientCount() == 1);
        }
    }
}
