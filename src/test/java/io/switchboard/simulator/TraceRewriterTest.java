package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TraceRewriterTest {

    private static final Pattern CHANNEL = Pattern.compile("Local/[^\\s;,|\"]+-[0-9a-f]{8};[12]");
    private final AmiTrace trace = AmiTrace.load("/simulator/asterisk/queue-calls.ami");
    private final TraceRewriter rewriter = new TraceRewriter();

    @Test
    void loadsEventsOnlyWithOffsetsFromTheFirstTimestamp() {
        assertThat(trace.frames()).allSatisfy(tf -> assertThat(tf.frame().isEvent()).isTrue());
        assertThat(trace.frames().get(0).frame().eventName()).isEqualTo("FullyBooted");
        assertThat(trace.frames().get(0).offsetMicros()).isZero();
        assertThat(trace.frames().get(1).offsetMicros()).isZero();
        assertThat(trace.events("OriginateResponse")).hasSize(6);
        assertThat(trace.callIds()).hasSize(6).first().isEqualTo("1795463906.24");
        assertThat(trace.durationMicros()).isGreaterThan(10_000_000L);
    }

    @Test
    void twoRewritesShareNoIdsOrChannelsWithEachOtherOrTheOriginal() {
        List<TimedFrame> first = rewriter.rewrite(trace.frames());
        List<TimedFrame> second = rewriter.rewrite(trace.frames());

        Set<String> originalIds = ids(trace.frames());
        Set<String> firstIds = ids(first);
        Set<String> secondIds = ids(second);
        assertThat(firstIds).hasSameSizeAs(originalIds).doesNotContainAnyElementsOf(originalIds)
                .doesNotContainAnyElementsOf(secondIds);
        assertThat(secondIds).doesNotContainAnyElementsOf(originalIds);

        Set<String> originalChannels = channels(trace.frames());
        Set<String> firstChannels = channels(first);
        Set<String> secondChannels = channels(second);
        assertThat(originalChannels).hasSize(24);
        assertThat(firstChannels).hasSameSizeAs(originalChannels).doesNotContainAnyElementsOf(originalChannels)
                .doesNotContainAnyElementsOf(secondChannels);
        assertThat(secondChannels).doesNotContainAnyElementsOf(originalChannels);

        assertThat(new AmiTrace("first", first).callIds()).hasSize(6).doesNotContainAnyElementsOf(trace.callIds());
    }

    @Test
    void keepsStructureAndEverythingElse() {
        List<TimedFrame> out = rewriter.rewrite(trace.frames());
        assertThat(out).hasSameSizeAs(trace.frames());
        for (int i = 0; i < out.size(); i++) {
            AmiFrame before = trace.frames().get(i).frame();
            AmiFrame after = out.get(i).frame();
            assertThat(out.get(i).offsetMicros()).isEqualTo(trace.frames().get(i).offsetMicros());
            assertThat(after.size()).isEqualTo(before.size());
            for (int h = 0; h < before.size(); h++) {
                assertThat(after.name(h)).isEqualTo(before.name(h));
                String name = before.name(h);
                String value = before.value(h);
                boolean mapped = TraceRewriter.isIdHeader(name) || name.equalsIgnoreCase("ActionID")
                        || CHANNEL.matcher(value).find() || value.contains("bridge_id");
                if (!mapped) {
                    assertThat(after.value(h)).as("%s in %s", name, before.eventName()).isEqualTo(value);
                }
            }
        }
    }

    @Test
    void mapsConsistentlyAcrossHeadersAndEvents() {
        List<TimedFrame> out = rewriter.rewrite(trace.frames());
        AmiFrame newchannel = first(out, "Newchannel");
        String caller = newchannel.get("Channel");
        assertThat(caller).matches("Local/s@inbound-[0-9a-f]{8};1");
        assertThat(newchannel.get("Linkedid")).isEqualTo(newchannel.get("Uniqueid"));

        AmiFrame localBridge = first(out, "LocalBridge");
        assertThat(localBridge.get("LocalOneChannel")).isEqualTo(caller);
        assertThat(localBridge.get("LocalOneUniqueid")).isEqualTo(newchannel.get("Uniqueid"));
        assertThat(localBridge.get("LocalTwoChannel")).isEqualTo(caller.replace(";1", ";2"));

        AmiFrame originate = first(out, "OriginateResponse");
        assertThat(originate.get("Channel")).isEqualTo(caller);
        assertThat(originate.get("Uniqueid")).isEqualTo(newchannel.get("Uniqueid"));
        assertThat(originate.get("ActionID")).matches("rw\\d+-Originate-2");

        AmiFrame create = first(out, "BridgeCreate");
        assertThat(create.get("BridgeUniqueid")).matches("[0-9a-f-]{36}")
                .isNotEqualTo(first(trace.frames(), "BridgeCreate").get("BridgeUniqueid"));
        AmiFrame celEnter = out.stream().map(TimedFrame::frame)
                .filter(f -> "BRIDGE_ENTER".equals(f.get("EventName"))).findFirst().orElseThrow();
        assertThat(celEnter.get("Extra")).contains(create.get("BridgeUniqueid"));

        AmiFrame peer = out.stream().map(TimedFrame::frame)
                .filter(f -> "BRIDGEPEER".equals(f.get("Variable")) && !f.get("Value").isEmpty()).findFirst().orElseThrow();
        assertThat(channels(out)).contains(peer.get("Value"));
    }

    private static AmiFrame first(List<TimedFrame> frames, String event) {
        return frames.stream().map(TimedFrame::frame).filter(f -> event.equals(f.eventName())).findFirst().orElseThrow();
    }

    private static Set<String> ids(List<TimedFrame> frames) {
        Set<String> out = new HashSet<>();
        for (TimedFrame tf : frames) {
            AmiFrame f = tf.frame();
            for (int i = 0; i < f.size(); i++) {
                if (TraceRewriter.isIdHeader(f.name(i)) && !f.value(i).isEmpty()) {
                    out.add(f.value(i));
                }
            }
        }
        return out;
    }

    private static Set<String> channels(List<TimedFrame> frames) {
        Set<String> out = new HashSet<>();
        for (TimedFrame tf : frames) {
            AmiFrame f = tf.frame();
            for (int i = 0; i < f.size(); i++) {
                Matcher m = CHANNEL.matcher(f.value(i));
                while (m.find()) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }
}
