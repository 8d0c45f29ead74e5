package io.switchboard.pbx.asterisk.ami;

import io.switchboard.pbx.PbxText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One AMI message (event, response or action): ordered headers, duplicates kept
 * (Asterisk repeats {@code ChanVariable} and {@code Variable} headers).
 * Header lookup is case-insensitive because Asterisk is not consistent
 * ({@code Uniqueid} on channel events, {@code UniqueID} on CEL and Cdr).
 */
public final class AmiFrame {

    private final List<String> names;
    private final List<String> values;

    private AmiFrame(List<String> names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a frame from name/value pairs: {@code of("Action", "Ping", "ActionID", "1")}. */
    public static AmiFrame of(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        Builder b = builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.add(pairs[i], pairs[i + 1]);
        }
        return b.build();
    }

    /** First value of the header, or {@code null}. */
    public String get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    public String getOrDefault(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** {@code Event} header value, or {@code null} for responses and actions. */
    public String eventName() {
        return names.isEmpty() || !names.get(0).equalsIgnoreCase("Event") ? get("Event") : values.get(0);
    }

    public boolean isEvent() {
        return eventName() != null;
    }

    public boolean isResponse() {
        return has("Response");
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(Map.entry(names.get(i), values.get(i)));
        }
        return Collections.unmodifiableList(out);
    }

    /** A copy with every value of {@code name} replaced (or the header appended if absent). */
    public AmiFrame with(String name, String value) {
        Builder b = builder();
        boolean replaced = false;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (!replaced) {
                    b.add(names.get(i), value);
                    replaced = true;
                }
            } else {
                b.add(names.get(i), values.get(i));
            }
        }
        if (!replaced) {
            b.add(name, value);
        }
        return b.build();
    }

    /** Wire form: {@code Name: value\r\n} per header and a blank line. */
    public String toWire() {
        StringBuilder sb = new StringBuilder(names.size() * 24 + 2);
        for (int i = 0; i < names.size(); i++) {
            sb.append(names.get(i)).append(": ").append(values.get(i)).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    public byte[] toWireBytes() {
        return toWire().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return toWire().replace("\r\n", " | ");
    }

    public static final class Builder {
        private final List<String> names = new ArrayList<>(16);
        private final List<String> values = new ArrayList<>(16);

        /**
         * Adds a header. Names and values bound for a PBX must not contain CR or LF:
         * one embedded line break would let a value smuggle a second AMI action.
         */
        public Builder add(String name, String value) {
            PbxText.requireSafe(name, "header name");
            PbxText.requireSafe(value, name);
            names.add(name);
            values.add(value == null ? "" : value);
            return this;
        }

        public boolean isEmpty() {
            return names.isEmpty();
        }

        public AmiFrame build() {
            return new AmiFrame(List.copyOf(names), List.copyOf(values));
        }
    }
}
