package io.switchboard.bench;

import io.switchboard.calls.CallTracker;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.pbx.asterisk.AmiCollector;
import io.switchboard.pbx.asterisk.AmiNodeSettings;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.AmiTrace;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.TimedFrame;
import io.switchboard.simulator.TraceRewriter;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AMI ingestion benchmark. One simulator plays the real queue-calls capture (rewritten into
 * fresh calls) to two clients at once: Switchboard's collector → call model → records, and a
 * bare asterisk-java listener that only counts. Events carry the wall-clock time they were
 * written, so lag is measured from the wire.
 *
 * <p>Phases: (1) full speed, for sustained throughput; (2) a steady target rate; (3) a peak rate.
 * Usage: {@code scripts/bench} (args: steady events/s, peak events/s, seconds per phase).
 */
public final class AmiIngestBench {

    private static final String USER = "bench";
    private static final String SECRET = "bench-secret";

    private final AmiSimulator sim;
    private final List<TimedFrame> capture;
    private final int eventsPerCopy;
    private final int callsPerCopy;

    private AmiIngestBench() {
        sim = new AmiSimulator(new SimulatorSettings("127.0.0.1", 0, USER, SECRET), 2_000_000).start();
        capture = AmiTrace.load("simulator/asterisk/queue-calls.ami").frames();
        eventsPerCopy = capture.size();
        callsPerCopy = AmiTrace.load("simulator/asterisk/queue-calls.ami").callIds().size();
    }

    public static void main(String[] args) throws Exception {
        int steady = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int peak = args.length > 1 ? Integer.parseInt(args[1]) : 17_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        AmiIngestBench b = new AmiIngestBench();
        System.out.printf("machine: %d cores, JDK %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("capture: queue-calls.ami, %d events and %d calls per copy (%d events per call)%n%n",
                b.eventsPerCopy, b.callsPerCopy, b.eventsPerCopy / b.callsPerCopy);
        BenchReport report = new BenchReport("ami", "scripts/bench ami " + steady + " " + peak + " " + seconds)
                .columns("phase", "offered", "switchboard end to end", "switchboard lag p50 / p99 / max", "record lag p99",
                        "bare asterisk-java", "bare lag p50 / p99 / max");
        double eventsPerCall = b.eventsPerCopy / (double) b.callsPerCopy;
        b.run("full speed", 120, Double.NaN, report);
        b.run(String.format(Locale.ROOT, "steady %s events/s (≈%.0f calls/s of this capture)", BenchReport.n(steady),
                steady / eventsPerCall), copiesFor(steady, seconds, b.eventsPerCopy), steady, report);
        b.run(String.format(Locale.ROOT, "peak %s events/s (≈%.0f calls/s)", BenchReport.n(peak), peak / eventsPerCall),
                copiesFor(peak, seconds, b.eventsPerCopy), peak, report);
        report.note(String.format(Locale.ROOT, "Capture `queue-calls.ami`: %,d events and %d calls per copy (%d events"
                + " per call); bench JVM max heap %,d MB.", b.eventsPerCopy, b.callsPerCopy,
                b.eventsPerCopy / b.callsPerCopy, Runtime.getRuntime().maxMemory() >> 20)).write();
        b.sim.close();
        System.exit(0);
    }

    private static int copiesFor(int eventsPerSecond, int seconds, int eventsPerCopy) {
        return Math.max(1, (int) ((long) eventsPerSecond * seconds / eventsPerCopy));
    }

    /** Builds {@code copies} fresh copies of the capture, started so that the total rate is {@code rate}. */
    private List<TimedFrame> script(int copies, double rate) {
        TraceRewriter rw = new TraceRewriter();
        List<TimedFrame> out = new ArrayList<>(copies * eventsPerCopy);
        long spacingMicros = Double.isNaN(rate) ? 0 : (long) (eventsPerCopy / rate * 1e6);
        for (int i = 0; i < copies; i++) {
            long shift = i * spacingMicros;
            for (TimedFrame tf : rw.rewrite(capture)) {
                out.add(tf.shifted(shift));
            }
        }
        out.sort((a, b) -> Long.compare(a.offsetMicros(), b.offsetMicros()));
        return out;
    }

