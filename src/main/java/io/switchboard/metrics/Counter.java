package io.switchboard.metrics;

import java.util.Locale;

/**
 * The additive counters kept per interval and dimension; the column of each in
 * {@code metric_intervals} is its lower-case name. {@link #WAIT_MAX_MS} combines by maximum.
 */
enum Counter {
    OFFERED, ANSWERED, ANSWERED_IN_SL, ABANDONED, SHORT_ABANDONED, TIMEOUTS, FAILED, RING_NO_ANSWER,
    TRANSFERRED, FCR_ELIGIBLE, FCR_REPEAT, WAITED, WAIT_MS, WAIT_MAX_MS, ANSWER_WAIT_MS, TALK_MS, HOLD_MS,
    WRAP_UP_MS, CALLS, STAFFED_MS, BUSY_MS;

    static final Counter[] ALL = values();

    /** Counters derived from call records, recomputed from them after a restart. */
    boolean fromCalls() {
        return this != STAFFED_MS && this != BUSY_MS;
    }

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
