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
        if (n == 0) {
            return "no samples";
        }
        long[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        return String.format("p50 %s  p99 %s  max %s  (n=%d)", ms(v[(int) (n * 0.50)]), ms(v[Math.min(n - 1, (int) (n * 0.99))]),
                ms(v[n - 1]), n);
    }

    private static String ms(long micros) {
        return micros >= 10_000_000 ? String.format("%.1f s", micros / 1e6) : String.format("%.1f ms", micros / 1e3);
    }
}
