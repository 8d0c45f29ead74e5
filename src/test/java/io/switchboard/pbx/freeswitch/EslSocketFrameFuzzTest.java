package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.Fuzz;
import io.switchboard.routing.RouteRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the outbound-socket frame reader over random bytes and the real server-side capture
 * broken: it returns frames or throws its documented IOException (EOFException at the end), never
 * anything else, and a peer that never ends a header block is cut off after the limit.
 */
class EslSocketFrameFuzzTest {

    private static final byte[] CONNECT = resource("/freeswitch/socket-connect-reply.esl");
    private static final byte[] SERVER_VIEW = resource("/freeswitch/socket-outbound-server.esl");
    private static final EslRouteRequests REQUESTS = new EslRouteRequests(Map.of("fs1", "127.0.0.1"),
            List.of("customer_id", "IVR_INTENT"));

    /** Reads frames until the stream ends or is refused; each frame also becomes a route request. */
    static List<EslSocketFrame> readAll(InputStream in) {
        List<EslSocketFrame> frames = new ArrayList<>();
        while (true) {
            try {
                EslSocketFrame f = EslSocketFrame.read(in);
                assertThat(f.headers()).isNotEmpty();
                f.replyText();
                f.ok();
                RouteRequest r = REQUESTS.request(f.headers(), InetAddress.getLoopbackAddress(), Instant.EPOCH);
                assertThat(r.node()).isEqualTo("fs1");
                frames.add(f);
            } catch (EOFException end) {
                return frames;
            } catch (IOException refused) {
                return frames; // the documented answer to garbage: EslRouteSession drops the connection
            }
        }
    }

    @Provide
    Arbitrary<byte[]> eslLikeBytes() {
        return Arbitraries.oneOf(
                Arbitraries.of((byte) 'C', (byte) ':', (byte) ' ', (byte) '\n', (byte) '\r', (byte) '%', (byte) '+',
                        (byte) '7', (byte) 0xC3, (byte) 0),
                Arbitraries.bytes()).array(byte[].class).ofMaxSize(3_000);
    }

    @Property(seed = Fuzz.SEED)
    void anyBytesGiveFramesOrTheDocumentedException(@ForAll("eslLikeBytes") byte[] data, @ForAll byte[] raw) {
        readAll(new ByteArrayInputStream(data));
        readAll(new ByteArrayInputStream(raw));
        byte[] withLength = ("Content-Type: api/response\nContent-Length: " + data.length / 2 + "\n\n").getBytes();
        readAll(new ByteArrayInputStream(concat(withLength, data)));
    }

    @Property(seed = Fuzz.SEED)
    void brokenCaptureGivesFramesOrTheDocumentedException(@ForAll boolean connectOnly,
                                                          @ForAll("edits") List<Fuzz.ByteEdit> edits,
                                                          @ForAll @IntRange(min = 1, max = 512) int chunk) {
        byte[] data = Fuzz.mutate(connectOnly ? CONNECT : SERVER_VIEW, edits);
        assertThat(readAll(Fuzz.chunked(data, chunk)).size())
                .isEqualTo(readAll(new ByteArrayInputStream(data)).size());
    }

    @Provide
    Arbitrary<List<Fuzz.ByteEdit>> edits() {
        return Fuzz.byteEdits(6);
    }

    /** The intact connect reply is one frame, whatever the reads. */
    @Property(seed = Fuzz.SEED)
    void intactConnectReplyIsOneFrame(@ForAll @IntRange(min = 1, max = 4_000) int chunk) {
        List<EslSocketFrame> frames = readAll(Fuzz.chunked(CONNECT, chunk));
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).header("Unique-ID")).isNotBlank();
    }

    /** A peer streaming header lines, blank lines or one endless line is refused after the limit, not read forever. */
    @Property(seed = Fuzz.SEED, tries = 6)
    void anEndlessHeaderBlockIsRefusedAtTheLimit(@ForAll @IntRange(min = 0, max = 2) int kind) {
        byte[] unit = switch (kind) {
            case 0 -> "Variable-X: flood\n".getBytes();
            case 1 -> "\n".getBytes();
            default -> "x".getBytes();
        };
        long[] sent = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return unit[(int) (sent[0]++ % unit.length)];
            }
        };
        try {
            EslSocketFrame.read(endless);
            throw new AssertionError("an endless header block was accepted");
        } catch (IOException refused) {
            assertThat(refused).isNotInstanceOf(EOFException.class);
        }
        assertThat(sent[0]).isLessThanOrEqualTo(EslSocketFrame.MAX_HEADER_BYTES + 1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = EslSocketFrameFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
