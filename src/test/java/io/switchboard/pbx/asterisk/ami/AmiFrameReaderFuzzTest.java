package io.switchboard.pbx.asterisk.ami;

import io.switchboard.pbx.Fuzz;
import io.switchboard.pbx.PbxText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the AMI frame reader over random and mutated bytes: nothing but the stream's own
 * IOException escapes, every frame it returns respects its limits, the way bytes are split into
 * reads does not matter, and memory stays within the line limit whatever the peer sends.
 */
class AmiFrameReaderFuzzTest {

    private static final int MAX_LINE = 128;
    private static final int MAX_HEADERS = 8;
    private static final byte[] CAPTURE = resource("/simulator/asterisk/queue-calls.ami");
    private static final List<byte[]> FRAMES = Fuzz.blocks(CAPTURE, 2_000);

    /** What a read produced: frames in wire form and the counters. */
    record Outcome(List<String> frames, long malformed, long badEncodings, String banner) {
    }

    static Outcome read(InputStream in, int maxLine, int maxHeaders) {
        AmiFrameReader reader = new AmiFrameReader(in, maxLine, maxHeaders);
        List<String> frames = new ArrayList<>();
        try {
            reader.readAll(f -> {
                assertThat(f.size()).isBetween(1, maxHeaders);
                for (int i = 0; i < f.size(); i++) {
                    assertThat(f.name(i)).isNotEmpty();
                    assertThat(PbxText.hasControlCharacters(f.name(i))).isFalse();
                    assertThat(PbxText.hasControlCharacters(f.value(i))).isFalse();
                    assertThat(f.value(i).length()).isLessThanOrEqualTo(maxLine);
                }
                frames.add(f.toWire());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream never fails: this would be a reader bug
        }
        assertThat(reader.lineCapacity()).isLessThanOrEqualTo(Math.max(256, maxLine + 1)); // 256: initial size
        return new Outcome(frames, reader.malformedFrames(), reader.badEncodings(), reader.banner());
    }

    /** Bytes biased towards what matters to the framing: separators, line ends, bad UTF-8, NUL. */
    @Provide
    Arbitrary<byte[]> amiLikeBytes() {
        Arbitrary<Byte> b = Arbitraries.oneOf(
                Arbitraries.of((byte) 'A', (byte) 'e', (byte) ':', (byte) ' ', (byte) '\r', (byte) '\n', (byte) '\n',
                        (byte) '1', (byte) '\t', (byte) 0, (byte) 0x7f, (byte) 0xC3, (byte) 0xA9, (byte) 0xFF),
                Arbitraries.bytes());
        return b.array(byte[].class).ofMaxSize(3_000);
    }

    @Property(seed = Fuzz.SEED)
    void anyBytesGiveFramesWithinLimits(@ForAll byte[] raw, @ForAll("amiLikeBytes") byte[] biased) {
        read(new ByteArrayInputStream(raw), MAX_LINE, MAX_HEADERS);
        read(new ByteArrayInputStream(biased), MAX_LINE, MAX_HEADERS);
    }

    @Property(seed = Fuzz.SEED)
    void howBytesAreSplitIntoReadsDoesNotMatter(@ForAll("amiLikeBytes") byte[] data,
                                                @ForAll @IntRange(min = 1, max = 97) int chunk) {
        Outcome whole = read(new ByteArrayInputStream(data), MAX_LINE, MAX_HEADERS);
        Outcome split = read(Fuzz.chunked(data, chunk), MAX_LINE, MAX_HEADERS);
        assertThat(split).isEqualTo(whole);
    }

    @Provide
    Arbitrary<byte[]> mutatedCapture() {
        return Arbitraries.integers().between(0, FRAMES.size() - 1).flatMap(start ->
                Arbitraries.integers().between(1, 12).flatMap(count -> Fuzz.byteEdits(6).map(edits -> {
                    java.io.ByteArrayOutputStream window = new java.io.ByteArrayOutputStream();
                    for (int i = start; i < Math.min(FRAMES.size(), start + count); i++) {
                        window.writeBytes(FRAMES.get(i));
                    }
                    return Fuzz.mutate(window.toByteArray(), edits);
                })));
    }

    /** Real frames, broken: within the default limits, chunked like a socket. */
    @Property(seed = Fuzz.SEED)
    void mutatedCaptureFramesNeverBreakTheReader(@ForAll("mutatedCapture") byte[] data,
                                                @ForAll @IntRange(min = 1, max = 4096) int chunk) {
        Outcome whole = read(new ByteArrayInputStream(data), 64 * 1024, 1024);
        assertThat(read(Fuzz.chunked(data, chunk), 64 * 1024, 1024)).isEqualTo(whole);
    }

    @Property(seed = Fuzz.SEED)
    void intactFramesSurviveUnchanged(@ForAll @IntRange(min = 0, max = 1_000) int start,
                                      @ForAll @IntRange(min = 1, max = 64) int chunk) {
        java.io.ByteArrayOutputStream window = new java.io.ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = start + 1; i < Math.min(FRAMES.size(), start + 6); i++) { // skip the banner block
            window.writeBytes(FRAMES.get(i));
            expected.add(new String(FRAMES.get(i), StandardCharsets.UTF_8));
        }
        Outcome o = read(Fuzz.chunked(window.toByteArray(), chunk), 64 * 1024, 1024);
        assertThat(o.frames()).isEqualTo(expected);
        assertThat(o.malformed()).isZero();
    }

    /**
     * Megabytes without a line end, or without a blank line: the reader keeps at most one line of
     * {@code maxLineBytes}, counts one malformed frame and picks up the next frame after it.
     */
    @Property(seed = Fuzz.SEED, tries = 12)
    void aFloodWithoutFrameEndStaysBoundedAndResyncs(@ForAll @IntRange(min = 1, max = 3) int megabytes,
                                                     @ForAll boolean lineEnds) {
        byte[] unit = (lineEnds ? "Variable: flood-of-headers-without-a-blank-line\r\n" : "x").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n\r\nEvent: Ok\r\nUniqueid: 1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        long floodBytes = megabytes * 1024L * 1024L;
        InputStream in = new InputStream() {
            long sent;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long total = floodBytes + tail.length;
                if (sent >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - sent);
                for (int i = 0; i < n; i++, sent++) {
                    b[off + i] = sent < floodBytes ? unit[(int) (sent % unit.length)] : tail[(int) (sent - floodBytes)];
                }
                return n;
            }
        };
        Outcome o = read(in, 64 * 1024, 1024);
        assertThat(o.frames()).containsExactly("Event: Ok\r\nUniqueid: 1.1\r\n\r\n");
        assertThat(o.malformed()).isEqualTo(1);
    }

    private static byte[] resource(String name) {
        try (InputStream in = AmiFrameReaderFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
