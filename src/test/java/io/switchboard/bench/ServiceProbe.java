package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the soak reads from the running service: live heap after a full GC and per class
 * ({@code jcmd GC.class_histogram}), its error and record counters from {@code /q/metrics}, ERROR
 * lines in its log.
 */
final class ServiceProbe {

    /** Counters since the service started. */
    record Counters(long recordsWritten, long writeFailures, long invalidEvents, long malformedFrames,
                    long unreadableFields, long logErrors, long http5xx) {
        long errors() {
            return writeFailures + invalidEvents + malformedFrames + unreadableFields + logErrors + http5xx;
        }
    }

    /** "   1:   123   4567  java.lang.String (java.base@25)": bytes and class name. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
    /** "Total   123456   7890123". */
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String pid;
    private final Path log;

    ServiceProbe(String base, String pid, String log) {
        if (pid == null || pid.isBlank()) {
            throw new IllegalArgumentException("bench.service.pid is needed to measure the service's heap");
        }
        this.base = base;
        this.pid = pid;
        this.log = log == null || log.isBlank() ? null : Path.of(log);
    }

    void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                metrics();
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(500); // the service is still starting
            }
        }
    }

    /** Live objects right after a full collection: their bytes in all, and per class. */
    record Live(long bytes, Map<String, Long> byClass) {
    }

    /**
     * {@code jcmd GC.class_histogram}: it collects first and counts only live objects, so the
     * figure is the heap after GC without what the service allocated since (a separate
     * {@code GC.heap_info} reads a moment later, after fresh garbage).
     */
    Live live() throws Exception {
        String out = jcmd("GC.class_histogram");
        Map<String, Long> bytes = new HashMap<>();
        Matcher m = HISTOGRAM_ROW.matcher(out);
        while (m.find()) {
            bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
        }
        Matcher total = HISTOGRAM_TOTAL.matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("no total in jcmd GC.class_histogram:\n" + out);
        }
        // G1's fillers of unused space in regions are no objects of the service
        Long fillers = bytes.remove("[Ljdk.internal.vm.FillerElement;");
        return new Live(Long.parseLong(total.group(1)) - (fillers == null ? 0 : fillers), bytes);
    }

    /** The classes that grew most between two histograms, largest first. */
    static List<Map.Entry<String, Long>> growth(Map<String, Long> before, Map<String, Long> after, int top) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top).toList();
    }

    Counters counters() throws Exception {
        String m = metrics();
        return new Counters(sum(m, "switchboard_records_written_total"), sum(m, "switchboard_records_write_failures_total"),
                sum(m, "switchboard_pbx_events_invalid_total"), sum(m, "switchboard_pbx_frames_malformed_total"),
                sum(m, "switchboard_pbx_fields_unreadable_total"), logErrors(),
                sum(m, "http_server_requests_seconds_count", "status=\"5\\d\\d\""));
    }

    private String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(ManagementPort.base(base) + "/q/metrics")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of a counter over its series, or only those whose labels match {@code labelRegex}. */
    static long sum(String metrics, String name, String... labelRegex) {
        Pattern p = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$");
        Matcher m = p.matcher(metrics);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labelRegex.length == 0 || Pattern.compile(labelRegex[0]).matcher(labels).find()) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return (long) total;
    }

    private long logErrors() throws IOException {
        if (log == null || !Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(" ERROR ")).count();
        }
    }

    private String jcmd(String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), pid, command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
