package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.Fuzz;
import io.switchboard.pbx.TranslationStats;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the ESL translator over runs of real events (plain and json captures) with their
 * headers broken: it never throws, each event lands in exactly one counter, and the per-channel
 * state it keeps is released by CHANNEL_DESTROY whatever came before, so it cannot grow without
 * bound on a node whose channels end.
 */
class EslTranslatorFuzzTest {

    private static final List<Map<String, String>> PLAIN = FreeSwitchCapture.load("callcenter-plain").events();
    private static final List<Map<String, String>> JSON = FreeSwitchCapture.load("callcenter-json").events();
    private static final Instant RX = Instant.parse("2026-11-24T10:00:00Z");

    static Map<String, String> edit(Map<String, String> event, List<Fuzz.FieldEdit> edits, List<Map<String, String>> donors) {
        List<String[]> headers = new ArrayList<>();
        event.forEach((k, v) -> headers.add(new String[]{k, v}));
        for (Fuzz.FieldEdit e : edits) {
            if (headers.isEmpty()) {
                break;
            }
            int at = e.field() % headers.size();
            String[] h = headers.get(at);
            Map<String, String> donor = donors.get(e.donor() % donors.size());
            switch (e.op()) {
                case DROP -> headers.remove(at);
                case DUPLICATE -> headers.set(at, new String[]{h[0], h[1] + h[1]});
                default -> headers.set(at, new String[]{h[0], Fuzz.value(e, h[1],
                        donor.getOrDefault(h[0], donor.values().iterator().next()))});
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach(h -> out.putIfAbsent(h[0], h[1]));
        return out;
    }

    /** Headers the translator reads; edits aimed at them find what the table does with bad values. */
    private static final List<String> READ = List.of("Event-Name", "Unique-ID", "Other-Leg-Unique-ID",
            "Event-Date-Timestamp", "variable_hangup_cause_q850", "Hangup-Cause", "CC-Action", "CC-Member-Session-UUID",
            "CC-Agent-Called-Time", "CC-Agent-Answered-Time", "CC-Member-Joined-Time", "variable_transfer_history",
            "variable_other_loopback_leg_uuid", "Event-Subclass", "CC-Agent", "CC-Agent-Status");

    @Provide
    Arbitrary<List<Map<String, String>>> brokenRuns() {
        Arbitrary<List<Fuzz.FieldEdit>> edits = Fuzz.fieldEdits(4).injectNull(0.5);
        Arbitrary<Fuzz.FieldEdit> aimed = Combinators.combine(Arbitraries.of(Fuzz.FieldOp.class),
                Arbitraries.integers().between(0, READ.size() - 1), Arbitraries.integers().between(0, 10_000),
                Arbitraries.strings().ofMaxLength(8)).as(Fuzz.FieldEdit::new).injectNull(0.5);
        return Combinators.combine(Arbitraries.of(PLAIN, JSON), Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(1, 80), edits.list().ofSize(80), aimed.list().ofSize(80)).as(
                (capture, start, count, perEvent, perEventAimed) -> {
                    List<Map<String, String>> run = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        Map<String, String> real = capture.get((start + i) % capture.size());
                        Map<String, String> e = perEvent.get(i) == null ? real : edit(real, perEvent.get(i), capture);
                        Fuzz.FieldEdit a = perEventAimed.get(i);
                        if (a != null) {
                            e = new LinkedHashMap<>(e);
                            String name = READ.get(a.field());
                            String v = Fuzz.value(a, e.getOrDefault(name, "1"), capture.get(a.donor() % capture.size())
                                    .getOrDefault(name, "x"));
                            if (a.op() == Fuzz.FieldOp.DROP) {
                                e.remove(name);
                            } else {
                                e.put(name, v);
                            }
                        }
                        run.add(e);
                    }
                    return run;
                });
    }

    private static long counted(TranslationStats s) {
        return s.translatedCount() + s.ignoredCount() + s.unknownCount() + s.invalidCount();
    }

    @Property(seed = Fuzz.SEED)
    void brokenEventsAreCountedOnceAndChannelStateEndsWithTheChannels(@ForAll("brokenRuns") List<Map<String, String>> run) {
        EslTranslator t = new EslTranslator("fuzz", Set.of("CUSTOMER_ID", "IVR_INTENT"));
        Set<String> values = new HashSet<>();
        for (Map<String, String> h : run) {
            long before = counted(t.stats());
            t.translate(h, RX, e -> assertThat(e.meta()).isNotNull());
            assertThat(counted(t.stats())).isEqualTo(before + 1);
            values.addAll(h.values());
        }
        // every channel the run could have named ends (one destroy without Unique-ID too)
        t.translate(Map.of("Event-Name", "CHANNEL_DESTROY"), RX, e -> { });
        for (String v : values) {
            t.translate(Map.of("Event-Name", "CHANNEL_DESTROY", "Unique-ID", v), RX, e -> { });
        }
        assertThat(t.trackedLegs()).isZero();
        assertThat(t.rememberedLegs()).isZero();
    }

    /** Headers that only refine their event; docs/events.md gives the fallback of each. */
    private static final List<String> REFINING = List.of("Event-Date-Timestamp", "variable_hangup_cause_q850",
            "CC-Agent-Called-Time", "CC-Agent-Answered-Time", "CC-Member-Joined-Time", "CC-Member-Leaving-Time");

    /**
     * An unreadable refining number used to drop the whole event (a hangup included): now each
     * real event gives the same events whether the field is unreadable or absent.
     */
    @Property(seed = Fuzz.SEED)
    void aBrokenRefiningNumberNeverDropsTheEvent(@ForAll @IntRange(min = 0, max = 100_000) int index,
                                                 @ForAll @IntRange(min = 0, max = 5) int field,
                                                 @ForAll("numbersAndText") String value) {
        Map<String, String> real = PLAIN.get(index % PLAIN.size());
        String header = REFINING.get(field);
        Map<String, String> broken = new LinkedHashMap<>(real);
        broken.put(header, value);
        Map<String, String> without = new LinkedHashMap<>(real);
        without.remove(header);
        List<Class<?>> fromBroken = new ArrayList<>();
        List<Class<?>> fromAbsent = new ArrayList<>();
        EslTranslator a = new EslTranslator("fuzz", Set.of());
        EslTranslator b = new EslTranslator("fuzz", Set.of());
        a.translate(broken, RX, e -> fromBroken.add(e.getClass()));
        b.translate(without, RX, e -> fromAbsent.add(e.getClass()));
        assertThat(fromBroken).as("%s with %s %s", real.get("Event-Name"), header, value).isEqualTo(fromAbsent);
        assertThat(a.stats().invalidCount()).isEqualTo(b.stats().invalidCount());
    }

    @Provide
    Arbitrary<String> numbersAndText() {
        return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().withChars("0123456789.-+eE ").ofMaxLength(30),
                Arbitraries.strings().alpha().ofMaxLength(10));
    }
}
