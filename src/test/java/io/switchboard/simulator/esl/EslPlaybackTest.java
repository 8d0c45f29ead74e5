package io.switchboard.simulator.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.PlayOptions.TimestampMode;
import io.switchboard.simulator.Playback;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EslPlaybackTest {

    private EslSimulator sim;
    private final List<RawEslClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = new EslSimulator(EslSimulatorSettings.defaults()).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawEslClient c : clients) {
            c.close();
        }
        sim.close();
    }

    private RawEslClient listening(String format) throws InterruptedException {
        RawEslClient c = RawEslClient.authenticated(sim.port(), "ClueCon");
        clients.add(c);
        assertThat(c.command("event " + format + " ALL").header("Reply-Text")).startsWith("+OK event listener");
        return c;
    }

    /** {@code n} HEARTBEAT events {@code gapMillis} apart, numbered in Event-Sequence. */
    private static List<TimedEslEvent> numbered(int n, long gapMillis) {
        List<TimedEslEvent> out = new ArrayList<>();
        long t0 = 1_795_464_082_745_024L;
        for (int i = 0; i < n; i++) {
            long ts = t0 + i * gapMillis * 1_000;
            out.add(new TimedEslEvent(i * gapMillis * 1_000, SimEvent.of("Event-Name", "HEARTBEAT",
                    "Event-Date-Local", EslTime.local(ts), "Event-Date-GMT", EslTime.gmt(ts),
                    "Event-Date-Timestamp", Long.toString(ts), "Event-Sequence", Integer.toString(i))));
        }
        return out;
    }

    private static List<String> seqs(List<SimEvent> events) {
        return events.stream().map(e -> e.header("Event-Sequence")).toList();
    }

    private static long stamp(SimEvent e) {
        return Long.parseLong(e.header("Event-Date-Timestamp"));
    }

    @Test
    void traceArrivesInCaptureOrderWithItsGapsInScriptedTimestamps() throws Exception {
        RawEslClient c = listening("json");
        List<TimedEslEvent> trace = EslTrace.load("/simulator/freeswitch/callcenter-plain.esl");
        long before = EslTime.nowMicros();
        Playback p = sim.play(trace, PlayOptions.fullSpeed());

        List<SimEvent> got = c.events(trace.size());
        p.done().get(10, TimeUnit.SECONDS);
        assertThat(p.framesSent()).isEqualTo(trace.size());
        assertThat(p.frameCount()).isEqualTo(trace.size());
        assertThat(seqs(got)).containsExactlyElementsOf(seqs(trace.stream().map(TimedEslEvent::event).toList()));

        long firstStamp = stamp(got.get(0));
        assertThat(firstStamp).isBetween(before, EslTime.nowMicros());
        long originalFirst = stamp(trace.get(0).event());
        for (int i = 0; i < got.size(); i++) {
            SimEvent sent = got.get(i);
            SimEvent original = trace.get(i).event();
            assertThat(stamp(sent) - firstStamp).isEqualTo(stamp(original) - originalFirst);
            assertThat(sent.header("Event-Date-GMT")).isEqualTo(EslTime.gmt(stamp(sent)));
            assertThat(sent.header("Event-Date-Local")).isEqualTo(EslTime.local(stamp(sent)));
            assertThat(sent.uniqueId()).isEqualTo(original.uniqueId());
            assertThat(sent.size()).isEqualTo(original.size());
            String answered = original.header("Caller-Channel-Answered-Time");
            if (answered != null && !answered.equals("0")) {
                // other times move with the event, so durations survive
                assertThat(Long.parseLong(sent.header("Caller-Channel-Answered-Time")) - stamp(sent))
                        .isEqualTo(Long.parseLong(answered) - stamp(original));
            } else if (answered != null) {
                assertThat(sent.header("Caller-Channel-Answered-Time")).isEqualTo("0");
            }
        }
    }

    @Test
    void realTimePlaybackKeepsTheGaps() throws Exception {
        RawEslClient c = listening("plain");
        long start = System.nanoTime();
        Playback p = sim.play(numbered(4, 100), PlayOptions.realTime());
        List<SimEvent> got = c.events(4);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        p.done().get(5, TimeUnit.SECONDS);
        assertThat(seqs(got)).containsExactly("0", "1", "2", "3");
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(290);
        assertThat(stamp(got.get(3)) - stamp(got.get(0))).isEqualTo(300_000);
    }

    @Test
    void speedCompressesTimeButScriptedTimestampsKeepTheOriginalGaps() throws Exception {
        RawEslClient c = listening("plain");
        long start = System.nanoTime();
        sim.play(numbered(3, 1_000), PlayOptions.realTime().withSpeed(20)).done().get(5, TimeUnit.SECONDS);
        List<SimEvent> got = c.events(3);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(95L, 1_500L);
        assertThat(stamp(got.get(2)) - stamp(got.get(0))).isEqualTo(2_000_000);
    }

    @Test
    void wallClockStampsTheTimeOfWriting() throws Exception {
        RawEslClient c = listening("plain");
        long before = EslTime.nowMicros();
        sim.play(numbered(3, 60_000), PlayOptions.fullSpeed().withTimestampMode(TimestampMode.WALL_CLOCK));
        List<SimEvent> got = c.events(3);
        long after = EslTime.nowMicros();
        assertThat(got).allSatisfy(e -> assertThat(stamp(e)).isBetween(before, after));
        assertThat(got.get(0).header("Event-Date-GMT")).isEqualTo(EslTime.gmt(stamp(got.get(0))));
    }

    @Test
    void holdsWhileNoClientListensAndResumesAfterAReconnect() throws Exception {
        Playback p = sim.play(numbered(6, 0), PlayOptions.fullSpeed());
        // authenticated but not subscribed: not an event client, so nothing goes out
        RawEslClient idle = RawEslClient.authenticated(sim.port(), "ClueCon");
        clients.add(idle);
        assertThat(sim.awaitEventClients(1, Duration.ofMillis(200))).isFalse();
        assertThat(p.framesSent()).isZero();

        RawEslClient first = listening("plain");
        assertThat(seqs(first.events(6))).containsExactly("0", "1", "2", "3", "4", "5");
        p.done().get(5, TimeUnit.SECONDS);

        sim.dropClients();
        assertThat(first.awaitClosed()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.eventClientCount() == 0);
        Playback second = sim.play(numbered(3, 0), PlayOptions.fullSpeed());
        assertThat(second.framesSent()).isZero();

        RawEslClient again = listening("json");
        assertThat(seqs(again.events(3))).containsExactly("0", "1", "2");
        second.done().get(5, TimeUnit.SECONDS);
        assertThat(sim.connectionCount()).isEqualTo(3);
    }

    @Test
    void withoutHoldEventsGoNowhereWhenNobodyListens() throws Exception {
        Playback p = sim.play(numbered(5, 0), PlayOptions.fullSpeed().withHoldWhileNoClient(false));
        p.done().get(5, TimeUnit.SECONDS);
        assertThat(p.framesSent()).isEqualTo(5);
    }

    @Test
    void cancelStopsAPlayback() throws Exception {
        RawEslClient c = listening("plain");
        Playback p = sim.play(numbered(3, 60_000), PlayOptions.realTime());
        assertThat(seqs(List.of(c.nextEvent()))).containsExactly("0");
        p.cancel();
        assertThat(p.done()).isCancelled();
        // the count moves just after the hand-over, so the client may see the event a moment earlier
        await().atMost(Duration.ofSeconds(5)).until(() -> p.framesSent() == 1);
        assertThat(c.pollEventFrame(100)).isNull();
    }

    @Test
    void restartsOnTheSamePortWithANewCoreUuid() throws Exception {
        RawEslClient c = listening("plain");
        int port = sim.port();
        String core = sim.coreUuid();
        sim.stop();
        assertThat(sim.isRunning()).isFalse();
        assertThat(c.awaitClosed()).isTrue();

        sim.start();
        assertThat(sim.isRunning()).isTrue();
        assertThat(sim.port()).isEqualTo(port);
        assertThat(sim.coreUuid()).isNotEqualTo(core);
        RawEslClient again = listening("plain");
        sim.emit(SimEvent.of("Event-Name", "HEARTBEAT"));
        assertThat(again.nextEvent().eventName()).isEqualTo("HEARTBEAT");
        assertThat(sim.connectionCount()).isEqualTo(2);
    }

    @Test
    void emitRawReachesEventClientsByteForByte() throws Exception {
        RawEslClient c = listening("plain");
        RawEslClient notListening = RawEslClient.authenticated(sim.port(), "ClueCon");
        clients.add(notListening);
        int before = c.receivedBytes().length;
        byte[] garbage = {'C', 'o', 'n', 't', 'e', 'n', 't', '-', 'L', 'e', 'n', 'g', 't', 'h', ':', ' ', '9', '9',
                '\n', '\n', (byte) 0xff, (byte) 0xfe, 0, '\r', '\n'};
        sim.emitRaw(garbage);
        assertThat(sim.awaitDrained(Duration.ofSeconds(5))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> c.receivedBytes().length == before + garbage.length);
        byte[] all = c.receivedBytes();
        assertThat(Arrays.copyOfRange(all, before, all.length)).isEqualTo(garbage);
        String idle = new String(notListening.receivedBytes(), StandardCharsets.UTF_8);
        assertThat(idle).doesNotContain("Content-Length: 99");
    }

    @Test
    void aClientThatDoesNotReadIsDroppedInsteadOfBlockingOthers() throws Exception {
        sim.close();
        sim = new EslSimulator(EslSimulatorSettings.defaults(), 50).start();
        RawEslClient reading = listening("plain");
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", sim.port()));
            stalled.getOutputStream().write("auth ClueCon\n\nevent plain ALL\n\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(sim.awaitEventClients(2, Duration.ofSeconds(5))).isTrue();

            SimEvent big = SimEvent.of("Event-Name", "CUSTOM", "Payload", "x".repeat(100_000));
            int sent = 0;
            while (sim.eventClientCount() == 2 && sent < 5_000) {
                sim.emit(big);
                sent++;
                // paced by the reading client, which must never fall behind
                assertThat(EslTrace.decode(reading.nextEventFrame()).header("Payload")).hasSize(100_000);
            }
            assertThat(sent).isLessThan(5_000);
            assertThat(sim.eventClientCount()).isEqualTo(1);
            assertThat(reading.isClosed()).isFalse();
        }
    }
}
