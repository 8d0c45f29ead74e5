package io.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.pbx.freeswitch.EslRouteListener;
import io.switchboard.routing.LeastLoadedQueueStrategy;
import io.switchboard.routing.LoadSnapshot;
import io.switchboard.routing.NodeGroups;
import io.switchboard.routing.PolicyEngine;
import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteRequest;
import io.switchboard.routing.RoutingContext;
import io.switchboard.routing.RoutingPolicy;
import io.switchboard.routing.RoutingStrategy;
import io.switchboard.routing.SkillsStrategy;
import io.switchboard.routing.TimeOfDayStrategy;
import io.switchboard.routing.VipStrategy;
import io.switchboard.screenpop.QueueTenants;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routing decisions over the outbound event socket, the way FreeSWITCH asks for them: one TCP
 * connection per call at a steady rate, each answering {@code connect} with the captured channel
 * data (fresh uuids), then {@code resume}, the {@code uuid_setvar}s, {@code exit}. Measures from
 * the channel data written to the {@code switchboard_route} setvar read, and counts fallbacks
 * (an {@code exit} without a route). The server is {@link EslRouteListener} with the shipped
 * policy and strategies, in this JVM; the customer lookup and the database are not part of it.
 * Usage: {@code scripts/bench routing-esl [decisions/s] [seconds]}.
 */
public final class SocketRoutingBench {

    private static final int WARMUP_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        byte[] template = Files.readAllBytes(Path.of("src/test/resources/freeswitch/socket-connect-reply.esl"));

        Map<String, RoutingStrategy> strategies = new TreeMap<>();
        for (RoutingStrategy s : List.of(new VipStrategy(), new SkillsStrategy(), new LeastLoadedQueueStrategy(),
                new TimeOfDayStrategy())) {
            strategies.put(s.name(), s);
        }
        RoutingPolicy policy;
        try (InputStream in = SocketRoutingBench.class.getResourceAsStream("/routing-policy.json")) {
            policy = new ObjectMapper().findAndRegisterModules().readValue(in, RoutingPolicy.class);
        }
        PolicyEngine engine = new PolicyEngine(strategies, QueueTenants.single("default"), "queues");
        NodeGroups groups = new NodeGroups();
        ExecutorService deciders = Executors.newVirtualThreadPerTaskExecutor();
        AtomicLong fallbacks = new AtomicLong();
        EslRouteListener.Router router = new EslRouteListener.Router() {
            @Override
            public CompletableFuture<RouteDecision> route(RouteRequest r) {
                // as EslRoutingServer: the decision on a virtual thread of its own
                return CompletableFuture.supplyAsync(() -> engine.decide(r, policy, new RoutingContext("default",
                        null, LoadSnapshot.empty(Instant.now()), List.of(), groups, Clock.systemUTC()), t -> 0),
                        deciders);
            }

            @Override
            public void fallback(RouteRequest r, String reason) {
                fallbacks.incrementAndGet();
            }
        };
        EslRouteListener server = new EslRouteListener(new EslRouteListener.Settings("127.0.0.1", 0,
                Duration.ofMillis(50), "switchboard_route", Duration.ofSeconds(5), Map.of("fs1", "127.0.0.1"),
                List.of("CUSTOMER_ID", "CALL_TYPE")), router, o -> { }).start();

        System.out.printf("routing over the outbound event socket: %.0f decisions/s, %d s (after %d s warm-up)%n",
                rate, seconds, WARMUP_SECONDS);
        run(server.port(), template, rate, WARMUP_SECONDS, null);
        String loadBefore = BenchReport.loadAverage();
        fallbacks.set(0);
        Result r = new Result();
        long started = System.nanoTime();
        run(server.port(), template, rate, seconds, r);
        double wall = (System.nanoTime() - started) / 1e9;
        long[] lat = r.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("sessions %d (%.1f/s), routed %d, fallbacks %d (server) / %d (client), failed %d%n",
                r.sessions.get(), r.sessions.get() / wall, lat.length, fallbacks.get(), r.fallbacks.get(),
                r.failed.get());
        if (lat.length > 0) {
            System.out.printf("connect->route-set latency ms: p50 %.2f  p99 %.2f  max %.2f%n", pct(lat, 0.50),
                    pct(lat, 0.99), lat[lat.length - 1] / 1e6);
        }
        System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        new BenchReport("routing-esl", "scripts/bench routing-esl " + (long) rate + " " + seconds).loadBefore(loadBefore)
                .columns("offered", "sessions", "routed", "fallbacks", "connect → route-set p50 / p99 / max")
                .row(String.format(Locale.ROOT, "%.0f decisions/s for %d s", rate, seconds),
                        String.format(Locale.ROOT, "%,d (%.1f/s)", r.sessions.get(), r.sessions.get() / wall),
                        BenchReport.n(lat.length), "**" + BenchReport.n(fallbacks.get() + r.fallbacks.get()) + "**",
                        lat.length == 0 ? "no samples" : String.format(Locale.ROOT, "**%.2f / %.2f / %.1f ms**",
                                pct(lat, 0.50), pct(lat, 0.99), lat[lat.length - 1] / 1e6))
                .note(String.format(Locale.ROOT, "%d s of warm-up not counted; %d sessions failed (I/O).",
                        WARMUP_SECONDS, r.failed.get()))
                .write();
        server.close();
        deciders.shutdownNow();
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** What the calls of one run saw. */
    private static final class Result {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong sessions = new AtomicLong();
        final AtomicLong fallbacks = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
    }

    /** Starts one call every 1/rate s for {@code seconds}, each on a virtual thread; waits for them all. */
    private static void run(int port, byte[] template, double rate, int seconds, Result r) throws Exception {
        long interval = (long) (1e9 / rate);
        long total = (long) (rate * seconds);
        long t0 = System.nanoTime();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = t0 + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                calls.execute(() -> call(port, template, r));
            }
        }
    }

    private static void call(int port, byte[] template, Result r) {
        String channel = UUID.randomUUID().toString();
        byte[] reply = new String(template, StandardCharsets.UTF_8)
                .replace("507a649c-2b9c-4a48-9fad-007a14a7b640", channel)
                .replace("edfa8842-8cf1-4c00-aadb-575d2150d93a", UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8);
        String routeSet = "api uuid_setvar " + channel + " switchboard_route ";
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            long sent = 0;
            boolean routed = false;
            String c;
            while ((c = command(in)) != null) {
                if (c.equals("connect")) {
                    out.write(reply);
                    sent = System.nanoTime();
                } else if (c.startsWith("api ")) {
                    if (c.startsWith(routeSet) && r != null) {
                        r.latencies.add(System.nanoTime() - sent);
                        routed = true;
                    }
                    out.write("Content-Type: api/response\nContent-Length: 4\n\n+OK\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(("Content-Type: command/reply\nReply-Text: " + (c.equals("exit") ? "+OK bye" : "+OK")
                            + "\n\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                if (c.equals("exit")) {
                    break;
                }
            }
            if (r != null) {
                r.sessions.incrementAndGet();
                if (!routed) {
                    r.fallbacks.incrementAndGet();
                }
            }
        } catch (IOException e) {
            if (r != null) {
                r.failed.incrementAndGet();
            }
        }
    }

    /** The first line of the next command block, or null at end of stream. */
    private static String command(InputStream in) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream(128);
        int prev = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && prev == '\n') {
                return block.toString(StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
            }
            block.write(b);
            prev = b;
        }
        return null;
    }

    private SocketRoutingBench() {
    }
}
