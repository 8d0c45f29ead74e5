package io.switchboard.screenpop;

import java.time.Duration;
import java.time.Instant;

/** Conversions shared by the screen-pop's table readers. */
final class Jdbc {

    private Jdbc() {
    }

    /** JDBC query timeouts are whole seconds; a deadline below one second still gets one. */
    static int timeoutSeconds(Duration deadline) {
        return (int) Math.max(1, (deadline.toMillis() + 999) / 1000);
    }

    /** Times in this schema are microseconds since the epoch. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
