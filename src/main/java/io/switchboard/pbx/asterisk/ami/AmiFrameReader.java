package io.switchboard.pbx.asterisk.ami;

import io.switchboard.pbx.PbxText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits an AMI byte stream into frames. Lines end in CRLF (a bare LF is accepted);
 * a blank line ends a frame. The first line of a connection may be the banner
 * ({@code Asterisk Call Manager/11.0.0}), reported through {@link #banner()}.
 *
 * <p>Bad input never stops the stream: a line longer than {@code maxLineBytes}, a frame
 * with more than {@code maxHeaders} headers or a line without {@code ": "} makes the
 * frame malformed; it is skipped up to its blank line and counted. Invalid UTF-8 is
 * decoded with replacement characters and counted. Not thread-safe: one reader thread.
 */
public final class AmiFrameReader {

    /** Receives frames and problems; called on the reading thread. */
    public interface Sink {
        void frame(AmiFrame frame);

        default void malformed(String reason) {
        }

        default void banner(String banner) {
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final int maxHeaders;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLen;
    private boolean lineTooLong;
    private boolean firstLine = true;
    private String pendingFirst;
    private static final String LINE_TOO_LONG = new String("<line too long>");
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private String banner;
    private long malformedFrames;
    private long badEncodings;

    public AmiFrameReader(InputStream in) {
        this(in, 64 * 1024, 1024);
    }

    public AmiFrameReader(InputStream in, int maxLineBytes, int maxHeaders) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.maxHeaders = maxHeaders;
    }

    public String banner() {
        return banner;
    }

    public long malformedFrames() {
        return malformedFrames;
    }

    public long badEncodings() {
        return badEncodings;
    }

    /**
     * Reads until end of stream, handing every frame to the sink.
     *
     * @throws IOException when the socket fails (end of stream returns normally)
     */
    public void readAll(Sink sink) throws IOException {
        AmiFrame f;
        while ((f = next(sink)) != null) {
            sink.frame(f);
        }
    }

    /**
     * Reads the first line of a connection. If it is an AMI banner it is returned (and kept
     * for {@link #banner()}); otherwise it is treated as the first header of the first frame.
     *
     * @return the banner, or {@code null} if the stream did not start with one
     */
    public String readBanner(Sink problems) throws IOException {
        if (!firstLine) {
            return banner;
        }
        firstLine = false;
        if (!readLine()) {
            return null;
        }
        String text = lineTooLong ? "" : decode();
        if (text.contains("Call Manager") || text.contains("Manager Proxy")) {
            banner = text;
            problems.banner(text);
            return text;
        }
        pendingFirst = lineTooLong ? LINE_TOO_LONG : text;
        return null;
    }

    /**
     * The next well-formed frame, or {@code null} at end of stream. Malformed frames are
     * skipped and reported to {@code problems}.
     */
    public AmiFrame next(Sink problems) throws IOException {
        if (firstLine) {
            readBanner(problems);
        }
        AmiFrame.Builder frame = AmiFrame.builder();
        int headers = 0;
        String problem = null;
        while (true) {
            String text;
            if (pendingFirst != null) {
                text = pendingFirst;
                pendingFirst = null;
                if (text == LINE_TOO_LONG) {
                    problem = "line longer than " + maxLineBytes + " bytes";
                    continue;
                }
            } else {
                if (!readLine()) {
                    break;
                }
                if (lineTooLong) {
                    problem = "line longer than " + maxLineBytes + " bytes";
                    continue;
                }
                text = decode();
            }
            if (text.isEmpty()) {
                if (problem != null) {
                    malformedFrames++;
                    problems.malformed(problem);
                } else if (!frame.isEmpty()) {
                    return frame.build();
                }
                frame = AmiFrame.builder();
                headers = 0;
                problem = null;
                continue;
            }
            if (problem != null) {
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                problem = "line without header name: " + abbreviate(text);
                continue;
            }
            if (++headers > maxHeaders) {
                problem = "more than " + maxHeaders + " headers";
                continue;
            }
            String name = text.substring(0, colon).trim();
            int start = colon + 1;
            if (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            String value = text.substring(start);
            if (name.isEmpty() || PbxText.hasControlCharacters(name) || PbxText.hasControlCharacters(value)) {
                problem = "control character in header " + abbreviate(name);
                continue;
            }
            frame.add(name, value);
        }
        // end of stream: a partial frame without its blank line is incomplete
        if (!frame.isEmpty() || problem != null) {
            malformedFrames++;
            problems.malformed(problem != null ? problem : "truncated frame at end of stream");
        }
        return null;
    }

    /** Reads one line into {@code line}; false at end of stream with nothing pending. */
    private boolean readLine() throws IOException {
        lineLen = 0;
        lineTooLong = false;
        boolean pending = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(buf, 0, buf.length);
                pos = 0;
                limit = Math.max(n, 0);
                if (n <= 0) {
                    return pending; // a last line without LF is returned once, then EOF
                }
            }
            pending = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                pos++; // consume LF
                if (lineLen > 0 && line[lineLen - 1] == '\r') {
                    lineLen--;
                }
                return true;
            }
        }
    }

    private void append(int from, int len) {
        if (len == 0 || lineTooLong) {
            return;
        }
        if (lineLen + len > maxLineBytes) {
            lineTooLong = true;
            lineLen = 0;
            return;
        }
        if (lineLen + len > line.length) {
            byte[] bigger = new byte[Math.min(maxLineBytes + 1, Math.max(line.length * 2, lineLen + len))];
            System.arraycopy(line, 0, bigger, 0, lineLen);
            line = bigger;
        }
        System.arraycopy(buf, from, line, lineLen, len);
        lineLen += len;
    }

    private String decode() {
        boolean ascii = true;
        for (int i = 0; i < lineLen; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(line, 0, lineLen, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer cb = decoder.reset().decode(ByteBuffer.wrap(line, 0, lineLen));
            return cb.toString();
        } catch (CharacterCodingException e) {
            badEncodings++;
            return new String(line, 0, lineLen, StandardCharsets.UTF_8); // with U+FFFD
        }
    }

    /** Size of the line buffer: its initial 256 bytes or at most {@code maxLineBytes + 1}, whatever the peer sends. */
    int lineCapacity() {
        return line.length;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
