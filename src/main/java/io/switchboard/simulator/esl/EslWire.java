package io.switchboard.simulator.esl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Byte-exact ESL message forms of FreeSWITCH 1.10 ({@code mod_event_socket} and
 * {@code switch_event_serialize}), checked against the captures in
 * {@code src/main/resources/simulator/freeswitch/}.
 */
public final class EslWire {

    /** {@code SWITCH_URL_UNSAFE}: besides these, bytes below space and above {@code ~} are escaped. */
    private static final String URL_UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\"";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final String DISCONNECT_TEXT =
            "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

    public static final String PLAIN = "text/event-plain";
    public static final String JSON = "text/event-json";
    public static final String XML = "text/event-xml";

    private EslWire() {
    }

    /**
     * {@code switch_url_encode}: byte-wise over UTF-8, upper-case hex, and — as FreeSWITCH does — a
     * {@code %} already followed by two upper-case hex digits is left alone instead of re-escaped.
     */
    public static String urlEncode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = null;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b < ' ' || b > '~' || URL_UNSAFE.indexOf(b) >= 0;
            if (b == '%' && i + 2 < bytes.length && isUpperHex(bytes[i + 1]) && isUpperHex(bytes[i + 2])) {
                escape = false;
            }
            if (escape && sb == null) {
                sb = new StringBuilder(bytes.length + 16);
                sb.append(value, 0, i); // bytes before i were printable ASCII: one char each
            }
            if (sb != null) {
                if (escape) {
                    sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
                } else {
                    sb.append((char) b);
                }
            }
        }
        return sb == null ? value : sb.toString();
    }

    private static boolean isUpperHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F');
    }

    /** {@code switch_url_decode}: {@code %XX} (either case) becomes the byte; {@code +} stays. */
    public static String urlDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
                out.write(hexValue(in[i + 1]) << 4 | hexValue(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /**
     * The {@code text/event-plain} body: {@code Name: url-encoded-value} lines, then either a blank
     * line or {@code Content-Length: n}, a blank line and the event body.
     */
    public static String plainEvent(SimEvent event) {
        StringBuilder sb = new StringBuilder(event.size() * 48);
        for (Map.Entry<String, String> h : event.headers()) {
            sb.append(h.getKey()).append(": ").append(urlEncode(h.getValue())).append('\n');
        }
        String body = event.body();
        if (body != null && !body.isEmpty()) {
            sb.append("Content-Length: ").append(utf8Length(body)).append("\n\n").append(body);
        } else {
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Parses a {@code text/event-plain} body; the inner {@code Content-Length} becomes the body. */
    public static SimEvent parsePlainEvent(byte[] data) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(96);
        int pos = 0;
        int length = -1;
        while (pos < data.length) {
            int end = indexOf(data, (byte) '\n', pos);
            int lineEnd = end < 0 ? data.length : end;
            if (lineEnd == pos) {
                pos = lineEnd + 1;
                break; // blank line: headers done
            }
            String line = new String(data, pos, lineEnd - pos, StandardCharsets.UTF_8);
            pos = end < 0 ? data.length : end + 1;
            int colon = line.indexOf(": ");
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 2);
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value.trim());
            } else {
                headers.add(Map.entry(name, urlDecode(value)));
            }
        }
        String body = null;
        if (length >= 0) {
            int n = Math.min(length, data.length - pos);
            body = new String(data, pos, Math.max(0, n), StandardCharsets.UTF_8);
        }
        return new SimEvent(headers, body);
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** {@code switch_event_xmlize} shape; values are XML-escaped rather than url-encoded. */
    public static String xmlEvent(SimEvent event) {
        StringBuilder sb = new StringBuilder(event.size() * 64).append("<event>\n  <headers>\n");
        for (Map.Entry<String, String> h : event.headers()) {
            sb.append("    <").append(h.getKey()).append('>').append(xmlEscape(h.getValue()))
                    .append("</").append(h.getKey()).append(">\n");
        }
        sb.append("  </headers>\n");
        String body = event.body();
        if (body != null && !body.isEmpty()) {
            sb.append("  <Content-Length>").append(utf8Length(body)).append("</Content-Length>\n")
                    .append("  <body>").append(xmlEscape(body)).append("</body>\n");
        }
        return sb.append("</event>").toString();
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** One event message: outer {@code Content-Length} first, as {@code mod_event_socket} writes it. */
    public static byte[] eventFrame(String contentType, String eventText) {
        byte[] body = eventText.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("Content-Length: " + body.length + "\nContent-Type: " + contentType + "\n\n")
                .getBytes(StandardCharsets.US_ASCII);
        return concat(head, body);
    }

    public static byte[] authRequest() {
        return ascii("Content-Type: auth/request\n\n");
    }

    /** {@code command/reply} with optional extra header lines ({@code "Job-UUID: ..."}). */
    public static byte[] commandReply(String replyText, String... extraHeaderLines) {
        StringBuilder sb = new StringBuilder(64).append("Content-Type: command/reply\nReply-Text: ").append(replyText)
                .append('\n');
        for (String line : extraHeaderLines) {
            sb.append(line).append('\n');
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] apiResponse(String result) {
        byte[] body = result.getBytes(StandardCharsets.UTF_8);
        return concat(ascii("Content-Type: api/response\nContent-Length: " + body.length + "\n\n"), body);
    }

    public static byte[] disconnectNotice() {
        return ascii("Content-Type: text/disconnect-notice\nContent-Length: " + DISCONNECT_TEXT.length() + "\n\n"
                + DISCONNECT_TEXT);
    }

    /** Byte length as the frame will carry it (lone surrogates become one {@code ?} byte, as in getBytes). */
    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
