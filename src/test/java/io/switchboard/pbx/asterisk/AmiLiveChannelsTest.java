package io.switchboard.pbx.asterisk;

import io.switchboard.calls.LiveChannel;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** CoreShowChannel events of an Asterisk 22 CoreShowChannels reply, field by field. */
class AmiLiveChannelsTest {

    static final Instant TAKEN = Instant.parse("2024-11-24T09:22:05Z");

    static List<AmiFrame> reply() throws IOException {
        try (InputStream in = AmiLiveChannelsTest.class.getResourceAsStream("/recovery/coreshowchannels.ami")) {
            AmiFrameReader reader = new AmiFrameReader(in);
            List<AmiFrame> frames = new ArrayList<>();
            AmiFrameReader.Sink none = f -> { };
            for (AmiFrame f = reader.next(none); f != null; f = reader.next(none)) {
                frames.add(f);
            }
            return frames;
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(1, new LiveChannel("1732440000.16", "1732440000.16", "PJSIP/trunk-00000010",
                        TAKEN.minusSeconds(125), true, false, "5e3e6a3c-7f0b-4a55-9d51-2f6d6c1b9a10", "5551234",
                        "Ada Caller", "from-pstn", "8005550100", "Queue", "support,tT,,,300")),
                Arguments.of(2, new LiveChannel("1732440000.17", "1732440000.16", "PJSIP/agent1-00000011",
                        TAKEN.minusSeconds(100), true, false, "5e3e6a3c-7f0b-4a55-9d51-2f6d6c1b9a10", "1001",
                        "Agent One", "from-queue", "8005550100", "AppQueue", "(Outgoing Line)")),
                // ringing, not bridged, caller id <unknown>, hours past a day
                Arguments.of(3, new LiveChannel("1732440000.18", "1732440000.18", "PJSIP/1002-00000012",
                        TAKEN.minus(Duration.ofHours(27).plusMinutes(3).plusSeconds(9)), false, false, null, null,
                        null, "from-internal", "2000", "Dial", "PJSIP/2000,30")));
    }

    @ParameterizedTest(name = "CoreShowChannel #{0}")
    @MethodSource("rows")
    void eachChannelTranslates(int index, LiveChannel expected) throws IOException {
        assertThat(AmiLiveChannels.of(reply().get(index), TAKEN)).isEqualTo(expected);
    }

    @Test
    void aChannelWithoutUniqueidIsSkipped() throws IOException {
        assertThat(AmiLiveChannels.of(reply().get(4), TAKEN)).isNull();
    }

    @Test
    void unreadableDurationsLeaveTheStartUnknown() {
        assertThat(AmiLiveChannels.duration("00:00:07")).isEqualTo(Duration.ofSeconds(7));
        assertThat(AmiLiveChannels.duration("not-a-duration")).isNull();
        assertThat(AmiLiveChannels.duration("1:2")).isNull();
        assertThat(AmiLiveChannels.duration("-1:00:00")).isNull();
        assertThat(AmiLiveChannels.duration(null)).isNull();
    }

    /** The reader thread keeps the reply's events from asterisk-java and hands the snapshot on at its end. */
    @Test
    void snapshotEventsAreCollectedAndHandedOnAtTheCompleteEvent() throws IOException {
        AmiSnapshots snapshots = new AmiSnapshots(Runnable::run);
        CompletableFuture<List<LiveChannel>> result = new CompletableFuture<>();
        List<List<LiveChannel>> atPosition = new ArrayList<>();
        String token = snapshots.register(result, atPosition::add);
        List<Boolean> consumed = new ArrayList<>();
        for (AmiFrame f : reply()) {
            consumed.add(snapshots.intercept(f.with("ActionID", "4c1f_" + token)));
        }
        assertThat(consumed).containsExactly(false, true, true, true, true, true);
        assertThat(atPosition).hasSize(1);
        assertThat(atPosition.getFirst()).extracting(LiveChannel::legId)
                .containsExactly("1732440000.16", "1732440000.17", "1732440000.18");
        assertThat(result).isCompletedWithValue(atPosition.getFirst());
        assertThat(snapshots.inFlight()).isZero();
        assertThat(snapshots.intercept(reply().get(1))).as("another action's events pass on").isFalse();
    }
}
