package io.switchboard.metrics;

/** One set of {@link Counter} values. Mutable; owned by the engine, copied when published. */
final class Counters {

    private final long[] v = new long[Counter.ALL.length];

    long get(Counter c) {
        return v[c.ordinal()];
    }

    Counters set(Counter c, long value) {
        v[c.ordinal()] = value;
        return this;
    }

    Counters inc(Counter c, long by) {
        if (c == Counter.WAIT_MAX_MS) {
            v[c.ordinal()] = Math.max(v[c.ordinal()], by);
        } else {
            v[c.ordinal()] += by;
        }
        return this;
    }

    void add(Counters o) {
        for (Counter c : Counter.ALL) {
            inc(c, o.v[c.ordinal()]);
        }
    }

    /**
     * Takes back a contribution. A maximum cannot be taken back; it is kept, which only matters
     * if a call's final wait were shorter than its provisional one, and it never is.
     */
    void subtract(Counters o) {
        for (Counter c : Counter.ALL) {
            if (c != Counter.WAIT_MAX_MS) {
                v[c.ordinal()] -= o.v[c.ordinal()];
            }
        }
    }

    Counters copy() {
        Counters c = new Counters();
        System.arraycopy(v, 0, c.v, 0, v.length);
        return c;
    }

    boolean isZero() {
        for (long x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
