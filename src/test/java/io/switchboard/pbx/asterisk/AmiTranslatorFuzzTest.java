package io.switchboard.pbx.asterisk;

import io.switchboard.events.CallEvent;
import io.switchboard.pbx.Fuzz;
import io.switchboard.pbx.PbxText;
import io.switchboard.pbx.TranslationStats;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the AMI translator over real events with their headers broken (dropped, swapped
 * with another event's, numbers turned into text, huge, empty): it never throws, and every frame
 * lands in exactly one of its counters. It keeps no per-call state, so there is nothing to grow.
 */
class AmiTranslatorFuzzTest {

    private static final List<AmiFrame> EVENTS = loadEvents();
    private static final Instant RX = Instant.parse("2026-11-24T10:00:00Z");

    private static List<AmiFrame> loadEvents() {
        List<AmiFrame> all = new ArrayList<>(CapturedTrace.load("queue-calls").events());
        all.addAll(CapturedTrace.load("agi-noserver").events());
        all.addAll(CapturedTrace.load("queue-abandon").events());
        return all;
    }

    /** The frame with the edits applied; values keep the reader's guarantee (no control characters). */
    static AmiFrame edit(AmiFrame f, List<Fuzz.FieldEdit> edits) {
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            headers.add(new String[]{f.name(i), f.value(i)});
        }
        for (Fuzz.FieldEdit e : edits) {
            if (headers.isEmpty()) {
                break;
            }
            int at = e.field() % headers.size();
            String[] h = headers.get(at);
            AmiFrame donor = EVENTS.get(e.donor() % EVENTS.size());
            switch (e.op()) {
                case DROP -> headers.remove(at);
                case DUPLICATE -> headers.add(e.donor() % (headers.size() + 1), h.clone());
                default -> {
                    String donorValue = donor.getOrDefault(h[0], donor.value(e.donor() % donor.size()));
                    headers.set(at, new String[]{h[0], safe(Fuzz.value(e, h[1], donorValue))});
                }
            }
        }
        AmiFrame.Builder b = AmiFrame.builder();
        headers.forEach(h -> b.add(h[0], h[1]));
        return b.build();
    }

    private static String safe(String v) {
        return PbxText.hasControlCharacters(v) ? v.replaceAll("\\p{Cntrl}", "?") : v;
    }

    private static long counted(TranslationStats s) {
        return s.translatedCount() + s.ignoredCount() + s.unknownCount() + s.invalidCount();
    }

    @Provide
    Arbitrary<List<AmiFrame>> brokenEvents() {
        Arbitrary<AmiFrame> one = Arbitraries.integers().between(0, EVENTS.size() - 1)
                .flatMap(i -> Fuzz.fieldEdits(5).map(edits -> edit(EVENTS.get(i), edits)));
        return one.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(seed = Fuzz.SEED)
    void brokenEventsAreCountedOnceAndNeverThrow(@ForAll("brokenEvents") List<AmiFrame> frames) {
        AmiTranslator t = new AmiTranslator("fuzz", Set.of("CUSTOMER_ID", "IVR_INTENT"));
        for (AmiFrame f : frames) {
            long before = counted(t.stats());
            t.translate(f, RX);
            assertThat(counted(t.stats())).as("counters after %s", f).isEqualTo(before + 1);
        }
    }

    /** Found by the property below: a number past Instant.MAX used to make the event invalid. */
    @Example
    void aTimestampPastInstantMaxFallsBackToReceiveTime() {
        CallEvent e = new AmiTranslator("fuzz", Set.of()).translate(AmiFrame.of("Event", "Hangup",
                "Timestamp", "31556889864403200", "Uniqueid", "1.1", "Linkedid", "1.1", "Cause", "16"), RX);
        assertThat(e).isInstanceOf(CallEvent.LegHangup.class);
        assertThat(e.meta().pbxTime()).isEqualTo(RX);
    }

    @Provide
    Arbitrary<String> timestamps() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.longs().map(s -> s + "." + Math.abs(s % 1_000_000)),
                Arbitraries.strings().withChars("0123456789.-+eE ").ofMaxLength(30),
                Arbitraries.strings().alpha().ofMaxLength(10));
    }

    /**
     * The PBX's timestamp is a detail: when it cannot be read the receive time stands in
     * ({@link AmiTimestamps}), so a broken Timestamp never costs the event itself.
     */
    @Property(seed = Fuzz.SEED)
    void aBrokenTimestampNeverDropsTheEvent(@ForAll @IntRange(min = 0, max = 100_000) int index,
                                            @ForAll("timestamps") String timestamp) {
        AmiFrame real = EVENTS.get(index % EVENTS.size());
        AmiTranslator t = new AmiTranslator("fuzz", Set.of());
        CallEvent withTimestamp = t.translate(real.with("Timestamp", timestamp), RX);
        CallEvent withoutTimestamp = t.translate(real.with("Timestamp", ""), RX);
        assertThat(withTimestamp == null ? null : withTimestamp.getClass())
                .as("%s with Timestamp %s", real.eventName(), timestamp)
                .isEqualTo(withoutTimestamp == null ? null : withoutTimestamp.getClass());
    }

    /** Headers that only refine their event; docs/events.md gives the fallback of each. */
    private static final List<String> REFINING = List.of("Cause", "Position", "OriginalPosition", "HoldTime",
            "RingTime", "TalkTime", "BridgeNumChannels");

    /**
     * Found by the properties above: an unreadable Cause used to drop the whole Hangup. A refining
     * number that cannot be read now gives the event its fallback, is counted, and never costs the event.
     */
    @Property(seed = Fuzz.SEED)
    void aBrokenRefiningNumberNeverDropsTheEvent(@ForAll @IntRange(min = 0, max = 100_000) int index,
                                                 @ForAll @IntRange(min = 0, max = 6) int field,
                                                 @ForAll("timestamps") String value) {
        AmiFrame real = EVENTS.get(index % EVENTS.size());
        String header = REFINING.get(field);
        AmiTranslator t = new AmiTranslator("fuzz", Set.of());
        CallEvent broken = t.translate(real.with(header, value), RX);
        CallEvent without = t.translate(real.with(header, ""), RX);
        assertThat(t.stats().invalidCount()).as("%s with %s %s", real.eventName(), header, value).isZero();
        assertThat(broken == null ? null : broken.getClass()).isEqualTo(without == null ? null : without.getClass());
    }
}
