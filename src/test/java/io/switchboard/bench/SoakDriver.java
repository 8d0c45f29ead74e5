package io.switchboard.bench;

import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.SimulatorSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The soak (scripts/soak): a running service with one Asterisk node on the AMI simulator in this
 * JVM; {@link SoakCalls} keeps {@code calls} calls up for {@code minutes}, new calls replacing
 * finished ones. Every {@code soak.sample} seconds the service's heap is measured after a full GC
 * and its error counters are read. At the end the calls play out, and the records in the database
 * are compared with the calls the simulator ended. The verdict: no errors, no record lost or
 * duplicated, and a heap slope over the second half of the run within {@code soak.max-slope}
 * MiB/min. Args: baseUrl amiPort calls minutes. Properties: bench.service.pid, bench.node (soak),
 * bench.ami.secret, soak.talk (mean talk, 60 s), soak.sample (60 s), soak.max-slope (2 MiB/min),
 * soak.log (the service's log), bench.db.url / .user / .password.
 */
public final class SoakDriver {

    /** One measurement: minutes since the start, heap after GC, the service's counters. */
    record Sample(double minutes, long heapBytes, int callsUp, ServiceProbe.Counters counters, Map<String, Long> byClass) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int amiPort = Integer.parseInt(args[1]);
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        double minutes = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        long talkMillis = Long.getLong("soak.talk", 60) * 1_000;
        long sampleMillis = Long.getLong("soak.sample", 60) * 1_000;
        double maxSlope = Double.parseDouble(System.getProperty("soak.max-slope", "2"));
        String node = System.getProperty("bench.node", "soak");
        ServiceProbe probe = new ServiceProbe(base, System.getProperty("bench.service.pid"),
                System.getProperty("soak.log"));
        BenchReport report = new BenchReport("soak", String.format(Locale.ROOT, "scripts/soak %d %s", calls,
                minutes == Math.rint(minutes) ? String.valueOf((long) minutes) : String.valueOf(minutes)));

        try (AmiSimulator sim = new AmiSimulator(new SimulatorSettings("127.0.0.1", amiPort, "switchboard",
                System.getProperty("bench.ami.secret", "bench-secret")), 2_000_000).start()) {
            if (!sim.awaitEventClients(1, Duration.ofSeconds(90))) {
                throw new IllegalStateException("the service did not log in to the AMI simulator on " + amiPort);
            }
            probe.awaitUp();
            List<Sample> samples = new ArrayList<>();
            long t0 = System.nanoTime();
            samples.add(sample(probe, 0, 0));
            System.out.printf("machine: %s%nsoak: %,d calls for %s min, mean talk %d s, heap sampled every %d s%n",
                    BenchReport.machine(), calls, minutes, talkMillis / 1_000, sampleMillis / 1_000);
            System.out.printf("%7s %8s %12s %10s %9s %6s%n", "minute", "calls up", "heap after GC", "records", "failures",
                    "errors");
            print(samples.getFirst());
            long runStartMicros = System.currentTimeMillis() * 1_000;
            SoakCalls load = new SoakCalls(sim, calls, talkMillis);
            load.start(Math.min(30_000, talkMillis / 2));
            long end = t0 + (long) (minutes * 60e9);
            long next = t0 + TimeUnit.MILLISECONDS.toNanos(sampleMillis);
            while (next <= end) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                samples.add(sample(probe, (System.nanoTime() - t0) / 60e9, load.up()));
                print(samples.getLast());
                next += TimeUnit.MILLISECONDS.toNanos(sampleMillis);
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
            load.stop();
            System.out.printf("duration over: %,d calls started; waiting for the %,d calls up to end%n", load.started(),
                    load.up());
            boolean allEnded = load.awaitAllEnded(load.maxCallMillis() + 30_000);
            RecordCheck records = RecordCheck.await(node, load.ended(), runStartMicros, Duration.ofSeconds(90));
            ServiceProbe.Counters last = probe.counters();
            verdict(report, samples, last, records, load, allEnded, maxSlope, calls);
        }
        System.exit(0);
    }

    private static Sample sample(ServiceProbe probe, double minutes, int up) throws Exception {
        ServiceProbe.Live live = probe.live();
        return new Sample(minutes, live.bytes(), up, probe.counters(), live.byClass());
    }

    private static void print(Sample s) {
        System.out.printf(Locale.ROOT, "%7.1f %8d %10.1f MiB %10d %9d %6d%n", s.minutes(), s.callsUp(),
                s.heapBytes() / 1048576.0, s.counters().recordsWritten(), s.counters().writeFailures(),
                s.counters().errors());
    }

    private static void verdict(BenchReport report, List<Sample> samples, ServiceProbe.Counters last, RecordCheck records,
                                SoakCalls load, boolean allEnded, double maxSlope, int calls) {
        double slope = slopeMiBPerMinute(samples.subList(samples.size() / 2, samples.size()));
        long errors = last.errors();
        boolean heapOk = !Double.isNaN(slope) && slope <= maxSlope;
        boolean pass = heapOk && errors == 0 && records.lost() == 0 && records.unknown() == 0 && allEnded;
        report.columns("minute", "calls up", "heap after GC", "records written", "record write failures",
                "invalid / malformed / unreadable", "log errors, HTTP 5xx");
        for (Sample s : samples) {
            ServiceProbe.Counters c = s.counters();
            report.row(String.format(Locale.ROOT, "%.1f", s.minutes()), BenchReport.n(s.callsUp()),
                    String.format(Locale.ROOT, "%.1f MiB", s.heapBytes() / 1048576.0), BenchReport.n(c.recordsWritten()),
                    c.writeFailures(), c.invalidEvents() + " / " + c.malformedFrames() + " / " + c.unreadableFields(),
                    c.logErrors() + ", " + c.http5xx());
        }
        report.note(String.format(Locale.ROOT, "Calls: %,d started, %,d ended by the simulator%s; their records in"
                        + " the database: %,d, **%,d lost**; rows of the node matching no ended call (duplicates): **%,d**;"
                        + " records written by the service during the run: %,d.", load.started(), load.ended().size(),
                allEnded ? "" : " (some still up at the deadline)", records.found(), records.lost(), records.unknown(),
                last.recordsWritten() - samples.getFirst().counters().recordsWritten()));
        List<Sample> half = samples.subList(samples.size() / 2, samples.size());
        long endedInHalf = half.getLast().counters().recordsWritten() - half.getFirst().counters().recordsWritten();
        List<Map.Entry<String, Long>> grown = ServiceProbe.growth(half.getFirst().byClass(), half.getLast().byClass(), 15);
        System.out.printf("live bytes grown over the second half, by class (%,d calls ended meanwhile):%n", endedInHalf);
        grown.forEach(e -> System.out.printf(Locale.ROOT, "  %+,12d  %s%n", e.getValue(), e.getKey()));
        long grownBytes = half.getLast().heapBytes() - half.getFirst().heapBytes();
        report.note(String.format(Locale.ROOT, "Over the second half the live heap changed by %+,.0f bytes per ended call"
                        + " (%,d calls); grew most: %s.", endedInHalf == 0 ? 0 : grownBytes / (double) endedInHalf,
                endedInHalf, String.join(", ", grown.stream().limit(4).map(e -> String.format(Locale.ROOT, "`%s` %+,d B",
                        e.getKey(), e.getValue())).toList())));
        // per call up: the first sample with the calls up, less what the calls ended by then left behind
        Sample first = samples.get(Math.min(1, samples.size() - 1));
        double perEnded = endedInHalf == 0 ? 0 : grownBytes / (double) endedInHalf;
        report.note(String.format(Locale.ROOT, "Live heap after GC: %.1f MiB with no call, %.1f MiB with %,d calls up"
                        + " at %.1f min (≈ %,.0f bytes per call up in the whole service, net of the %,d calls ended by then"
                        + " at the rate above); slope over the second half **%+.2f MiB/min** (bound %.1f). Errors: **%d**.",
                samples.getFirst().heapBytes() / 1048576.0, first.heapBytes() / 1048576.0, first.callsUp(), first.minutes(),
                first.callsUp() == 0 ? 0 : (first.heapBytes() - samples.getFirst().heapBytes()
                        - perEnded * first.counters().recordsWritten()) / first.callsUp(),
                first.counters().recordsWritten(), slope, maxSlope, errors));
        report.note("Verdict: **" + (pass ? "pass" : "FAIL") + "**" + (pass ? "." : failures(heapOk, errors, records,
                allEnded)));
        report.write();
        System.out.println(pass ? "SOAK PASSED" : "SOAK FAILED");
    }

    private static String failures(boolean heapOk, long errors, RecordCheck r, boolean allEnded) {
        List<String> why = new ArrayList<>();
        if (!heapOk) {
            why.add("heap grows");
        }
        if (errors > 0) {
            why.add(errors + " errors");
        }
        if (r.lost() > 0 || r.unknown() > 0) {
            why.add("records lost or duplicated");
        }
        if (!allEnded) {
            why.add("calls did not end");
        }
        return " (" + String.join(", ", why) + ").";
    }

    /** Least-squares slope of heap over time, MiB per minute; NaN with fewer than two samples. */
    static double slopeMiBPerMinute(List<Sample> s) {
        int n = s.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = s.stream().mapToDouble(Sample::minutes).average().orElse(0);
        double my = s.stream().mapToDouble(x -> x.heapBytes() / 1048576.0).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Sample x : s) {
            num += (x.minutes() - mx) * (x.heapBytes() / 1048576.0 - my);
            den += (x.minutes() - mx) * (x.minutes() - mx);
        }
        return den == 0 ? Double.NaN : num / den;
    }

    private SoakDriver() {
    }
}