    private void run(String name, int copies, double rate, BenchReport report) throws Exception {
        List<TimedFrame> script = script(copies, rate);
        int calls = copies * callsPerCopy;
        Switchboard ours = new Switchboard(sim.port(), calls);
        Bare bare = new Bare(sim.port(), script.size());
        if (!sim.awaitEventClients(2, Duration.ofSeconds(10))) {
            throw new IllegalStateException("clients did not log in");
        }
        PlayOptions opts = (Double.isNaN(rate) ? PlayOptions.fullSpeed() : PlayOptions.realTime())
                .withTimestampMode(PlayOptions.TimestampMode.WALL_CLOCK);
        // copies overlap: the offered rate ramps up while the first copy plays and down after the
        // last one starts; the steady window lies between, and lag is measured inside it
        long copyMicros = capture.getLast().offsetMicros();
        long endMicros = script.getLast().offsetMicros();
        long winFrom = Double.isNaN(rate) ? 0 : copyMicros;
        long winTo = Double.isNaN(rate) ? Long.MAX_VALUE / 2 : Math.max(copyMicros + 1, endMicros - copyMicros);
        long inWindow = script.stream().filter(f -> f.offsetMicros() >= winFrom && f.offsetMicros() < winTo).count();
        long startWall = micros(Instant.now());
        ours.eventLag.window(startWall + winFrom, startWall + winTo);
        ours.recordLag.window(startWall + winFrom, startWall + winTo);
        bare.lag.window(startWall + winFrom, startWall + winTo);
        long t0 = System.nanoTime();
        sim.play(script, opts).done().join();
        double playSeconds = (System.nanoTime() - t0) / 1e9;
        boolean oursDone = ours.done.await(120, TimeUnit.SECONDS);
        boolean bareDone = bare.done.await(Math.max(5, (long) (playSeconds * 4)), TimeUnit.SECONDS);

        System.out.printf("== %s: %,d events, %,d calls, offered over %.1f s (%,.0f events/s mean)%n", name,
                script.size(), calls, playSeconds, script.size() / playSeconds);
        if (!Double.isNaN(rate)) {
            System.out.printf("  steady window: %.1f s at %,.0f events/s (%,.0f calls/s); lag figures are from it%n",
                    (winTo - winFrom) / 1e6, inWindow / ((winTo - winFrom) / 1e6),
                    inWindow / ((winTo - winFrom) / 1e6) / (eventsPerCopy / (double) callsPerCopy));
        }
        System.out.printf("  switchboard (socket → call model → records): %,d records%s, %,.0f events/s end to end%n",
                ours.records.get(), oursDone ? "" : " (INCOMPLETE)", ours.rate(script.size()));
        System.out.printf("    event lag (wire → applied):     %s%n", ours.eventLag.summary());
        System.out.printf("    record lag (last hangup → record): %s%n", ours.recordLag.summary());
        System.out.printf("  bare asterisk-java listener: %,d events received%s, %,.0f events/s%n", bare.events.get(),
                bareDone ? "" : " (INCOMPLETE: fell behind or was dropped)", bare.rate());
        System.out.printf("    event lag (wire → listener):    %s%n%n", bare.lag.summary());
        if (Double.isNaN(rate)) {
            report.row(String.format(Locale.ROOT, "%s (%d copies, %,d calls)", name, copies, calls),
                    BenchReport.n(script.size() / playSeconds) + " events/s burst",
                    "**" + BenchReport.n(ours.rate(script.size())) + " events/s**" + (oursDone ? "" : " (incomplete)"),
                    ours.eventLag.triple() + " (queueing behind the burst)", ours.recordLag.p99(),
                    BenchReport.n(bare.rate()) + " events/s" + (bareDone ? "" : " (incomplete)"), bare.lag.triple());
        } else {
            double window = (winTo - winFrom) / 1e6;
            report.row(name, inWindow == 0 ? "no steady window (phase shorter than a copy of the capture)"
                            : String.format(Locale.ROOT, "%s events/s for %.1f s", BenchReport.n(inWindow / window), window),
                    keepsUp(oursDone, ours.eventLag), "**" + ours.eventLag.triple() + "**", ours.recordLag.p99(),
                    keepsUp(bareDone, bare.lag), bare.lag.triple());
        }
        ours.close();
        bare.close();
    }

