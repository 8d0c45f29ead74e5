package io.switchboard.bench;

import io.switchboard.calls.CallTracker;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.pbx.freeswitch.EslCollector;
import io.switchboard.pbx.freeswitch.EslNodeSettings;
import io.switchboard.pbx.freeswitch.EslTranslator;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslSimulatorSettings;
import io.switchboard.simulator.esl.EslTrace;
import io.switchboard.simulator.esl.EslTraceRewriter;
import io.switchboard.simulator.esl.TimedEslEvent;
import link.thingscloud.freeswitch.esl.IEslEventListener;
import link.thingscloud.freeswitch.esl.inbound.NettyInboundClient;
import link.thingscloud.freeswitch.esl.inbound.option.InboundClientOption;
import link.thingscloud.freeswitch.esl.inbound.option.ServerOption;
import link.thingscloud.freeswitch.esl.transport.event.EslEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * FreeSWITCH ingestion benchmark, the same method as {@link AmiIngestBench}: one event socket
 * simulator plays the real callcenter capture (fresh uuids per copy) to Switchboard's collector
 * → call model → records and, in the same run, to a bare thingscloud client with its default
 * listener pool; both subscribe to the same events. Events carry their write time, so lag is
 * from the wire. Per-channel order inversions are counted for both.
 * Usage: {@code scripts/bench-esl [steady-calls/s] [peak-calls/s] [seconds]}.
 */
public final class EslIngestBench {

    private static final String PASSWORD = "bench";
    /** -Dbench.solo=true: only Switchboard's collector, to see its own ceiling. */
    private static final boolean SOLO = Boolean.getBoolean("bench.solo");
    private static final int TIME_SCALE = 4;

    private final EslSimulator sim;
    private final List<TimedEslEvent> capture;
    private final int callsPerCopy = 14;

    private EslIngestBench() {
        sim = new EslSimulator(new EslSimulatorSettings("127.0.0.1", 0, PASSWORD), 2_000_000).start();
        capture = EslTrace.load("simulator/freeswitch/callcenter-plain.esl");
    }

    public static void main(String[] args) throws Exception {
        double steady = args.length > 0 ? Double.parseDouble(args[0]) : 50;
        double peak = args.length > 1 ? Double.parseDouble(args[1]) : 77;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        EslIngestBench b = new EslIngestBench();
        System.out.printf("machine: %d cores, JDK %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("capture: callcenter-plain.esl, %d events (all types) and %d callers per copy%n%n",
                b.capture.size(), b.callsPerCopy);
        BenchReport report = new BenchReport("esl", "scripts/bench esl " + fmt(steady) + " " + fmt(peak) + " " + seconds
                + (SOLO ? " (-Dbench.solo=true)" : "")).columns("phase", "subscribed events on the wire",
                "switchboard lag p50 / p99 / max", "record lag p99", "inversions", "bare thingscloud lag p50 / p99 / max",
                "bare inversions");
        b.run("full speed", 40, Double.NaN, report);
        b.run("steady " + fmt(steady) + " calls/s", (int) Math.ceil(steady * seconds / b.callsPerCopy), steady, report);
        b.run("peak " + fmt(peak) + " calls/s", (int) Math.ceil(peak * seconds / b.callsPerCopy), peak, report);
        report.note(String.format(Locale.ROOT, "Capture `callcenter-plain.esl`: %,d events (all types), %d callers per"
                + " copy, compressed %d× in time; bench JVM max heap %,d MB.", b.capture.size(), b.callsPerCopy,
                TIME_SCALE, Runtime.getRuntime().maxMemory() >> 20)).write();
        b.sim.close();
        System.exit(0);
    }

