package io.switchboard.simulator.esl;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FreeSWITCH time values: {@code Event-Date-Timestamp} in epoch microseconds, {@code Event-Date-GMT}
 * in RFC 822 form, {@code Event-Date-Local} and {@code variable_*_stamp} as local date-time. The
 * simulated switch runs on UTC (like the capture host), so "local" equals GMT.
 */
final class EslTime {

    private static final DateTimeFormatter GMT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);
    private static final long DAY_MICROS = 86_400_000_000L;

    private EslTime() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static String gmt(long epochMicros) {
        return GMT.format(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L)));
    }

    static String local(long epochMicros) {
        return LOCAL.format(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L)));
    }

    /** A copy whose three {@code Event-Date-*} headers say {@code epochMicros}. */
    static SimEvent stamped(SimEvent event, long epochMicros) {
        List<Map.Entry<String, String>> out = new ArrayList<>(event.headers());
        for (int i = 0; i < out.size(); i++) {
            String name = out.get(i).getKey();
            String value = switch (name) {
                case "Event-Date-Timestamp" -> Long.toString(epochMicros);
                case "Event-Date-GMT" -> gmt(epochMicros);
                case "Event-Date-Local" -> local(epochMicros);
                default -> null;
            };
            if (value != null) {
                out.set(i, Map.entry(name, value));
            }
        }
        return new SimEvent(out, event.body());
    }

    /**
     * Moves every time in the event by {@code deltaMicros}: the {@code Event-Date-*} headers and
     * all values that look like a time near the event's own — epoch microseconds
     * ({@code Caller-Channel-Answered-Time}, {@code variable_answer_uepoch}), epoch seconds
     * ({@code CC-Member-Joined-Time}, {@code variable_answer_epoch}) or local date-times
     * ({@code variable_answer_stamp}) — so that durations a consumer derives from any of them
     * survive the replay. Zero ("never happened") stays zero. Date-times have second resolution
     * and may land one second off.
     */
    static SimEvent shifted(SimEvent event, long deltaMicros) {
        Long own = EslTrace.timestampMicros(event);
        if (own == null || deltaMicros == 0) {
            return event;
        }
        long ownSeconds = own / 1_000_000L;
        List<Map.Entry<String, String>> out = new ArrayList<>(event.headers());
        for (int i = 0; i < out.size(); i++) {
            Map.Entry<String, String> h = out.get(i);
            String moved = move(h.getValue(), own, ownSeconds, deltaMicros);
            if (moved != null) {
                out.set(i, Map.entry(h.getKey(), moved));
            }
        }
        SimEvent result = new SimEvent(out, event.body());
        return stamped(result, own + deltaMicros);
    }

    private static String move(String v, long ownMicros, long ownSeconds, long delta) {
        int len = v.length();
        if (len == 16 && allDigits(v)) {
            long t = Long.parseLong(v);
            return Math.abs(t - ownMicros) <= DAY_MICROS ? Long.toString(t + delta) : null;
        }
        if (len == 10 && allDigits(v)) {
            long t = Long.parseLong(v);
            return Math.abs(t - ownSeconds) <= 86_400 ? Long.toString(Math.floorDiv(t * 1_000_000L + delta, 1_000_000L))
                    : null;
        }
        if (len == 19 && v.charAt(4) == '-' && v.charAt(10) == ' ' && v.charAt(13) == ':') {
            try {
                long t = LocalDateTime.parse(v, LOCAL).toEpochSecond(ZoneOffset.UTC);
                return Math.abs(t - ownSeconds) <= 86_400 ? local(t * 1_000_000L + delta) : null;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean allDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
