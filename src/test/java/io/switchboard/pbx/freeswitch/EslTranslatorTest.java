package io.switchboard.pbx.freeswitch;

import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The ESL translation table, row by row, on events of the real FreeSWITCH 1.10 capture. */
class EslTranslatorTest {

    private static final Instant RX = Instant.parse("2026-11-23T20:00:00Z");
    static FreeSwitchCapture capture;

    @BeforeAll
    static void load() {
        capture = FreeSwitchCapture.load("callcenter-plain");
    }

    /** Translates the capture up to and including the first event matching {@code which}; returns that event's output. */
    static List<CallEvent> translateUntil(Predicate<Map<String, String>> which) {
        EslTranslator t = new EslTranslator("fs1", Set.of());
        for (Map<String, String> h : capture.events()) {
            List<CallEvent> out = new ArrayList<>();
            t.translate(h, RX, out::add);
            if (which.test(h)) {
                return out;
            }
        }
        throw new AssertionError("no such event in the capture");
    }

    static Predicate<Map<String, String>> event(String name) {
        return h -> name.equals(h.get("Event-Name"));
    }

    static Predicate<Map<String, String>> callcenter(String action) {
        return h -> action.equals(h.get("CC-Action"));
    }

    /** The channel mod_callcenter originates to the agent (the outbound side of the contact). */
    static Predicate<Map<String, String>> agentLeg() {
        return h -> "CHANNEL_CREATE".equals(h.get("Event-Name")) && "agent".equals(h.get("variable_cc_side"))
                && "outbound".equals(h.get("Call-Direction"));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("CHANNEL_CREATE", event("CHANNEL_CREATE"), LegCreated.class),
                Arguments.of("CHANNEL_PROGRESS", event("CHANNEL_PROGRESS"), LegRinging.class),
                Arguments.of("CHANNEL_ANSWER", event("CHANNEL_ANSWER"), LegAnswered.class),
                Arguments.of("CHANNEL_BRIDGE", event("CHANNEL_BRIDGE"), LegBridged.class),
                Arguments.of("CHANNEL_UNBRIDGE", event("CHANNEL_UNBRIDGE"), LegUnbridged.class),
                Arguments.of("CHANNEL_HANGUP", event("CHANNEL_HANGUP"), LegHangupRequested.class),
                Arguments.of("CHANNEL_HANGUP_COMPLETE", event("CHANNEL_HANGUP_COMPLETE"), LegHangup.class),
                Arguments.of("member-queue-start", callcenter("member-queue-start"), QueueJoined.class),
                Arguments.of("agent-offering", callcenter("agent-offering"), AgentOffered.class),
                Arguments.of("the agent's channel is dialled", agentLeg(), DialStarted.class),
                Arguments.of("bridge-agent-start", callcenter("bridge-agent-start"), AgentConnected.class),
                Arguments.of("bridge-agent-fail", callcenter("bridge-agent-fail"), AgentRingNoAnswer.class),
                Arguments.of("bridge-agent-end", callcenter("bridge-agent-end"), AgentCompleted.class),
                Arguments.of("member-queue-end", callcenter("member-queue-end"), QueueLeft.class),
                Arguments.of("member-queue-end (caller left)",
                        callcenter("member-queue-end").and(h -> "Cancel".equals(h.get("CC-Cause"))), QueueAbandoned.class),
                Arguments.of("blind transfer in the transfer history",
                        (Predicate<Map<String, String>>) h -> "CHANNEL_UNBRIDGE".equals(h.get("Event-Name"))
                                && h.getOrDefault("variable_transfer_history", "").contains("bl_xfer"),
                        BlindTransferred.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void translatesRealEvents(String row, Predicate<Map<String, String>> which, Class<?> expected) {
        List<CallEvent> out = translateUntil(which);
        assertThat(out).anySatisfy(e -> {
            assertThat(e).isInstanceOf(expected);
            assertThat(e.meta().nodeId()).isEqualTo("fs1");
            assertThat(e.callId()).isNotBlank();
            assertThat(e.legId()).isNotBlank();
            assertThat(e.pbxTime()).isNotEqualTo(RX);
        });
    }

    @Test
    void agentConnectNamesTheAgentAndItsLegAndKeepsTheCallersCall() {
        List<CallEvent> out = translateUntil(callcenter("bridge-agent-start"));
        AgentConnected c = (AgentConnected) out.stream().filter(AgentConnected.class::isInstance).findFirst().orElseThrow();
        assertThat(c.queue()).isEqualTo("support");
        assertThat(c.agentInterface()).isEqualTo("1001");
        assertThat(c.agentLegId()).isNotEqualTo(c.legId());
        assertThat(c.callId()).isEqualTo("c86602ed-9048-4be2-b01d-eb240f02391f"); // c01's a-leg
    }

    @Test
    void theAgentsChannelIsReportedAsDialledFromTheMember() {
        Map<String, String> offering = capture.events().stream().filter(callcenter("agent-offering")).findFirst().orElseThrow();
        Map<String, String> leg = capture.events().stream().filter(agentLeg()).findFirst().orElseThrow();
        DialStarted d = (DialStarted) translateUntil(agentLeg()).stream().filter(DialStarted.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(d.targetLegId()).isEqualTo(leg.get("Unique-ID"));
        assertThat(d.targetChannel()).isEqualTo("loopback/agent-talk-4000-a");
        assertThat(d.dialString()).isEqualTo("1001");
        assertThat(d.legId()).isEqualTo(offering.get("CC-Member-Session-UUID"));
        assertThat(d.callId()).isEqualTo("c86602ed-9048-4be2-b01d-eb240f02391f");
        // the contact's b-side runs the bridge to the phone: not a dialled agent leg
        assertThat(translateUntil(h -> "CHANNEL_CREATE".equals(h.get("Event-Name"))
                && "agent".equals(h.get("variable_cc_side")) && "inbound".equals(h.get("Call-Direction"))))
                .noneMatch(DialStarted.class::isInstance);
    }

    @Test
    void ignoredUnknownAndInvalidAreCountedApart() {
        EslTranslator t = new EslTranslator("fs1", Set.of());
        List<CallEvent> out = new ArrayList<>();
        t.translate(Map.of("Event-Name", "CODEC", "Unique-ID", "u1"), RX, out::add);
        t.translate(Map.of("Event-Name", "SOMETHING_NEW", "Unique-ID", "u1"), RX, out::add);
        t.translate(Map.of("Event-Name", "CHANNEL_ANSWER"), RX, out::add); // no Unique-ID
        Map<String, String> badCause = new LinkedHashMap<>(Map.of("Event-Name", "CHANNEL_HANGUP_COMPLETE",
                "Unique-ID", "u2", "variable_hangup_cause_q850", "sixteen"));
        t.translate(badCause, RX, out::add); // kept: only its cause is unknown
        t.translate(Map.of("Event-Name", "CHANNEL_CREATE"), RX, out::add); // no Unique-ID
        t.translate(Map.of("Unique-ID", "u3"), RX, out::add); // no Event-Name
        assertThat(out).singleElement().isInstanceOfSatisfying(CallEvent.LegHangup.class,
                h -> assertThat(h.cause()).isZero());
        assertThat(t.stats().ignoredCount()).isEqualTo(1);
        assertThat(t.stats().unknownCount()).isEqualTo(1);
        assertThat(t.stats().invalidCount()).isEqualTo(3);
        assertThat(t.stats().translatedCount()).isEqualTo(1);
        assertThat(t.stats().unreadableCount()).isEqualTo(1);
    }

    @Test
    void ivrVariablesAreReportedWhenTheyChange() {
        EslTranslator t = new EslTranslator("fs1", Set.of("CUSTOMER_ID"));
        List<CallEvent> out = new ArrayList<>();
        Map<String, String> create = Map.of("Event-Name", "CHANNEL_CREATE", "Unique-ID", "u1",
                "Event-Date-Timestamp", "1795464082745024", "variable_CUSTOMER_ID", "4711");
        t.translate(create, RX, out::add);
        t.translate(Map.of("Event-Name", "CHANNEL_ANSWER", "Unique-ID", "u1", "variable_CUSTOMER_ID", "4711"), RX, out::add);
        assertThat(out).filteredOn(IvrData.class::isInstance).singleElement()
                .isEqualTo(new IvrData(out.getFirst().meta(), "CUSTOMER_ID", "4711"));
        assertThat(out.getFirst().pbxTime()).isEqualTo(Instant.ofEpochSecond(1795464082L, 745_024_000L));
    }
}
