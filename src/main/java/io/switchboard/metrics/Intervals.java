package io.switchboard.metrics;

import java.time.Duration;
import java.time.Instant;

/** The 15-minute intervals buckets are kept in, as epoch microseconds of their start. */
final class Intervals {

    static final Duration LENGTH = Duration.ofMinutes(15);
    static final long LENGTH_US = LENGTH.toNanos() / 1_000;

    private Intervals() {
    }

    static long of(Instant t) {
        long us = Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000;
        return Math.floorDiv(us, LENGTH_US) * LENGTH_US;
    }

    static long ceil(Instant t) {
        long start = of(t);
        return start == toMicros(t) ? start : start + LENGTH_US;
    }

    static long toMicros(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000;
    }

    static Instant instant(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    }
}
