package io.switchboard.pbx.freeswitch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/** Well-formed frames pass whole; malformed ones are counted and skipped without losing sync. */
class EslFrameGuardTest {

    private final LongAdder malformed = new LongAdder();
    private final EmbeddedChannel channel = new EmbeddedChannel(new EslFrameGuard(1024, 4096, malformed, null));

    private static String event(String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\nContent-Type: text/event-plain\n\n"
                + body;
    }

    private static final String GOOD = event("Event-Name: CHANNEL_ANSWER\nUnique-ID: u1\nCaller-Caller-ID-Name: Ann%20Lee\n\n");
    private static final String REPLY = "Content-Type: command/reply\nReply-Text: +OK accepted\n\n";

    private List<String> feed(String... chunks) {
        for (String c : chunks) {
            channel.writeInbound(Unpooled.copiedBuffer(c, StandardCharsets.UTF_8));
        }
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = channel.readInbound()) != null) {
            out.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out;
    }

    @Test
    void passesFramesWholeEvenWhenSplitAcrossReads() {
        String both = REPLY + GOOD;
        assertThat(feed(both.substring(0, 10), both.substring(10, 60), both.substring(60))).containsExactly(REPLY, GOOD);
        assertThat(malformed.sum()).isZero();
    }

    @Test
    void skipsNonNumericAndOversizedContentLength() {
        assertThat(feed("Content-Length: many\nContent-Type: text/event-plain\n\n", GOOD,
                "Content-Length: 999999\nContent-Type: text/event-plain\n\n", REPLY)).containsExactly(GOOD, REPLY);
        assertThat(malformed.sum()).isEqualTo(2);
    }

    @Test
    void skipsBadUrlEncodingAndHeaderLinesWithoutName() {
        assertThat(feed(event("Event-Name: CHANNEL_ANSWER\nUnique-ID: %zz\n\n"), "garbage line\n\n", GOOD))
                .containsExactly(GOOD);
        assertThat(malformed.sum()).isEqualTo(2);
    }

    @Test
    void waitsForATruncatedBodyThenGoesOn() {
        assertThat(feed(GOOD.substring(0, GOOD.length() - 5))).isEmpty();
        assertThat(feed(GOOD.substring(GOOD.length() - 5), REPLY)).containsExactly(GOOD, REPLY);
    }

    @Test
    void decodesEveryEventOfTheRealCaptureExactlyAndPassesTheRestOn() throws Exception {
        List<Map<String, String>> decoded = new ArrayList<>();
        EmbeddedChannel decoding = new EmbeddedChannel(new EslFrameGuard(64 * 1024, 8 << 20, malformed, decoded::add));
        byte[] bytes;
        try (var in = getClass().getResourceAsStream("/simulator/freeswitch/callcenter-plain.esl")) {
            bytes = in.readAllBytes();
        }
        for (int i = 0; i < bytes.length; i += 1500) { // TCP-sized pieces
            decoding.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(1500, bytes.length - i)));
        }
        List<String> passedOn = new ArrayList<>();
        ByteBuf b;
        while ((b = decoding.readInbound()) != null) {
            passedOn.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        List<Map<String, String>> expected = FreeSwitchCapture.load("callcenter-plain").events().stream()
                .filter(h -> !"BACKGROUND_JOB".equals(h.get("Event-Name"))).toList();
        assertThat(decoded).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(decoded.get(i)).as("event " + i).isEqualTo(expected.get(i));
        }
        assertThat(passedOn).anyMatch(f -> f.contains("Content-Type: auth/request"))
                .anyMatch(f -> f.contains("command/reply")).anyMatch(f -> f.contains("BACKGROUND_JOB"));
        assertThat(malformed.sum()).isZero();
    }

    @Test
    void dropsAnEndlessHeaderBlock() {
        assertThat(feed("X-Header: " + "y".repeat(2000))).isEmpty();
        assertThat(malformed.sum()).isEqualTo(1);
        assertThat(feed(GOOD)).containsExactly(GOOD);
    }
}
