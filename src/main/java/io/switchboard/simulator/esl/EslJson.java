package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code text/event-json} form as FreeSWITCH writes it with cJSON (unformatted): one flat
 * object, header names as keys in event order, {@code ARRAY::a|:b} values as JSON arrays, and
 * {@code Content-Length} plus {@code _body} last when the event has a body. Hand-written so the
 * simulator needs no JSON library and matches cJSON's escaping byte for byte.
 */
public final class EslJson {

    private static final String ARRAY_PREFIX = "ARRAY::";
    private static final String ARRAY_SEPARATOR = "|:";

    private EslJson() {
    }

    public static String encode(SimEvent event) {
        StringBuilder sb = new StringBuilder(event.size() * 56).append('{');
        boolean first = true;
        for (Map.Entry<String, String> h : event.headers()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, h.getKey());
            sb.append(':');
            String value = h.getValue();
            if (value.startsWith(ARRAY_PREFIX)) {
                sb.append('[');
                String[] items = value.substring(ARRAY_PREFIX.length()).split("\\|:", -1);
                for (int i = 0; i < items.length; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    string(sb, items[i]);
                }
                sb.append(']');
            } else {
                string(sb, value);
            }
        }
        if (event.body() != null) {
            sb.append(first ? "" : ",").append("\"Content-Length\":\"").append(EslWire.utf8Length(event.body()))
                    .append("\",\"_body\":");
            string(sb, event.body());
        }
        return sb.append('}').toString();
    }

    /** cJSON's print_string_ptr: only quote, backslash and control characters are escaped. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Parses one event object; {@code _body} becomes the body and its {@code Content-Length} is dropped. */
    public static SimEvent parse(String json) {
        return new Parser(json).event();
    }

    /** A strict parser for the flat objects FreeSWITCH emits (strings, arrays of strings, scalars). */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        SimEvent event() {
            List<Map.Entry<String, String>> headers = new ArrayList<>(96);
            String body = null;
            expect('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
                return new SimEvent(headers, null);
            }
            while (true) {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                String value = peek() == '[' ? array() : scalar();
                if (name.equals("_body")) {
                    body = value;
                } else if (!name.equals("Content-Length")) {
                    headers.add(Map.entry(name, value));
                }
                skipSpace();
                char c = next();
                if (c == '}') {
                    return new SimEvent(headers, body);
                }
                if (c != ',') {
                    throw error("',' or '}' expected");
                }
            }
        }

        private String array() {
            expect('[');
            StringBuilder sb = new StringBuilder(ARRAY_PREFIX);
            skipSpace();
            if (peek() == ']') {
                pos++;
                return sb.toString();
            }
            boolean first = true;
            while (true) {
                skipSpace();
                if (!first) {
                    sb.append(ARRAY_SEPARATOR);
                }
                first = false;
                sb.append(scalar());
                skipSpace();
                char c = next();
                if (c == ']') {
                    return sb.toString();
                }
                if (c != ',') {
                    throw error("',' or ']' expected");
                }
            }
        }

        /** A string, or a number/true/false/null taken as its text. */
        private String scalar() {
            if (peek() == '"') {
                return string();
            }
            int start = pos;
            while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("value expected");
            }
            return s.substring(start, pos);
        }

        private String string() {
            expect('"');
            StringBuilder sb = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb == null ? s.substring(start, pos - 1) : sb.toString();
                }
                if (c != '\\') {
                    if (sb != null) {
                        sb.append(c);
                    }
                    continue;
                }
                if (sb == null) {
                    sb = new StringBuilder(s.substring(start, pos - 1));
                }
                char e = next();
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e); // \" \\ \/
                }
            }
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            skipSpace();
            if (next() != c) {
                throw error("'" + c + "' expected");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("bad event JSON at " + pos + ": " + what);
        }
    }
}
