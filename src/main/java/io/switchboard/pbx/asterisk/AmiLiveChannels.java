package io.switchboard.pbx.asterisk;

import io.switchboard.calls.LiveChannel;
import io.switchboard.pbx.asterisk.ami.AmiFrame;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code CoreShowChannel} (the events answering the {@code CoreShowChannels} action, Asterisk 22)
 * → {@link LiveChannel}, field by field (docs/events.md, "Live snapshot"). Stateless.
 */
final class AmiLiveChannels {

    /** ChannelState 6 is Up (answered); ChannelStateDesc says the same in words. */
    private static final String UP = "6";

    private AmiLiveChannels() {
    }

    /** The channel, or null when the event lacks the one field a channel cannot do without (Uniqueid). */
    static LiveChannel of(AmiFrame f, Instant takenAt) {
        String uniqueid = blankToNull(f.get("Uniqueid"));
        if (uniqueid == null) {
            return null;
        }
        String linkedid = blankToNull(f.get("Linkedid"));
        Duration age = duration(f.get("Duration"));
        return new LiveChannel(uniqueid, linkedid != null ? linkedid : uniqueid, blankToNull(f.get("Channel")),
                age == null ? null : takenAt.minus(age),
                UP.equals(f.get("ChannelState")) || "Up".equalsIgnoreCase(f.get("ChannelStateDesc")),
                false, blankToNull(f.get("BridgeId")), callerId(f.get("CallerIDNum")), callerId(f.get("CallerIDName")),
                blankToNull(f.get("Context")), blankToNull(f.get("Exten")), blankToNull(f.get("Application")),
                blankToNull(f.get("ApplicationData")));
    }

    /** {@code HH:MM:SS} (hours may exceed 24); null when unreadable. */
    static Duration duration(String v) {
        if (v == null) {
            return null;
        }
        String[] p = v.strip().split(":");
        if (p.length != 3) {
            return null;
        }
        try {
            long h = Long.parseLong(p[0]);
            long m = Long.parseLong(p[1]);
            long s = Long.parseLong(p[2]);
            return h < 0 || m < 0 || s < 0 ? null : Duration.ofSeconds(h * 3600 + m * 60 + s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String callerId(String v) {
        return v == null || v.isEmpty() || "<unknown>".equals(v) ? null : v;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
