package io.switchboard.bench;

import io.switchboard.calls.CallTracker;
import io.switchboard.calls.IngestLane;
import io.switchboard.calls.TrackerSettings;
import io.switchboard.pbx.asterisk.AmiCollector;
import io.switchboard.pbx.asterisk.AmiNodeSettings;
import io.switchboard.pbx.asterisk.AmiTranslator;
import io.switchboard.pbx.freeswitch.EslCollector;
import io.switchboard.pbx.freeswitch.EslNodeSettings;
import io.switchboard.pbx.freeswitch.EslTranslator;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.ScenarioGenerator;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.SimulatorSettings;
import io.switchboard.simulator.TimedFrame;
import io.switchboard.simulator.esl.EslScenarioGenerator;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.EslSimulatorSettings;
import io.switchboard.simulator.esl.GeneratedEslCall;
import io.switchboard.simulator.esl.TimedEslEvent;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Heap per active call in the call model. For Asterisk (AMI) and FreeSWITCH (ESL) in turn, a
 * simulator plays synthetic answered queue calls (one hour of talk) up to the moment the caller
 * talks to the agent, through the production collector → translator → {@link IngestLane} →
 * {@link CallTracker}; the calls then stay up. Used heap is measured after full GCs with 0 calls,
 * then with each count of calls held, each count in a call model of its own. The simulator keeps
 * its own channel table, so it is closed before every measurement and its memory is not counted;
 * a model never reconnects to another simulator, whose live snapshot (none of these calls) would
 * settle the calls held. Played at full speed: FreeSWITCH calls start 1 ms apart, their events
 * interleaved in time as a switch sends them; Asterisk calls one after another.
 * Args: counts of calls (default {@code 1000 5000}).
 */
public final class ActiveCallMemoryBench {

