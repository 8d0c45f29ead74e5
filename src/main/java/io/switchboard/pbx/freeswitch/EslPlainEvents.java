package io.switchboard.pbx.freeswitch;

import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Decodes the body of a {@code text/event-plain} frame: {@code Name: url-encoded value} lines. */
final class EslPlainEvents {

    private EslPlainEvents() {
    }

    /** The event's headers, decoded; the event's own body (after a blank line) is not needed here. */
    static Map<String, String> headers(ByteBuf in, int from, int length) {
        Map<String, String> h = new HashMap<>(256);
        int end = from + length;
        int lineStart = from;
        ByteArrayOutputStream scratch = new ByteArrayOutputStream(128);
        for (int i = from; i <= end; i++) {
            if (i == end || in.getByte(i) == '\n') {
                if (i == lineStart) {
                    break; // blank line: the event body follows
                }
                int colon = -1;
                for (int j = lineStart; j < i; j++) {
                    if (in.getByte(j) == ':') {
                        colon = j;
                        break;
                    }
                }
                if (colon > lineStart) {
                    int v = colon + 1;
                    if (v < i && in.getByte(v) == ' ') {
                        v++;
                    }
                    String name = in.toString(lineStart, colon - lineStart, StandardCharsets.US_ASCII);
                    h.putIfAbsent(name, decode(in, v, i, scratch));
                }
                lineStart = i + 1;
            }
        }
        return h;
    }

    /** Percent-decoding as FreeSWITCH encodes (UTF-8 bytes; '+' stays '+'). */
    private static String decode(ByteBuf in, int from, int to, ByteArrayOutputStream scratch) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b == '%' || b < 0) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return in.toString(from, to - from, StandardCharsets.US_ASCII);
        }
        scratch.reset();
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b == '%' && i + 2 < to) {
                int hi = Character.digit(in.getByte(i + 1), 16);
                int lo = Character.digit(in.getByte(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    scratch.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            scratch.write(b);
        }
        return scratch.toString(StandardCharsets.UTF_8);
    }
}
