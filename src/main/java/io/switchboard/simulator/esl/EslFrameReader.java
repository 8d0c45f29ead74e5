package io.switchboard.simulator.esl;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ESL framing: LF-terminated header lines up to a blank line, then exactly
 * {@code Content-Length} body bytes. A trailing CR is dropped from header lines so commands typed
 * with CRLF (telnet) work too; bodies are taken byte for byte.
 */
public final class EslFrameReader {

    /** Guards against a peer that never ends its header block. */
    private static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public EslFrameReader(InputStream in) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
    }

    /** The next frame, or {@code null} at a clean end of stream between frames. */
    public EslFrame next() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = readLine();
            if (l == null) {
                if (lines.isEmpty()) {
                    return null;
                }
                throw new EOFException("stream ended inside a header block");
            }
            if (l.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // stray blank lines between frames carry nothing
                }
                break;
            }
            lines.add(l);
        }
        EslFrame headersOnly = new EslFrame(lines, new byte[0]);
        String length = headersOnly.header("Content-Length");
        if (length == null) {
            return headersOnly;
        }
        int n;
        try {
            n = Integer.parseInt(length.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + length, e);
        }
        if (n < 0) {
            throw new IOException("bad Content-Length: " + length);
        }
        byte[] body = in.readNBytes(n);
        if (body.length != n) {
            throw new EOFException("stream ended inside a body of " + n + " bytes");
        }
        return new EslFrame(lines, body);
    }

    /** Reads a line; null at end of stream when nothing was read. */
    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside a header line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length;
                if (len > 0 && bytes[len - 1] == '\r') {
                    len--;
                }
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("header line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }
}
