package io.switchboard.bench;

import java.util.Arrays;

/** Collects latencies (µs) from one thread and summarizes them. */
final class LagRecorder {
    private long[] values = new long[1 << 16];
    private int n;
    private volatile long windowStart = Long.MIN_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    /** Only events that happened (wire time, µs since the epoch) inside the window are kept. */
    void window(long startMicros, long endMicros) {
        windowStart = startMicros;
        windowEnd = endMicros;
    }

    void add(long micros, long eventMicros) {
        if (eventMicros >= windowStart && eventMicros < windowEnd) {
            add(micros);
        }
    }

    void add(long micros) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = micros;
    }

    int count() {
        return n;
    }

    String summary() {
        long[] v = sorted();
        int k = v.length;
        if (k == 0) {
            return "no samples";
        }
        return String.format("p50 %s  p99 %s  max %s  (n=%d)", ms(v[k / 2]), ms(at99(v)), ms(v[k - 1]), k);
    }

    /** "p50 / p99 / max ms" for a figure table, e.g. {@code 0.3 / 3.9 / 12.8 ms}. */
    String triple() {
        long[] v = sorted();
        if (v.length == 0) {
            return "no samples";
        }
        return String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.1f ms", v[v.length / 2] / 1e3, at99(v) / 1e3,
                v[v.length - 1] / 1e3);
    }

    /** The p99 for a figure table, e.g. {@code 4.4 ms}. */
    String p99() {
        long[] v = sorted();
        return v.length == 0 ? "no samples" : String.format(java.util.Locale.ROOT, "%.1f ms", at99(v) / 1e3);
    }

    /** The p99 in µs, or -1 without samples. */
    long p99Micros() {
        long[] v = sorted();
        return v.length == 0 ? -1 : at99(v);
    }

    private static long at99(long[] sorted) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))];
    }

    /** A sorted copy of the samples so far (a client that fell behind may still be adding). */
    private long[] sorted() {
        long[] v;
        synchronized (this) {
            v = Arrays.copyOf(values, n);
        }
        Arrays.sort(v);
        return v;
    }

    private static String ms(long micros) {
        return micros >= 10_000_000 ? String.format("%.1f s", micros / 1e6) : String.format("%.1f ms", micros / 1e3);
    }
}
