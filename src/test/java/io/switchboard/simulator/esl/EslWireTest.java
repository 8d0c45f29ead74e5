package io.switchboard.simulator.esl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoders must reproduce what FreeSWITCH 1.10.12 wrote, byte for byte. */
class EslWireTest {

    private static final String PLAIN = "/simulator/freeswitch/callcenter-plain.esl";
    private static final String JSON = "/simulator/freeswitch/callcenter-json.esl";

    static byte[] resource(String path) throws IOException {
        try (InputStream in = EslWireTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    static List<EslFrame> frames(byte[] capture) throws IOException {
        EslFrameReader reader = new EslFrameReader(new ByteArrayInputStream(capture));
        List<EslFrame> out = new ArrayList<>();
        for (EslFrame f = reader.next(); f != null; f = reader.next()) {
            out.add(f);
        }
        return out;
    }

    private static byte[] asCaptured(EslFrame f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((String.join("\n", f.lines()) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(f.body());
        return out.toByteArray();
    }

    /** Decodes every event and encodes it again; the whole capture must come out identical. */
    private static void assertReencodesIdentically(String path, String contentType) throws IOException {
        byte[] capture = resource(path);
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream(capture.length);
        int events = 0;
        for (EslFrame f : frames(capture)) {
            if (!f.isEvent()) {
                rebuilt.writeBytes(asCaptured(f));
                continue;
            }
            assertThat(f.contentType()).isEqualTo(contentType);
            SimEvent e = EslTrace.decode(f);
            String text = contentType.equals(EslWire.PLAIN) ? EslWire.plainEvent(e) : EslJson.encode(e);
            byte[] frame = EslWire.eventFrame(contentType, text);
            assertThat(new String(frame, StandardCharsets.UTF_8)).as("event %d", events)
                    .isEqualTo(new String(asCaptured(f), StandardCharsets.UTF_8));
            rebuilt.writeBytes(frame);
            events++;
        }
        assertThat(events).isGreaterThan(2000);
        assertThat(rebuilt.toByteArray()).isEqualTo(capture);
    }

    @Test
    void everyPlainEventReencodesToTheCapturedBytes() throws IOException {
        assertReencodesIdentically(PLAIN, EslWire.PLAIN);
    }

    @Test
    void everyJsonEventReencodesToTheCapturedBytes() throws IOException {
        assertReencodesIdentically(JSON, EslWire.JSON);
    }

    @Test
    void plainEncodingParsesBackToTheSameEvent() throws IOException {
        for (TimedEslEvent te : EslTrace.load(PLAIN)) {
            SimEvent e = te.event();
            byte[] body = EslWire.plainEvent(e).getBytes(StandardCharsets.UTF_8);
            assertThat(EslWire.parsePlainEvent(body)).isEqualTo(e);
        }
    }

    @Test
    void jsonAndPlainAgreeOnArraysAndBodies() {
        SimEvent e = new SimEvent(SimEvent.of("Event-Name", "CHANNEL_EXECUTE", "variable_DP_MATCH",
                "ARRAY::agent-talk-4000|:4000", "Quote", "say \"hi\"\\\t\u0001 ü").headers(), "+OK done\n");
        String json = EslJson.encode(e);
        assertThat(json).isEqualTo("{\"Event-Name\":\"CHANNEL_EXECUTE\",\"variable_DP_MATCH\":[\"agent-talk-4000\","
                + "\"4000\"],\"Quote\":\"say \\\"hi\\\"\\\\\\t\\u0001 ü\",\"Content-Length\":\"9\","
                + "\"_body\":\"+OK done\\n\"}");
        assertThat(EslJson.parse(json)).isEqualTo(e);
        assertThat(EslWire.plainEvent(e)).isEqualTo("""
                Event-Name: CHANNEL_EXECUTE
                variable_DP_MATCH: ARRAY%3A%3Aagent-talk-4000%7C%3A4000
                Quote: say%20%22hi%22%5C%09%01%20%C3%BC
                Content-Length: 9

                +OK done
                """);
        assertThat(EslWire.parsePlainEvent(EslWire.plainEvent(e).getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
    }

    @Test
    void urlEncodingFollowsFreeSwitch() {
        assertThat(EslWire.urlEncode("Mon, 23 Nov 2026 20:01:22 GMT")).isEqualTo("Mon,%2023%20Nov%202026%2020%3A01%3A22%20GMT");
        assertThat(EslWire.urlEncode("tone_stream://%(1000,4000,440);loops=-1"))
                .isEqualTo("tone_stream%3A//%25(1000,4000,440)%3Bloops%3D-1");
        assertThat(EslWire.urlEncode("1.10.12-release+git~x")).isEqualTo("1.10.12-release%2Bgit~x");
        assertThat(EslWire.urlEncode("{a=b}loopback/x &park()")).isEqualTo("%7Ba%3Db%7Dloopback/x%20%26park()");
        // an existing upper-case escape is not escaped again, as switch_url_encode does
        assertThat(EslWire.urlEncode("50%20off %2a")).isEqualTo("50%20off%20%252a");
        assertThat(EslWire.urlDecode("a+b%2Bc%3a")).isEqualTo("a+b+c:");
        assertThat(EslWire.urlDecode("%C3%BC%")).isEqualTo("ü%");
    }

    @Test
    void readerHandlesEmptyBodiesAndCaseInsensitiveHeaders() throws IOException {
        byte[] bytes = "Content-Type: api/response\nContent-Length: 0\n\nContent-Type: command/reply\nReply-Text: +OK\n\n"
                .getBytes(StandardCharsets.US_ASCII);
        List<EslFrame> frames = frames(bytes);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).body()).isEmpty();
        assertThat(frames.get(1).header("reply-text")).isEqualTo("+OK");
    }
}
