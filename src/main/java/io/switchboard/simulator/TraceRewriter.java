package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the calls of a trace into new, distinct calls, so one capture can be replayed many
 * times against the same store. Each {@link #rewrite} maps every channel id, linked id and
 * bridge id to a fresh one, gives every channel ({@code Local/s@inbound-0000000c;1}) a fresh
 * instance suffix wherever its name appears, and prefixes ActionIDs; all else stays as captured.
 * Thread-safe: the id sources are process-wide.
 */
public final class TraceRewriter {

    // <tech>/<resource>-<8 hex>: the instance suffix Asterisk appends to channel names
    private static final Pattern CHANNEL = Pattern.compile("\\b([A-Za-z0-9]+/[^\\s;,|\"<>()]+?-)([0-9a-f]{8})\\b");
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final AtomicLong REWRITES = new AtomicLong();

    /** Returns a rewritten copy; the input is not changed. */
    public List<TimedFrame> rewrite(List<TimedFrame> frames) {
        Mapping mapping = new Mapping("rw" + REWRITES.incrementAndGet() + "-");
        for (TimedFrame tf : frames) {
            mapping.collectIds(tf.frame());
        }
        List<TimedFrame> out = new ArrayList<>(frames.size());
        for (TimedFrame tf : frames) {
            out.add(new TimedFrame(tf.offsetMicros(), mapping.apply(tf.frame())));
        }
        return out;
    }

    static boolean isIdHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("uniqueid") || lower.endsWith("linkedid");
    }

    /** The old-to-new tables of one rewrite. */
    private static final class Mapping {
        private final String actionPrefix;
        private final long nowMicros = AmiTime.nowMicros();
        private final Map<String, String> ids = new HashMap<>();
        private final Map<String, String> bridges = new HashMap<>();
        private final Map<String, String> suffixes = new HashMap<>();

        Mapping(String actionPrefix) {
            this.actionPrefix = actionPrefix;
        }

        /** First pass: bridge ids can appear in CEL extras before their BridgeCreate. */
        void collectIds(AmiFrame frame) {
            for (int i = 0; i < frame.size(); i++) {
                if (isIdHeader(frame.name(i))) {
                    mapId(frame.value(i));
                }
            }
        }

        AmiFrame apply(AmiFrame frame) {
            AmiFrame.Builder b = AmiFrame.builder();
            for (int i = 0; i < frame.size(); i++) {
                String name = frame.name(i);
                String value = frame.value(i);
                if (value.isEmpty()) {
                    b.add(name, value);
                } else if (isIdHeader(name)) {
                    b.add(name, mapId(value));
                } else if (name.equalsIgnoreCase("ActionID")) {
                    b.add(name, actionPrefix + value);
                } else {
                    b.add(name, replaceBridgeIds(replaceChannels(value)));
                }
            }
            return b.build();
        }

        private String mapId(String old) {
            if (old.isEmpty()) {
                return old;
            }
            if (UUID_FORM.matcher(old).matches()) {
                return bridges.computeIfAbsent(old, k -> Ids.bridgeId());
            }
            return ids.computeIfAbsent(old, k -> Ids.uniqueid(nowMicros));
        }

        private String replaceChannels(String value) {
            if (value.indexOf('/') < 0) {
                return value;
            }
            Matcher m = CHANNEL.matcher(value);
            if (!m.find()) {
                return value;
            }
            StringBuilder sb = new StringBuilder(value.length());
            do {
                String fresh = suffixes.computeIfAbsent(m.group(2), k -> Ids.localSuffix());
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + fresh));
            } while (m.find());
            m.appendTail(sb);
            return sb.toString();
        }

        private String replaceBridgeIds(String value) {
            if (bridges.isEmpty() || value.length() < 36 || value.indexOf('-') < 0) {
                return value;
            }
            String out = value;
            for (Map.Entry<String, String> e : bridges.entrySet()) {
                if (out.contains(e.getKey())) {
                    out = out.replace(e.getKey(), e.getValue());
                }
            }
            return out;
        }
    }
}
