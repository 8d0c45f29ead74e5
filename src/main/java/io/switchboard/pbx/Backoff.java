package io.switchboard.pbx;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from {@code min} to {@code max}, each drawn between half and
 * all of the current step so that many collectors don't reconnect in lock-step.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long step;

    public Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.step = minMillis;
    }

    public long nextDelayMillis() {
        long current = step;
        step = Math.min(maxMillis, step * 2);
        return current / 2 + ThreadLocalRandom.current().nextLong(current / 2 + 1);
    }

    public void reset() {
        step = minMillis;
    }
}