    /** Switchboard's AMI collector and call model; records are counted, not stored. */
    private static final class Switchboard {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong records = new AtomicLong();
        final LagRecorder eventLag = new LagRecorder();
        final LagRecorder recordLag = new LagRecorder();
        final IngestLane lane;
        final AmiCollector collector;
        volatile long firstNanos;
        volatile long lastNanos;

        Switchboard(int port, int expectedCalls) {
            lane = new IngestLane("bench", new CallTracker("bench", TrackerSettings.defaults("asterisk")), r -> {
                recordLag.add(micros(Instant.now()) - micros(r.endedAt()), micros(r.endedAt()));
                if (records.incrementAndGet() == expectedCalls) {
                    lastNanos = System.nanoTime();
                    done.countDown();
                }
            }, 1 << 20, Duration.ofMinutes(5));
            lane.addListener((e, callId) -> {
                if (firstNanos == 0) {
                    firstNanos = System.nanoTime();
                }
                eventLag.add(micros(Instant.now()) - micros(e.pbxTime()), micros(e.pbxTime()));
            });
            lane.start();
            collector = new AmiCollector(new AmiNodeSettings("bench", "127.0.0.1", port, USER, SECRET,
                    Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofSeconds(10)), new AmiTranslator("bench", Set.of("CALLER_TAG")), lane);
            collector.start();
        }

        double rate(int events) {
            return events / ((lastNanos - firstNanos) / 1e9);
        }

        void close() {
            collector.close();
            lane.close();
        }
    }

    /** A plain asterisk-java manager connection with a listener that counts events. */
    private static final class Bare {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong events = new AtomicLong();
        final LagRecorder lag = new LagRecorder();
        final ManagerConnection conn;
        volatile long firstNanos;
        volatile long lastNanos;

        Bare(int port, int expected) throws Exception {
            conn = new ManagerConnectionFactory("127.0.0.1", port, USER, SECRET).createManagerConnection();
            conn.addEventListener(e -> {
                Double ts = e.getTimestamp();
                if (ts == null || e instanceof org.asteriskjava.manager.event.BridgeEvent) {
                    return; // connection events, and legacy events asterisk-java derives from BridgeEnter/Leave
                }
                long now = System.nanoTime();
                if (firstNanos == 0) {
                    firstNanos = now;
                }
                synchronized (lag) {
                    lag.add(micros(Instant.now()) - (long) (ts * 1e6), (long) (ts * 1e6));
                }
                lastNanos = now;
                if (events.incrementAndGet() == expected) {
                    done.countDown();
                }
            });
            conn.login();
        }

        double rate() {
            return events.get() / Math.max(1e-9, (lastNanos - firstNanos) / 1e9);
        }

        void close() {
            try {
                conn.logoff();
            } catch (RuntimeException ignored) {
                // the simulator may already have dropped a slow client
            }
        }
    }

    /** The target: every event delivered and p99 lag under 100 ms. */
    static String keepsUp(boolean complete, LagRecorder lag) {
        if (!complete) {
            return "incomplete";
        }
        long p99 = lag.p99Micros();
        if (p99 < 0) {
            return "not measured";
        }
        return p99 < 100_000 ? "keeps up" : "falls behind (p99 ≥ 100 ms)";
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
