package io.switchboard.bench;

import io.switchboard.security.PasswordHash;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop load on the metrics API of a running service while it ingests calls: requests go
 * out on a fixed schedule whatever the responses do, and latency counts from the scheduled send
 * time, so a stall shows in the percentiles instead of lowering the rate.
 * Args: baseUrl requestsPerSecond seconds [calls/s of the service's simulator, for the figures].
 * Requests authenticate as a supervisor of the default tenant (the simulator's queues' tenant),
 * written into the service's database ({@code bench.db.url}/{@code .user}/{@code .password}).
 */
public final class MetricsApiBench {

    /** Requests in flight at most: like a fleet of this many dashboards with keep-alive connections. */
    private static final int CONNECTIONS = 64;
    private static final String USER = "bench-metrics-sup";
    private static final String PASSWORD = "bench-metrics-pw";
    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static final List<String> PATHS = List.of(
            "/api/v1/metrics/queues?window=today",
            "/api/v1/metrics/queues/support?window=live",
            "/api/v1/metrics/agents",
            "/api/v1/metrics/nodes",
            "/api/v1/metrics/monitor",
            "/api/v1/metrics/queues/support/intervals",
            "/api/v1/metrics/queues?window=1h");

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18090";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String calls = args.length > 3 ? args[3] : "?";
        BenchReport report = new BenchReport("metrics", "scripts/bench metrics " + rate + " " + seconds + " " + calls)
                .columns("load", "ok / errors", "latency p50 / p90 / p99 / max", "ingestion meanwhile", "ingest lag p99");
        // HTTP/1.1 keep-alive, as dashboards and scrapers use; at most CONNECTIONS requests in flight
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        awaitCalls(http, base);
        System.out.printf("warm-up 10 s at %d req/s%n", rate);
        run(http, base, rate, 10);
        long eventsBefore = events(http, base);
        Result r = run(http, base, rate, seconds);
        long eventsAfter = events(http, base);
        System.out.printf("metrics API, open loop %d req/s for %d s, %d endpoints in turn%n", rate, seconds,
                PATHS.size());
        System.out.printf("  sent %d, ok %d, errors %d, achieved %.0f req/s%n", r.sent, r.ok, r.errors,
                r.ok / (double) seconds);
        System.out.printf("  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                r.pct(50), r.pct(90), r.pct(99), r.pct(99.9), r.pct(100));
        System.out.printf("  ingestion meanwhile: %.0f events/s applied (%d events)%n",
                (eventsAfter - eventsBefore) / (double) seconds, eventsAfter - eventsBefore);
        String lag = scrape(http, base, "switchboard_ingest_lag_seconds\\{[^}]*quantile=\"0.99\"[^}]*\\} (\\S+)",
                "ingest lag p99 s");
        System.out.println("  " + lag);
        String lagMs = lag.endsWith("n/a") ? "n/a"
                : String.format(Locale.ROOT, "%.0f ms", Double.parseDouble(lag.substring(lag.lastIndexOf(' ') + 1)) * 1e3);
        report.row(String.format(Locale.ROOT, "**%s req/s** for %d s (%s calls/s)", BenchReport.n(rate), seconds, calls),
                        BenchReport.n(r.ok) + " / " + BenchReport.n(r.errors),
                        String.format(Locale.ROOT, "**%.1f / %.1f / %.1f / %.1f ms**", r.pct(50), r.pct(90), r.pct(99),
                                r.pct(100)),
                        BenchReport.n((eventsAfter - eventsBefore) / (double) seconds) + " events/s", lagMs)
                .note("Service (`-Xmx2g`), its AMI simulator and the load generator on the same machine; 10 s of"
                        + " warm-up before the measured run.")
                .write();
    }

    record Result(long sent, long ok, long errors, long[] latenciesNanos) {
        double pct(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    static Result run(HttpClient http, String base, int rate, int seconds) throws Exception {
        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<HttpRequest> requests = PATHS.stream()
                .map(p -> HttpRequest.newBuilder(URI.create(base + p)).header("Authorization", AUTHORIZATION)
                        .timeout(Duration.ofSeconds(10)).GET().build())
                .toList();
        CompletableFuture<?>[] all = new CompletableFuture<?>[(int) total];
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(CONNECTIONS);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest req = requests.get((int) (i % requests.size()));
            inFlight.acquire(); // a wait here still counts: latency runs from the scheduled time
            all[(int) i] = http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
                inFlight.release();
                latencies.add(System.nanoTime() - due);
                if (err == null && resp.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            });
        }
        CompletableFuture.allOf(all).exceptionally(t -> null).get(60, TimeUnit.SECONDS);
        long[] l = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(l);
        return new Result(total, ok.get(), errors.get(), l);
    }

    /**
     * Waits until the service is up (its migrations made the users table, where the bench's user is
     * then written) and has finished calls, so the metrics have something to sum.
     */
    static void awaitCalls(HttpClient http, String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean seeded = false;
        while (System.nanoTime() < deadline) {
            try {
                seeded = seeded || seedUser();
                String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/metrics/queues/support"))
                        .header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = Pattern.compile("\"offered\":(\\d+)").matcher(body);
                if (m.find() && Long.parseLong(m.group(1)) > 20) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the service is still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no calls reached the service at " + base);
    }

    /** The bench's supervisor, straight into the users table (no API for users); false before the migrations ran. */
    static boolean seedUser() {
        String url = System.getProperty("bench.db.url",
                "jdbc:mysql://127.0.0.1:3306/switchboard_bench?nullDatabaseMeansCurrent=true");
        Properties p = new Properties();
        p.setProperty("user", System.getProperty("bench.db.user", "root"));
        p.setProperty("password", System.getProperty("bench.db.password", ""));
        try (Connection c = new com.mysql.cj.jdbc.Driver().connect(url, p);
             PreparedStatement ps = c.prepareStatement("replace into users (username, password_hash, roles, agent_id, "
                     + "queues, tenant, enabled) values (?, ?, 'supervisor', null, '', 'default', true)")) {
            ps.setString(1, USER);
            ps.setString(2, PasswordHash.hash(PASSWORD));
            ps.executeUpdate();
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    static long events(HttpClient http, String base) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(ManagementPort.base(base) + "/q/metrics")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long sum = 0;
        Matcher m = Pattern.compile("(?m)^switchboard_ingest_events_total\\{[^}]*\\} (\\S+)$").matcher(body);
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    static String scrape(HttpClient http, String base, String regex, String label) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(ManagementPort.base(base) + "/q/metrics")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile(regex).matcher(body);
        return m.find() ? label + " " + m.group(1) : label + " n/a";
    }
}
