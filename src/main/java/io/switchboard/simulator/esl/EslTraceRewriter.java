package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the calls of a capture into new, distinct calls so one trace can be replayed many times
 * against the same store: every UUID-shaped value (channel, call, job, member, core ids — in any
 * header value or body, also inside dial strings) maps consistently, within one rewrite, to a
 * fresh random UUID. Everything else is left as captured. Thread-safe: each call has its own table.
 */
public final class EslTraceRewriter {

    private static final Pattern UUID_FORM = Pattern.compile(
            "(?<![0-9a-fA-F])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F])");

    private EslTraceRewriter() {
    }

    /** A rewritten copy; the input is not changed. */
    public static List<TimedEslEvent> rewrite(List<TimedEslEvent> events) {
        return rewrite(events, Set.of());
    }

    /**
     * Like {@link #rewrite(List)}, but the given UUIDs stay as they are — e.g. the capture's
     * {@code Core-UUID}, so that back-to-back replays look like one running switch instead of a
     * restart per replay.
     */
    public static List<TimedEslEvent> rewrite(List<TimedEslEvent> events, Set<String> keep) {
        Map<String, String> table = new HashMap<>();
        for (String k : keep) {
            table.put(k.toLowerCase(Locale.ROOT), k);
        }
        List<TimedEslEvent> out = new ArrayList<>(events.size());
        for (TimedEslEvent te : events) {
            out.add(new TimedEslEvent(te.offsetMicros(), rewrite(te.event(), table)));
        }
        return out;
    }

    private static SimEvent rewrite(SimEvent event, Map<String, String> table) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(event.size());
        for (Map.Entry<String, String> h : event.headers()) {
            String value = h.getValue();
            String mapped = replace(value, table);
            headers.add(mapped == value ? h : Map.entry(h.getKey(), mapped));
        }
        String body = event.body() == null ? null : replace(event.body(), table);
        return new SimEvent(headers, body);
    }

    /** Returns the same instance when nothing changed, so untouched headers are not copied. */
    private static String replace(String value, Map<String, String> table) {
        if (value.length() < 36 || value.indexOf('-') < 0) {
            return value;
        }
        Matcher m = UUID_FORM.matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        do {
            String fresh = table.computeIfAbsent(m.group().toLowerCase(Locale.ROOT), k -> randomUuid());
            m.appendReplacement(sb, fresh);
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    /** Version-4 UUID from a non-blocking source: replays create thousands, uniqueness is all we need. */
    static String randomUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
