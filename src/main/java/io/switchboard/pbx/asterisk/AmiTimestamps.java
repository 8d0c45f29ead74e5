package io.switchboard.pbx.asterisk;

import java.time.DateTimeException;
import java.time.Instant;

/** Parses AMI {@code Timestamp: 1795463906.974238} without going through a double. */
final class AmiTimestamps {

    private AmiTimestamps() {
    }

    /** The instant, or {@code fallback} when absent or unparseable. */
    static Instant parse(String value, Instant fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int dot = value.indexOf('.');
            if (dot < 0) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            long seconds = Long.parseLong(value, 0, dot, 10);
            String frac = value.substring(dot + 1);
            if (frac.length() > 9) {
                frac = frac.substring(0, 9);
            }
            long nanos = frac.isEmpty() ? 0 : Long.parseLong(frac) * pow10(9 - frac.length());
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            // a number past Instant's range is as unreadable as text: it must not cost the event
            return fallback;
        }
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }
}
