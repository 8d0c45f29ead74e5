package io.switchboard.pbx.freeswitch;

import io.switchboard.calls.LiveChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows of a FreeSWITCH 1.10 {@code show channels as json} reply, column by column. */
class EslLiveChannelsTest {

    static String resource(String name) throws IOException {
        try (InputStream in = EslLiveChannelsTest.class.getResourceAsStream("/recovery/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(0, new LiveChannel("6f1c2d4e-0d1b-4f7a-9a43-3b2f7c9e0a11",
                        "6f1c2d4e-0d1b-4f7a-9a43-3b2f7c9e0a11", "sofia/external/5551234@203.0.113.7",
                        Instant.ofEpochSecond(1732440000L), true, false, null, "5551234", "Ada Caller", "public",
                        "8005550100", "callcenter", "support@default")),
                // the bridged b-leg shares the a-leg's call_uuid; HELD is answered and on hold
                Arguments.of(1, new LiveChannel("a9d0e1f2-3b4c-4d5e-8f60-718293a4b5c6",
                        "6f1c2d4e-0d1b-4f7a-9a43-3b2f7c9e0a11", "sofia/internal/1001@10.0.0.21",
                        Instant.ofEpochSecond(1732440031L), true, true, null, "5551234", "Ada Caller", "default",
                        "1001", null, null)),
                // ringing; an empty call_uuid means the channel is a call of its own
                Arguments.of(2, new LiveChannel("c3b2a190-8f7e-4d6c-9b5a-4f3e2d1c0b9a",
                        "c3b2a190-8f7e-4d6c-9b5a-4f3e2d1c0b9a", "sofia/internal/1002@10.0.0.22",
                        Instant.ofEpochSecond(1732440130L), false, false, null, "1002", null, "default", "2000",
                        "bridge", "user/2000")));
    }

    @ParameterizedTest(name = "row {0}")
    @MethodSource("rows")
    void eachRowTranslates(int index, LiveChannel expected) throws IOException {
        assertThat(EslLiveChannels.parse(resource("show-channels.json")).get(index)).isEqualTo(expected);
    }

    @Test
    void noChannelsIsOnlyACount() throws IOException {
        assertThat(EslLiveChannels.parse(resource("show-channels-empty.json"))).isEmpty();
    }

    @Test
    void errorsAndOtherTextAreRefused() {
        assertThatThrownBy(() -> EslLiveChannels.parse("-ERR show not found\n")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EslLiveChannels.parse("uuid,direction\n\n0 total.\n"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EslLiveChannels.parse("{\"rows\":[]}")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rowsWithoutUuidAreSkipped() {
        assertThat(EslLiveChannels.parse("{\"row_count\":2,\"rows\":[{\"uuid\":\"\"},{\"uuid\":\"u1\",\"created_epoch\":\"x\"}]}"))
                .extracting(LiveChannel::legId, LiveChannel::createdAt).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("u1", null));
    }
}