    /**
     * Copies of the capture, each compressed {@link #TIME_SCALE}× in time (its 14 calls take ~9 s
     * instead of 36 s), started so that calls begin at {@code callsPerSecond} once they overlap.
     */
    private List<TimedEslEvent> script(int copies, double callsPerSecond) {
        long spacing = Double.isNaN(callsPerSecond) ? 0 : (long) (callsPerCopy / callsPerSecond * 1e6);
        List<TimedEslEvent> out = new ArrayList<>(copies * capture.size());
        for (int i = 0; i < copies; i++) {
            long shift = i * spacing;
            for (TimedEslEvent t : EslTraceRewriter.rewrite(capture)) {
                out.add(new TimedEslEvent(t.offsetMicros() / TIME_SCALE + shift, t.event()));
            }
        }
        out.sort((a, b) -> Long.compare(a.offsetMicros(), b.offsetMicros()));
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private void run(String name, int copies, double callsPerSecond, BenchReport report) throws Exception {
        List<TimedEslEvent> script = script(copies, callsPerSecond);
        int callers = copies * callsPerCopy;
        Switchboard ours = new Switchboard(sim.port(), callers);
        sim.clearReceivedCommands();
        Bare bare = SOLO ? null : new Bare(sim.port());
        int clients = SOLO ? 1 : 2;
        if (!sim.awaitEventClients(clients, Duration.ofSeconds(15))
                || !waitFor(() -> sim.receivedCommands().stream().filter(c -> c.startsWith("event ")).count() >= clients, 15)) {
            throw new IllegalStateException("clients did not log in");
        }
        long copyMicros = capture.getLast().offsetMicros() / TIME_SCALE;
        long endMicros = script.getLast().offsetMicros();
        // copies overlap: the rate ramps up while the first copy plays and down after the last
        // one starts; in between it is steady, and lag is measured there
        long winFrom = Double.isNaN(callsPerSecond) ? 0 : copyMicros;
        long winTo = Double.isNaN(callsPerSecond) ? Long.MAX_VALUE / 2 : Math.max(copyMicros + 1, endMicros - copyMicros);
        long startWall = micros(Instant.now());
        ours.eventLag.window(startWall + winFrom, startWall + winTo);
        ours.recordLag.window(startWall + winFrom, startWall + winTo);
        if (bare != null) {
            bare.lag.window(startWall + winFrom, startWall + winTo);
        }
        PlayOptions opts = (Double.isNaN(callsPerSecond) ? PlayOptions.fullSpeed() : PlayOptions.realTime())
                .withTimestampMode(PlayOptions.TimestampMode.WALL_CLOCK);
        long t0 = System.nanoTime();
        sim.play(script, opts).done().join();
        double playSeconds = (System.nanoTime() - t0) / 1e9;
        boolean oursDone = ours.done.await(120, TimeUnit.SECONDS);
        long delivered = ours.collector.status().eventsReceived();
        boolean bareDone = bare == null || waitFor(() -> bare.events.get() >= delivered, Math.max(10, playSeconds * 4));

        System.out.printf("== %s: %,d events offered (all types) over %.1f s, %,d callers%n", name, script.size(),
                playSeconds, callers);
        if (!Double.isNaN(callsPerSecond)) {
            double window = (winTo - winFrom) / 1e6;
            System.out.printf("  steady window %.1f s: %,.0f subscribed events/s on the wire%s, %,.0f normalized events/s;"
                            + " %,.0f/s subscribed over the whole run%n", window,
                    bare != null ? bare.lag.count() / window : Double.NaN, bare != null ? "" : " (needs the bare client)",
                    ours.windowEvents.get() / window, delivered / playSeconds);
        }
        System.out.printf("  switchboard (socket → call model → records): %,d records%s, %,d events, %,.0f events/s end to end%n",
                ours.records.get(), oursDone ? "" : " (INCOMPLETE)", delivered, ours.rate(delivered));
        System.out.printf("    record lag (last hangup → record): %s%n", ours.recordLag.summary());
        System.out.printf("    event lag (wire → applied):  %s%n", ours.eventLag.summary());
        System.out.printf("    per-channel order inversions: %,d%n", ours.inversions.get());
        String bareLag = bare == null ? "n/a (solo)" : bare.lag.triple();
        String bareInversions = bare == null ? "n/a" : BenchReport.n(bare.inversions.get());
        String inversions = "**" + BenchReport.n(ours.inversions.get()) + "**";
        if (Double.isNaN(callsPerSecond)) {
            report.row(String.format(Locale.ROOT, "%s (%d copies, %,d callers)", name, copies, callers), "burst",
                    ours.eventLag.triple() + " (queueing)" + (oursDone ? "" : " (incomplete)"), ours.recordLag.p99(),
                    inversions, bareLag, bareInversions);
            report.note(String.format(Locale.ROOT, "Sustained end-to-end capacity at full speed: **%s subscribed"
                    + " events/s** for Switchboard%s.", BenchReport.n(ours.rate(delivered)), bare == null ? ""
                    : " against " + BenchReport.n(bare.rate()) + " events/s for the bare client in the same run"));
        } else {
            double window = (winTo - winFrom) / 1e6;
            report.row(name, bare == null ? "n/a (needs the bare client)" : String.format(Locale.ROOT,
                            "**%s events/s** for %.1f s", BenchReport.n(bare.lag.count() / window), window),
                    "**" + ours.eventLag.triple() + "**" + (oursDone ? "" : " (incomplete)"), ours.recordLag.p99(),
                    inversions, bareLag, bareInversions);
        }
        if (bare != null) {
            System.out.printf("  bare thingscloud listener (4-thread pool): %,d events%s, %,.0f events/s%n",
                    bare.events.get(), bareDone ? "" : " (INCOMPLETE)", bare.rate());
            System.out.printf("    event lag (wire → listener): %s%n", bare.lag.summary());
            System.out.printf("    per-channel order inversions: %,d%n", bare.inversions.get());
            bare.close();
        }
        System.out.println();
        ours.close();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20); // a benchmark waiting for a counter, not a test
        }
        return true;
    }

    /** Per channel, the write time of the last event seen; an earlier one afterwards is an inversion. */
    private static final class OrderCheck {
        private final Map<String, Long> last = new HashMap<>();

        synchronized boolean inverted(String channel, long wireMicros) {
            Long prev = last.put(channel, wireMicros);
            return prev != null && wireMicros < prev;
        }
    }

    private static final class Switchboard {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong records = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong inversions = new AtomicLong();
        final AtomicLong windowEvents = new AtomicLong();
        final LagRecorder eventLag = new LagRecorder();
        final LagRecorder recordLag = new LagRecorder();
        final OrderCheck order = new OrderCheck();
        final IngestLane lane;
        final EslCollector collector;
        volatile long firstNanos;
        volatile long lastNanos;

        Switchboard(int port, int expectedCallers) {
            lane = new IngestLane("bench", new CallTracker("bench", TrackerSettings.defaults("freeswitch")), r -> {
                recordLag.add(micros(Instant.now()) - micros(r.endedAt()), micros(r.endedAt()));
                if (records.incrementAndGet() == expectedCallers) {
                    done.countDown();
                }
            }, 1 << 20, Duration.ofMinutes(5));
            lane.addListener((e, callId) -> {
                long now = System.nanoTime();
                if (firstNanos == 0) {
                    firstNanos = now;
                }
                lastNanos = now;
                received.incrementAndGet();
                long wire = micros(e.pbxTime());
                int before = eventLag.count();
                eventLag.add(micros(Instant.now()) - wire, wire);
                if (eventLag.count() > before) {
                    windowEvents.incrementAndGet();
                }
                if (e.legId() != null && order.inverted(e.legId(), wire)) {
                    inversions.incrementAndGet();
                }
            });
            lane.start();
            collector = new EslCollector(new EslNodeSettings("bench", "127.0.0.1", port, PASSWORD, Duration.ofSeconds(1)),
                    new EslTranslator("bench", Set.of()), lane);
            collector.start();
        }

        double rate(long events) {
            return events / Math.max(1e-9, (lastNanos - firstNanos) / 1e9);
        }

        void close() {
            collector.close();
            lane.close();
        }
    }

    /** The client as it comes: events handed to listeners on its public executor. */
    private static final class Bare {
        final AtomicLong events = new AtomicLong();
        final AtomicLong inversions = new AtomicLong();
        final LagRecorder lag = new LagRecorder();
        final OrderCheck order = new OrderCheck();
        final NettyInboundClient client;
        volatile long firstNanos;
        volatile long lastNanos;

        Bare(int port) {
            InboundClientOption option = new InboundClientOption().defaultPassword(PASSWORD)
                    .addServerOption(new ServerOption("127.0.0.1", port).password(PASSWORD).timeoutSeconds(1))
                    .addEvents(EslCollector.subscribedEvents().toArray(String[]::new))
                    .addListener(new IEslEventListener() {
                        @Override
                        public void eventReceived(String addr, EslEvent e) {
                            long now = System.nanoTime();
                            if (firstNanos == 0) {
                                firstNanos = now;
                            }
                            lastNanos = now;
                            long wire = Long.parseLong(e.getEventHeaders().getOrDefault("Event-Date-Timestamp", "0"));
                            synchronized (lag) {
                                lag.add(micros(Instant.now()) - wire, wire);
                            }
                            String uuid = e.getEventHeaders().get("Unique-ID");
                            if (uuid != null && order.inverted(uuid, wire)) {
                                inversions.incrementAndGet();
                            }
                            events.incrementAndGet();
                        }

                        @Override
                        public void backgroundJobResultReceived(String addr, EslEvent e) {
                            events.incrementAndGet(); // a subscribed event too, delivered on its own callback
                        }
                    });
            client = new NettyInboundClient(option);
            client.start();
        }

        double rate() {
            return events.get() / Math.max(1e-9, (lastNanos - firstNanos) / 1e9);
        }

        void close() {
            client.shutdown();
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
