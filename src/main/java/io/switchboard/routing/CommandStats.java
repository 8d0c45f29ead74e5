package io.switchboard.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * PBX command latency and failures of one node over a sliding window, recorded without locks
 * because every PBX command of the node passes through {@link #record}.
 *
 * <p>The window is cut into {@link #SLOTS} time slots; a slot whose period has passed is replaced
 * (compare-and-set) by a fresh one by the first command of a new period, so old figures drop out
 * slot by slot. Latencies go into a log-linear histogram (8 steps per power of two), so the p99 is
 * exact to within one step (12.5 %) whatever the number of commands.
 */
public final class CommandStats {

    /** Time slots per window: the window moves on in steps of window / SLOTS. */
    static final int SLOTS = 20;
    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    /** Microsecond latencies up to 2^40 us (12 days); anything longer lands in the last step. */
    private static final int STEPS = (41 - SUB_BITS) * SUB + SUB;

    /** What the window holds now. */
    public record Figures(long commands, long failed, double p99Ms) {
        public static final Figures NONE = new Figures(0, 0, 0);

        public double errorRate() {
            return commands == 0 ? 0 : (double) failed / commands;
        }
    }

    private static final class Slot {
        final long period;
        final LongAdder commands = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicLongArray latency = new AtomicLongArray(STEPS);

        Slot(long period) {
            this.period = period;
        }
    }

    private final Clock clock;
    private final long slotMillis;
    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    public CommandStats(Duration window, Clock clock) {
        this.clock = clock;
        this.slotMillis = Math.max(1, window.toMillis() / SLOTS);
    }

    public void record(long nanos, boolean failed) {
        Slot s = slot(clock.millis() / slotMillis);
        if (s == null) {
            return; // the clock went back past a newer slot: too stale to count
        }
        s.commands.increment();
        if (failed) {
            s.failed.increment();
        }
        s.latency.incrementAndGet(step(Math.max(0, nanos) / 1_000));
    }

    private Slot slot(long period) {
        int i = (int) Math.floorMod(period, (long) SLOTS);
        while (true) {
            Slot s = slots.get(i);
            if (s != null && s.period == period) {
                return s;
            }
            if (s != null && s.period > period) {
                return null;
            }
            Slot fresh = new Slot(period);
            if (slots.compareAndSet(i, s, fresh)) {
                return fresh;
            }
            // another command replaced it first: use theirs
        }
    }

    public Figures figures() {
        long now = clock.millis() / slotMillis;
        long commands = 0;
        long failed = 0;
        long[] hist = new long[STEPS];
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots.get(i);
            if (s == null || s.period <= now - SLOTS || s.period > now) {
                continue;
            }
            commands += s.commands.sum();
            failed += s.failed.sum();
            for (int b = 0; b < STEPS; b++) {
                hist[b] += s.latency.get(b);
            }
        }
        if (commands == 0) {
            return Figures.NONE;
        }
        long total = 0;
        for (long n : hist) {
            total += n;
        }
        // the sample at rank ceil(0.99 n): the command slower than 99 % of the others
        long rank = Math.max(1, (long) Math.ceil(total * 0.99));
        long seen = 0;
        for (int b = 0; b < STEPS; b++) {
            seen += hist[b];
            if (seen >= rank) {
                return new Figures(commands, failed, upperMicros(b) / 1000.0);
            }
        }
        return new Figures(commands, failed, upperMicros(STEPS - 1) / 1000.0);
    }

    /** Histogram step of a latency: exact below 8 us, then 8 steps per power of two. */
    static int step(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int msb = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) (micros >>> (msb - SUB_BITS)) & (SUB - 1);
        return Math.min(STEPS - 1, (msb - SUB_BITS + 1) * SUB + sub);
    }

    /** The largest latency that falls in {@code step}. */
    static long upperMicros(int step) {
        if (step < SUB) {
            return step;
        }
        int msb = step / SUB + SUB_BITS - 1;
        int sub = step % SUB;
        long low = (1L << msb) | ((long) sub << (msb - SUB_BITS));
        return low + (1L << (msb - SUB_BITS)) - 1;
    }
}
