package io.switchboard.pbx.asterisk.ami;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input is counted and skipped; the frames around it still arrive. */
class AmiFrameReaderTest {

    private static final String GOOD_1 = "Event: Newchannel\r\nChannel: PJSIP/100-1\r\nUniqueid: 1.1\r\n\r\n";
    private static final String GOOD_2 = "Event: Hangup\r\nUniqueid: 1.1\r\nCause: 16\r\n\r\n";

    record Result(List<AmiFrame> frames, List<String> problems, String banner, AmiFrameReader reader) {
    }

    private static Result read(byte[] bytes) throws IOException {
        List<AmiFrame> frames = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] banner = new String[1];
        AmiFrameReader reader = new AmiFrameReader(new ByteArrayInputStream(bytes), 64 * 1024, 1024);
        reader.readAll(new AmiFrameReader.Sink() {
            @Override
            public void frame(AmiFrame frame) {
                frames.add(frame);
            }

            @Override
            public void malformed(String reason) {
                problems.add(reason);
            }

            @Override
            public void banner(String b) {
                banner[0] = b;
            }
        });
        return new Result(frames, problems, banner[0], reader);
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof byte[] bytes ? bytes : p.toString().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    void readsBannerAndFramesWithCrlfOrBareLf() throws IOException {
        Result r = read(concat("Asterisk Call Manager/11.0.0\r\n", GOOD_1, GOOD_2.replace("\r\n", "\n")));
        assertThat(r.banner()).isEqualTo("Asterisk Call Manager/11.0.0");
        assertThat(r.frames()).extracting(AmiFrame::eventName).containsExactly("Newchannel", "Hangup");
        assertThat(r.frames().get(0).get("uniqueid")).isEqualTo("1.1");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void keepsEmptyValuesAndDuplicateHeaders() throws IOException {
        Result r = read(concat("Event: VarSet\r\nAccountCode: \r\nChanVariable: A=1\r\nChanVariable: B=2\r\n\r\n"));
        AmiFrame f = r.frames().getFirst();
        assertThat(f.get("AccountCode")).isEmpty();
        assertThat(f.getAll("ChanVariable")).containsExactly("A=1", "B=2");
    }

    @Test
    void skipsGarbageLinesFrameAndGoesOn() throws IOException {
        Result r = read(concat(GOOD_1, "this is not a header\r\nEvent: X\r\n\r\n", GOOD_2));
        assertThat(r.frames()).extracting(AmiFrame::eventName).containsExactly("Newchannel", "Hangup");
        assertThat(r.problems()).hasSize(1).first().asString().contains("without header name");
        assertThat(r.reader().malformedFrames()).isEqualTo(1);
    }

    @Test
    void skipsOneMegabyteHeader() throws IOException {
        String huge = "Event: VarSet\r\nValue: " + "x".repeat(1 << 20) + "\r\n\r\n";
        Result r = read(concat(GOOD_1, huge, GOOD_2));
        assertThat(r.frames()).extracting(AmiFrame::eventName).containsExactly("Newchannel", "Hangup");
        assertThat(r.problems()).singleElement().asString().contains("longer than");
    }

    @Test
    void decodesBadUtf8WithReplacementAndCountsIt() throws IOException {
        byte[] bad = {'C', 'a', 'l', 'l', 'e', 'r', 'I', 'D', 'N', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28,
                (byte) 0xFF, '\r', '\n'};
        Result r = read(concat("Event: NewCallerid\r\n", bad, "Uniqueid: 1.1\r\n\r\n", GOOD_2));
        assertThat(r.frames()).hasSize(2);
        assertThat(r.frames().getFirst().get("CallerIDName")).contains("\uFFFD");
        assertThat(r.reader().badEncodings()).isEqualTo(1);
    }

    @Test
    void truncatedLastFrameIsCountedNotDelivered() throws IOException {
        Result r = read(concat(GOOD_1, "Event: Hangup\r\nUniqueid: 1."));
        assertThat(r.frames()).hasSize(1);
        assertThat(r.problems()).singleElement().asString().contains("truncated");
    }

    @Test
    void rejectsControlCharactersInsideValues() throws IOException {
        Result r = read(concat("Event: UserEvent\r\nData: a\u0000b\r\n\r\n", GOOD_2));
        assertThat(r.frames()).extracting(AmiFrame::eventName).containsExactly("Hangup");
        assertThat(r.problems()).hasSize(1);
    }

    @Test
    void builderRefusesLineBreaksSoNoActionCanBeSmuggled() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        AmiFrame.of("Action", "Originate", "Exten", "123\r\nAction: Command\r\nCommand: core stop now"))
                .isInstanceOf(io.switchboard.pbx.UnsafePbxValueException.class)
                .hasMessageContaining("Exten");
    }
}
