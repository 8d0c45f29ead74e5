package io.switchboard.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The intervals a request covers, [fromUs, toUs) on 15-minute bounds. Named windows:
 * {@code live} the interval in progress, {@code 15m} the last complete interval, {@code 1h} the
 * last four complete intervals, {@code today} local midnight up to now; or explicit
 * {@code from}/{@code to}, widened to whole intervals.
 */
public record MetricsWindow(String name, long fromUs, long toUs) {

    static final Duration MAX_RANGE = Duration.ofDays(92);

    public Instant from() {
        return Intervals.instant(fromUs);
    }

    public Instant to() {
        return Intervals.instant(toUs);
    }

    /** @throws IllegalArgumentException with a message fit for the caller */
    public static MetricsWindow parse(String window, String from, String to, Instant now, ZoneId zone) {
        if (from != null || to != null) {
            if (window != null) {
                throw new IllegalArgumentException("give either window or from/to, not both");
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("from and to go together");
            }
            Instant f = instant("from", from);
            Instant t = instant("to", to);
            if (!t.isAfter(f)) {
                throw new IllegalArgumentException("to must be after from");
            }
            if (Duration.between(f, t).compareTo(MAX_RANGE) > 0) {
                throw new IllegalArgumentException("a range may span at most " + MAX_RANGE.toDays() + " days");
            }
            return new MetricsWindow("range", Intervals.of(f), Intervals.ceil(t));
        }
        long current = Intervals.of(now);
        long len = Intervals.LENGTH_US;
        String w = window == null ? "today" : window;
        return switch (w) {
            case "live" -> new MetricsWindow(w, current, current + len);
            case "15m" -> new MetricsWindow(w, current - len, current);
            case "1h" -> new MetricsWindow(w, current - 4 * len, current);
            case "today" -> new MetricsWindow(w, Intervals.of(startOfDay(now, zone)), current + len);
            default -> throw new IllegalArgumentException("window must be one of live, 15m, 1h, today");
        };
    }

    static Instant startOfDay(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
        }
    }
}