    private static final String SECRET = "bench-secret";
    private static final long TALK_MILLIS = Duration.ofHours(1).toMillis();
    /** Events up to here are played: the call is answered and talking, its hangup far ahead. */
    private static final long PLAY_UNTIL_MICROS = TALK_MILLIS * 1_000 / 2;

    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] {1_000, 5_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        BenchReport report = new BenchReport("memory", "scripts/bench memory " + String.join(" ",
                Arrays.stream(counts).mapToObj(String::valueOf).toList()))
                .columns("PBX", "active calls", "heap used after GC", "above 0 calls", "bytes per active call");
        System.out.printf("machine: %s%n", BenchReport.machine());
        new Ami().measure(counts, report);
        new Esl().measure(counts, report);
        report.note("Heap used after repeated full GCs (`MemoryMXBean`), simulator closed; the call model alone"
                + " (collector, translator, lane with its published views, tracker), no listeners such as metrics or"
                + " screen-pop: the soak below measures the whole service.").write();
        System.exit(0);
    }

    /** One PBX kind: its simulator, collector and lane. */
    private abstract static class Kind {
        final String name;
        IngestLane lane;
        int port;

        Kind(String name) {
            this.name = name;
        }

        /** Starts a simulator on any free port, returns the port. */
        abstract int startSimulator();

        abstract void startCollector();

        /** Plays {@code n} new calls up to their talk and returns when the simulator has written them. */
        abstract void playCalls(int n) throws Exception;

        abstract void closeSimulator();

        abstract void closeCollector();

        void measure(int[] counts, BenchReport report) throws Exception {
            openModel();
            closeSimulator();
            long base = usedAfterGc();
            System.out.printf("%s: %,d bytes used with 0 calls%n", name, base);
            closeModel();
            for (int target : counts) {
                openModel();
                playCalls(target);
                int active = awaitActive(target);
                closeSimulator();
                long used = usedAfterGc();
                closeModel();
                double perCall = (used - base) / (double) active;
                System.out.printf("%s: %,d active calls (%,d played), %,d bytes used, %,.0f bytes per call%n", name,
                        active, target, used, perCall);
                report.row(name, BenchReport.n(active) + (active == target ? "" : " (of " + target + " played)"),
                        mib(used), mib(used - base), "**" + BenchReport.n(perCall) + "**");
            }
        }

        /** A new call model (lane, collector) connected to a new simulator. */
        void openModel() {
            lane = new IngestLane("mem", new CallTracker("mem", TrackerSettings.defaults(name.equals("AMI") ? "asterisk"
                    : "freeswitch")), r -> { }, 1 << 20, Duration.ofHours(2)).start();
            port = startSimulator();
            startCollector();
        }

        void closeModel() {
            closeCollector();
            lane.close();
            lane = null;
        }

        /** Waits until {@code target} calls are active, or the count stops moving for 10 s. */
        int awaitActive(int target) throws InterruptedException {
            int last = -1;
            long stillSince = System.nanoTime();
            while (true) {
                int now = lane.activeCalls().size();
                if (now >= target && lane.backlog() == 0) {
                    return now;
                }
                if (now != last) {
                    last = now;
                    stillSince = System.nanoTime();
                } else if (System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(10)) {
                    System.out.printf("%s: only %,d of %,d calls active%n", name, now, target);
                    return now;
                }
                TimeUnit.MILLISECONDS.sleep(50); // a benchmark polling a counter, not a test
            }
        }
    }

    private static final class Ami extends Kind {
        private final ScenarioGenerator generator = new ScenarioGenerator(42);
        private AmiSimulator sim;
        private AmiCollector collector;
        private int serial;

        Ami() {
            super("AMI");
        }

        @Override
        int startSimulator() {
            sim = new AmiSimulator(new SimulatorSettings("127.0.0.1", 0, "bench", SECRET), 2_000_000).start();
            return sim.port();
        }

        @Override
        void startCollector() {
            collector = new AmiCollector(new AmiNodeSettings("mem", "127.0.0.1", port, "bench", SECRET,
                    Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofSeconds(10)), new AmiTranslator("mem", Set.of("CALLER_TAG")), lane);
            collector.start();
        }

        @Override
        void playCalls(int n) throws Exception {
            List<TimedFrame> script = new ArrayList<>();
            for (int i = 0; i < n; i++, serial++) {
                GeneratedCall c = generator.generate(ScenarioSpec.answered("+1555" + (1_000_000 + serial),
                        "Caller " + serial, 1 + serial % 50, 2_000, TALK_MILLIS));
                c.frames().stream().filter(f -> f.offsetMicros() < PLAY_UNTIL_MICROS).forEach(script::add);
            }
            if (!sim.awaitEventClients(1, Duration.ofSeconds(30))) {
                throw new IllegalStateException("the collector did not log in");
            }
            sim.play(script, PlayOptions.fullSpeed()).done().get(5, TimeUnit.MINUTES);
            sim.awaitDrained(Duration.ofMinutes(1));
        }

        @Override
        void closeSimulator() {
            sim.close();
            sim = null;
        }

        @Override
        void closeCollector() {
            collector.close();
        }
    }

    private static final class Esl extends Kind {
        private final EslScenarioGenerator generator = new EslScenarioGenerator(42);
        private EslSimulator sim;
        private EslCollector collector;
        private int serial;

        Esl() {
            super("ESL");
        }

        @Override
        int startSimulator() {
            sim = new EslSimulator(new EslSimulatorSettings("127.0.0.1", 0, "bench"), 2_000_000).start();
            return sim.port();
        }

        @Override
        void startCollector() {
            collector = new EslCollector(new EslNodeSettings("mem", "127.0.0.1", port, "bench", Duration.ofSeconds(1)),
                    new EslTranslator("mem", Set.of()), lane);
            collector.start();
        }

        @Override
        void playCalls(int n) throws Exception {
            List<GeneratedEslCall> calls = new ArrayList<>();
            long start = System.currentTimeMillis() * 1_000;
            for (int i = 0; i < n; i++, serial++) {
                // three agents on thousands of calls at once, which mod_callcenter never does; nothing the
                // call model keeps depends on it (call identity comes from channel and member uuids)
                GeneratedEslCall c = generator.generate(ScenarioSpec.answered("+1555" + (1_000_000 + serial),
                        "Caller " + serial, 1 + serial % 3, 2_000, TALK_MILLIS), start + i * 1_000L);
                calls.add(new GeneratedEslCall(c.callId(), c.startEpochMicros(),
                        c.events().stream().filter(e -> e.offsetMicros() < PLAY_UNTIL_MICROS).toList(), c.truth()));
            }
            List<TimedEslEvent> script = EslScenarioGenerator.merge(calls);
            if (!sim.awaitEventClients(1, Duration.ofSeconds(60))) {
                throw new IllegalStateException("the collector did not connect");
            }
            sim.play(script, PlayOptions.fullSpeed()).done().get(5, TimeUnit.MINUTES);
            sim.awaitDrained(Duration.ofMinutes(1));
        }

        @Override
        void closeSimulator() {
            sim.close();
            sim = null;
        }

        @Override
        void closeCollector() {
            collector.close();
        }
    }

    /** Heap used after full collections, once it stops shrinking. */
    static long usedAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(200); // lets reference processing and cleaners run between collections
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    private ActiveCallMemoryBench() {
    }
}
