package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.TranslationStats;

import java.time.Instant;
import java.util.Map;

/**
 * The numbers that only refine an ESL event (timestamps, Q.850 code, callcenter times). One that is
 * present but unreadable becomes unknown and is counted as unreadable: it never costs the event.
 */
final class EslNumbers {

    private final TranslationStats stats;

    EslNumbers(TranslationStats stats) {
        this.stats = stats;
    }

    /** Event-Date-Timestamp (µs since the epoch); {@code fallback} when absent or unreadable. */
    Instant micros(String v, Instant fallback) {
        long us = number(v);
        return us < 0 ? fallback : Instant.ofEpochSecond(us / 1_000_000L, (us % 1_000_000L) * 1_000L);
    }

    /** The Q.850 code, else the cause name mapped, else 0 (unknown). */
    int q850(Map<String, String> h) {
        long q = number(h.get("variable_hangup_cause_q850"));
        return q >= 0 && q <= Integer.MAX_VALUE ? (int) q : HangupCauses.q850(h.get("Hangup-Cause"));
    }

    /** A callcenter epoch-seconds header, or -1 (unknown) when absent or unreadable. */
    long epochSeconds(Map<String, String> h, String name) {
        return number(h.get(name));
    }

    /** Seconds from one epoch time to another; 0 (unknown) when either is unknown (negative). */
    static int span(long from, long to) {
        return from < 0 || to < 0 ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, to - from));
    }

    /** A non-negative number, or -1 when absent, or when unreadable (counted). */
    private long number(String v) {
        if (v == null || v.isEmpty()) {
            return -1;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // counted below
        }
        stats.unreadable();
        return -1;
    }
}
