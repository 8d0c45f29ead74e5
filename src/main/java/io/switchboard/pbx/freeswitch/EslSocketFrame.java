package io.switchboard.pbx.freeswitch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message FreeSWITCH writes on an outbound event socket: a header block (values url-encoded,
 * as {@code switch_url_encode} writes them) and, with {@code Content-Length}, a body. The reply
 * to {@code connect} is one such block carrying every channel header next to
 * {@code Content-Type: command/reply}.
 */
record EslSocketFrame(Map<String, String> headers, String body) {

    /** A peer sending more than this in one header block is not FreeSWITCH; the connection is dropped. */
    static final int MAX_HEADER_BYTES = 256 * 1024;
    static final int MAX_BODY_BYTES = 1024 * 1024;

    String header(String name) {
        return headers.get(name);
    }

    String contentType() {
        return headers.getOrDefault("Content-Type", "");
    }

    /** The text of a command reply or api response ({@code +OK ...}, {@code -ERR ...}). */
    String replyText() {
        String reply = headers.get("Reply-Text");
        return reply != null ? reply : body == null ? "" : body.strip();
    }

    boolean ok() {
        return replyText().startsWith("+OK");
    }

    /**
     * Reads the next message.
     *
     * @throws EOFException when the peer closed the socket (before or inside a message)
     * @throws IOException  on garbage: an over-long block, a bad {@code Content-Length}
     */
    static EslSocketFrame read(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(128);
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("socket closed");
            }
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("header block longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String l = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            if (l.isEmpty()) {
                if (headers.isEmpty()) {
                    continue; // blank lines between messages carry nothing
                }
                break;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a header line: " + abbreviate(l));
            }
            headers.putIfAbsent(l.substring(0, colon), decode(l.substring(colon + 1).strip()));
        }
        String length = headers.get("Content-Length");
        if (length == null) {
            return new EslSocketFrame(headers, null);
        }
        int n;
        try {
            n = Integer.parseInt(length.strip());
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length " + abbreviate(length));
        }
        if (n < 0 || n > MAX_BODY_BYTES) {
            throw new IOException("bad Content-Length " + n);
        }
        byte[] body = in.readNBytes(n);
        if (body.length < n) {
            throw new EOFException("socket closed inside a body");
        }
        return new EslSocketFrame(headers, new String(body, StandardCharsets.UTF_8));
    }

    /** {@code switch_url_decode}; a value that is not valid url-encoding is kept as sent. */
    static String decode(String v) {
        if (v.indexOf('%') < 0 && v.indexOf('+') < 0) {
            return v;
        }
        try {
            return URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return v;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
