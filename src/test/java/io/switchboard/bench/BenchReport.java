package io.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark's figures as a Markdown fragment: the machine line, the command, one table, notes.
 * {@link #write()} prints it and stores it as {@code target/bench/<name>.md}, from which
 * {@link PerformanceDoc} rewrites the bench's section of {@code docs/performance.md}.
 */
final class BenchReport {

    static final Path DIR = Path.of(System.getProperty("bench.out", "target/bench"));

    private final String name;
    private final String command;
    private String loadBefore = loadAverage();
    private final List<String> columns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    BenchReport(String name, String command) {
        this.name = name;
        this.command = command;
    }

    /** The 1-minute load average when the measured part began, when the report is made after it. */
    BenchReport loadBefore(String load) {
        loadBefore = load;
        return this;
    }

    BenchReport columns(String... headers) {
        columns.addAll(Arrays.asList(headers));
        return this;
    }

    BenchReport row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> String.valueOf(c).replace("|", "\\|")).toList());
        return this;
    }

    /** A line under the table (Markdown). */
    BenchReport note(String line) {
        notes.add(line);
        return this;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("Measured ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'"))).append(" on ").append(machine()).append("; load average ")
                .append(loadBefore).append(" before, ").append(loadAverage()).append(" after.\n");
        sb.append("Command: `").append(command).append("`.\n\n");
        sb.append("| ").append(String.join(" | ", columns)).append(" |\n");
        sb.append("|").append("---|".repeat(columns.size())).append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append(n).append('\n'));
        }
        return sb.toString();
    }

    /** Prints the fragment and writes it to {@code target/bench/<name>.md}. */
    void write() {
        String md = markdown();
        System.out.printf("%n---- %s figures (%s) ----%n%s", name, DIR.resolve(name + ".md"), md);
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(name + ".md"), md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cores, CPU model, memory, JDK, OS of this machine. */
    static String machine() {
        long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String cpu = cpuModel();
        return String.format(Locale.ROOT, "%d cores%s, %d GiB, %s JDK %s, %s %s (%s)",
                Runtime.getRuntime().availableProcessors(), cpu.isEmpty() ? "" : " (" + cpu + ")",
                Math.round(bytes / (double) (1L << 30)), vendor(), Runtime.version(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    private static String vendor() {
        String v = System.getProperty("java.vendor", "");
        return v.contains("Adoptium") ? "Temurin" : v;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip().replaceAll("\\s+", " ")).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The 1-minute load average, or n/a off Linux. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** Milliseconds with one decimal from nanoseconds, e.g. {@code 3.9}. */
    static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** A number with thousands separators. */
    static String n(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
