package io.switchboard.bench;

import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.FastAgiClient;
import io.switchboard.simulator.SimulatorSettings;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Routing decisions over FastAGI against a running service (scripts/bench routing).
 *
 * <p>Plays Asterisk: each call opens its own connection to the service's FastAGI server, sends
 * the {@code agi_*} environment Asterisk 22 sends for {@code AGI(agi://host:port/route,${CUSTOMER_ID},
 * ${CALL_TYPE})} and answers every command as res_agi does (GET VARIABLE from the call's
 * variables). Calls start on a fixed schedule (open loop), each on its own virtual thread.
 * Latency: AGI() starts (just before the connect) → the {@code SET VARIABLE ROUTE} line read,
 * so it includes the connect, the request, the server's GET VARIABLEs and the decision. A call whose conversation ends
 * without ROUTE is a fallback (the dialplan would send it to its default queue). The service's
 * only PBX node is the AMI simulator in this JVM, so it runs as it does in production.
 * Args: agi-port ami-port calls/s seconds [warm-up seconds].
 */
public final class AgiRoutingBench {

    public static void main(String[] args) throws Exception {
        int agiPort = Integer.parseInt(args[0]);
        int amiPort = Integer.parseInt(args[1]);
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        try (AmiSimulator sim = new AmiSimulator(new SimulatorSettings("127.0.0.1", amiPort, "switchboard",
                System.getProperty("bench.ami.secret", "bench-secret"))).start()) {
            if (!sim.awaitEventClients(1, Duration.ofSeconds(60))) {
                throw new IllegalStateException("the service did not log in to the AMI simulator on " + amiPort);
            }
            System.out.printf("machine: %d cores, JDK %s; load average before: %s%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", agiPort);
            System.out.printf("warm-up: %d s at %d calls/s%n", warmup, rate);
            run(server, rate, warmup, "W");
            String loadBefore = BenchReport.loadAverage();
            Result r = run(server, rate, seconds, "M");
            System.out.printf("load average after: %s%n", loadAverage());
            r.print(rate, seconds);
            r.report(rate, seconds, warmup).loadBefore(loadBefore).write();
        }
    }

    /** One phase: calls started at {@code rate} per second for {@code seconds}, all waited for. */
    private static Result run(InetSocketAddress server, int rate, int seconds, String tag) throws InterruptedException {
        Result result = new Result();
        long total = (long) rate * seconds;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long n = i;
                calls.execute(() -> result.add(call(server, tag + n)));
            }
            calls.shutdown();
            calls.awaitTermination(60, TimeUnit.SECONDS);
        }
        result.wallNanos = System.nanoTime() - start;
        return result;
    }

    /** Nanoseconds from request to ROUTE, or -1 for a fallback, -2 when the server was unreachable. */
    private static long call(InetSocketAddress server, String id) {
        long[] sent = {0};
        long[] routed = {-1};
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("CHANNEL(linkedid)", "1795470000." + id);
        Map<String, String> env = environment(id);
        FastAgiClient.Channel channel = new FastAgiClient.Channel() {
            @Override
            public String variable(String name) {
                return vars.get(name);
            }

            @Override
            public void set(String name, String value) {
                vars.put(name, value);
            }

            @Override
            public void executing(int commandId, String command) {
                if (routed[0] < 0 && command.startsWith("SET VARIABLE \"ROUTE\"")) {
                    routed[0] = System.nanoTime();
                }
            }
        };
        sent[0] = System.nanoTime();
        FastAgiClient.Result r = FastAgiClient.run(server, env, channel, Duration.ofSeconds(10));
        if ("FAILURE".equals(r.status()) && r.commands().isEmpty()) {
            return -2;
        }
        return routed[0] < 0 ? -1 : routed[0] - sent[0];
    }

    private static Map<String, String> environment(String id) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("agi_network", "yes");
        env.put("agi_network_script", "route");
        env.put("agi_request", "agi://127.0.0.1/route");
        env.put("agi_channel", "PJSIP/trunk-" + id);
        env.put("agi_language", "en");
        env.put("agi_type", "PJSIP");
        env.put("agi_uniqueid", "1795470000." + id);
        env.put("agi_version", "22.5.2");
        env.put("agi_callerid", "+1555" + Math.abs(id.hashCode() % 1_000_000));
        env.put("agi_calleridname", "Bench " + id);
        env.put("agi_callingpres", "0");
        env.put("agi_callingani2", "0");
        env.put("agi_callington", "0");
        env.put("agi_callingtns", "0");
        env.put("agi_dnid", "800100");
        env.put("agi_rdnis", "unknown");
        env.put("agi_context", "agi-route");
        env.put("agi_extension", "s");
        env.put("agi_priority", "7");
        env.put("agi_enhanced", "0.0");
        env.put("agi_accountcode", "");
        env.put("agi_threadid", "1");
        env.put("agi_arg_1", "C-" + Math.abs(id.hashCode() % 5_000));
        env.put("agi_arg_2", "support");
        return env;
    }

    private static final class Result {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong fallbacks = new AtomicLong();
        final AtomicLong unreachable = new AtomicLong();
        long wallNanos;

        void add(long nanos) {
            if (nanos == -1) {
                fallbacks.incrementAndGet();
            } else if (nanos == -2) {
                unreachable.incrementAndGet();
            } else {
                latencies.add(nanos);
            }
        }

        void print(int rate, int seconds) {
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long calls = l.length + fallbacks.get() + unreachable.get();
            System.out.printf(Locale.ROOT, "measured: %d s at %d calls/s: %d calls in %.1f s (%.1f calls/s)%n",
                    seconds, rate, calls, wallNanos / 1e9, calls / (wallNanos / 1e9));
            System.out.printf(Locale.ROOT, "request -> ROUTE: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d routed)%n",
                    pct(l, 0.50), pct(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1e6, l.length);
            System.out.printf("fallbacks (no ROUTE): %d, unreachable: %d%n", fallbacks.get(), unreachable.get());
        }

        BenchReport report(int rate, int seconds, int warmup) {
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new BenchReport("routing", "scripts/bench routing " + rate + " " + seconds)
                    .columns("offered", "routed", "fallbacks (no ROUTE within 50 ms)", "unreachable",
                            "AGI request → ROUTE p50", "p99", "max")
                    .row(String.format(Locale.ROOT, "%d calls/s for %d s", rate, seconds), BenchReport.n(l.length),
                            "**" + fallbacks.get() + "**", unreachable.get(),
                            String.format(Locale.ROOT, "**%.2f ms**", pct(l, 0.50)),
                            String.format(Locale.ROOT, "**%.2f ms**", pct(l, 0.99)),
                            String.format(Locale.ROOT, "%.1f ms", l.length == 0 ? 0 : l[l.length - 1] / 1e6))
                    .note("After " + warmup + " s of warm-up; service, AMI simulator and load generator on the same"
                            + " machine.");
        }

        private static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", Arrays.copyOf(f, 3));
        } catch (Exception e) {
            return "n/a";
        }
    }
}
