package io.switchboard.pbx.freeswitch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.pbx.Fuzz;
import io.switchboard.pbx.TranslationStats;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the ESL frame guard (and the translator behind it) over random bytes and real
 * plain/json frames broken the ways a link breaks them: bad Content-Length, missing blank lines,
 * bad URL-encoding, truncated bodies. Nothing escapes the pipeline, and what the guard holds
 * between reads stays within its header and body limits.
 */
class EslFrameGuardFuzzTest {

    private static final int MAX_HEADER = 4096;
    private static final int MAX_BODY = 64 * 1024;
    private static final List<byte[]> PLAIN = EslCaptureFrames.load("callcenter-plain.esl", 3_000);
    private static final List<byte[]> JSON = EslCaptureFrames.load("callcenter-json.esl", 3_000);
    private static final Instant RX = Instant.parse("2026-11-24T10:00:00Z");

    /** What went through: plain events decoded here, frames passed on, frames counted malformed. */
    record Outcome(List<Map<String, String>> events, List<String> passedOn, long malformed) {
    }

    /** Feeds {@code data} in reads of {@code chunk} bytes; translates the events as the collector does. */
    static Outcome feed(byte[] data, int chunk, int maxHeader, int maxBody) {
        LongAdder malformed = new LongAdder();
        List<Map<String, String>> events = new ArrayList<>();
        EslTranslator translator = new EslTranslator("fuzz", Set.of("CUSTOMER_ID"));
        EslFrameGuard guard = new EslFrameGuard(maxHeader, maxBody, malformed, h -> {
            events.add(h);
            translator.translate(h, RX, e -> { });
        });
        EmbeddedChannel channel = new EmbeddedChannel(guard);
        List<String> passedOn = new ArrayList<>();
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            channel.writeInbound(Unpooled.wrappedBuffer(data, off, n)); // rethrows anything the guard threw
            assertThat((long) guard.buffered()).isLessThanOrEqualTo((long) maxHeader + n + 2 + maxBody);
            ByteBuf b;
            while ((b = channel.readInbound()) != null) {
                passedOn.add(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
        }
        channel.finishAndReleaseAll();
        TranslationStats s = translator.stats();
        assertThat(s.translatedCount() + s.ignoredCount() + s.unknownCount() + s.invalidCount()).isEqualTo(events.size());
        return new Outcome(events, passedOn, malformed.sum());
    }

    @Provide
    Arbitrary<byte[]> eslLikeBytes() {
        Arbitrary<Byte> b = Arbitraries.oneOf(
                Arbitraries.of((byte) 'C', (byte) ':', (byte) ' ', (byte) '\n', (byte) '\n', (byte) '%', (byte) '4',
                        (byte) 'G', (byte) '-', (byte) 0xC3, (byte) 0),
                Arbitraries.bytes());
        Arbitrary<byte[]> noise = b.array(byte[].class).ofMaxSize(2_000);
        // noise after a header block that steers it into the plain-event path
        Arbitrary<String> prefix = Arbitraries.of("", "Content-Type: text/event-plain\nContent-Length: 40\n\n",
                "Content-Length: 12\n\n", "Content-Type: text/event-plain\nContent-Length: 1999\n\nEvent-Name: ");
        return Combinators.combine(prefix, noise).as((p, n) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(p.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(n);
            return out.toByteArray();
        });
    }

    @Property(seed = Fuzz.SEED)
    void anyBytesNeverBreakThePipeline(@ForAll("eslLikeBytes") byte[] data, @ForAll byte[] raw,
                                       @ForAll @IntRange(min = 1, max = 700) int chunk) {
        feed(data, chunk, 256, 1024);
        feed(raw, chunk, 256, 1024);
    }

    enum EslOp { CONTENT_LENGTH, BAD_PERCENT, MISSING_BLANK_LINE, TRUNCATE_BODY }

    record EslEdit(EslOp op, int frame, String text) {
    }

    private static byte[] apply(List<byte[]> frames, List<EslEdit> edits) {
        List<String> f = new ArrayList<>();
        frames.forEach(b -> f.add(new String(b, StandardCharsets.ISO_8859_1)));
        for (EslEdit e : edits) {
            int i = e.frame() % f.size();
            String s = f.get(i);
            int blank = s.indexOf("\n\n");
            f.set(i, switch (e.op()) {
                case CONTENT_LENGTH -> s.replaceFirst("Content-Length: [0-9]+", "Content-Length: " + e.text());
                case BAD_PERCENT -> blank < 0 ? s + "%" : s.substring(0, blank + 2) + "Bad: %" + e.text() + "\n"
                        + s.substring(blank + 2);
                case MISSING_BLANK_LINE -> blank < 0 ? s : s.substring(0, blank) + s.substring(blank + 1);
                case TRUNCATE_BODY -> s.substring(0, Math.max(0, s.length() - 1 - Math.abs(e.text().hashCode() % 500)));
            });
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.forEach(s -> out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1)));
        return out.toByteArray();
    }

    @Provide
    Arbitrary<byte[]> brokenCapture() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of("-1", "abc", "99999999999", "", " 5 ", "0x10", "G0", "2"),
                Arbitraries.strings().ofMaxLength(6));
        Arbitrary<List<EslEdit>> eslEdits = Combinators.combine(Arbitraries.of(EslOp.class),
                Arbitraries.integers().between(0, 1_000), text).as(EslEdit::new).list().ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(PLAIN, JSON), Arbitraries.integers().between(0, 2_900),
                Arbitraries.integers().between(1, 10), eslEdits, Fuzz.byteEdits(3).injectNull(0.3)).as(
                (capture, start, count, edits, bytes) -> {
                    List<byte[]> window = capture.subList(Math.min(start, capture.size() - 1),
                            Math.min(capture.size(), start + count));
                    byte[] data = apply(window, edits);
                    return bytes == null ? data : Fuzz.mutate(data, bytes);
                });
    }

    @Property(seed = Fuzz.SEED)
    void brokenCaptureFramesNeverBreakThePipeline(@ForAll("brokenCapture") byte[] data,
                                                  @ForAll @IntRange(min = 1, max = 9_000) int chunk) {
        feed(data, chunk, MAX_HEADER, MAX_BODY);
    }

    /** Intact frames: every one comes out whole, whatever the reads, plain events decoded, the rest passed on. */
    @Property(seed = Fuzz.SEED)
    void intactFramesPassWholeUnderAnyReads(@ForAll boolean json, @ForAll @IntRange(min = 0, max = 2_900) int start,
                                           @ForAll @IntRange(min = 1, max = 2_000) int chunk) {
        List<byte[]> capture = json ? JSON : PLAIN;
        int from = start % capture.size();
        List<byte[]> window = capture.subList(from, Math.min(capture.size(), from + 8));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        window.forEach(all::writeBytes);
        Outcome whole = feed(all.toByteArray(), Math.max(1, all.size()), 64 * 1024, 8 * 1024 * 1024);
        Outcome split = feed(all.toByteArray(), chunk, 64 * 1024, 8 * 1024 * 1024);
        assertThat(split).isEqualTo(whole);
        assertThat(whole.malformed()).isZero();
        assertThat(whole.events().size() + whole.passedOn().size()).isEqualTo(window.size());
    }
}
