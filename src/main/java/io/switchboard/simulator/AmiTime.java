package io.switchboard.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** AMI time values: {@code Timestamp: <epoch seconds>.<6 digits>} and CEL/CDR date strings. */
public final class AmiTime {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private AmiTime() {
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Formats like Asterisk's {@code %d.%06d} without the cost of {@code String.format}. */
    public static String format(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        long micros = Math.floorMod(epochMicros, 1_000_000L);
        String frac = Long.toString(micros);
        StringBuilder sb = new StringBuilder(18).append(seconds).append('.');
        for (int i = frac.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }

    /** Parses {@code 1795463906.974238} into epoch microseconds. */
    public static long parse(String timestamp) {
        int dot = timestamp.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(timestamp.trim()) * 1_000_000L;
        }
        long seconds = Long.parseLong(timestamp.substring(0, dot).trim());
        String frac = timestamp.substring(dot + 1).trim();
        if (frac.length() > 6) {
            frac = frac.substring(0, 6);
        }
        long micros = frac.isEmpty() ? 0 : Long.parseLong(frac);
        for (int i = frac.length(); i < 6; i++) {
            micros *= 10;
        }
        return seconds * 1_000_000L + micros;
    }

    /** {@code 2026-11-23 19:58:26} (UTC), as in CEL EventTime and CDR times. */
    static String dateTime(long epochMicros) {
        return DATE_TIME.format(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L)));
    }
}
