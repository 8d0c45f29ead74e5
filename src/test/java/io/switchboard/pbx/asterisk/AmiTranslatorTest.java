package io.switchboard.pbx.asterisk;

import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The translation table, row by row, on frames taken from the real Asterisk 22 captures. */
class AmiTranslatorTest {

    private static final Instant RX = Instant.parse("2026-11-23T20:00:00Z");
    private final AmiTranslator translator = new AmiTranslator("ast1", Set.of("CUSTOMER_ID", "caller_tag"));

    /** The first frame of the capture with that event name (and optional extra condition). */
    static AmiFrame real(String trace, String event, Predicate<AmiFrame> extra) {
        return CapturedTrace.load(trace).events().stream()
                .filter(f -> event.equals(f.eventName()) && extra.test(f)).findFirst()
                .orElseThrow(() -> new AssertionError(event + " not in " + trace));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("queue-calls", "Newchannel", (Predicate<AmiFrame>) f -> true, LegCreated.class),
                Arguments.of("queue-calls", "NewCallerid", (Predicate<AmiFrame>) f -> true, CallerIdUpdated.class),
                Arguments.of("queue-calls", "LocalBridge", (Predicate<AmiFrame>) f -> true, LegsLinked.class),
                Arguments.of("queue-calls", "Newstate", (Predicate<AmiFrame>) f -> "5".equals(f.get("ChannelState")),
                        LegRinging.class),
                Arguments.of("queue-calls", "Newstate", (Predicate<AmiFrame>) f -> "6".equals(f.get("ChannelState")),
                        LegAnswered.class),
                Arguments.of("queue-calls", "DialBegin", (Predicate<AmiFrame>) f -> true, DialStarted.class),
                Arguments.of("queue-calls", "DialEnd", (Predicate<AmiFrame>) f -> true, DialEnded.class),
                Arguments.of("queue-calls", "BridgeEnter", (Predicate<AmiFrame>) f -> true, LegBridged.class),
                Arguments.of("queue-calls", "BridgeLeave", (Predicate<AmiFrame>) f -> true, LegUnbridged.class),
                Arguments.of("queue-calls", "QueueCallerJoin", (Predicate<AmiFrame>) f -> true, QueueJoined.class),
                Arguments.of("queue-calls", "QueueCallerLeave", (Predicate<AmiFrame>) f -> true, QueueLeft.class),
                Arguments.of("queue-calls", "AgentCalled", (Predicate<AmiFrame>) f -> true, AgentOffered.class),
                Arguments.of("queue-calls", "AgentConnect", (Predicate<AmiFrame>) f -> true, AgentConnected.class),
                Arguments.of("queue-calls", "AgentComplete", (Predicate<AmiFrame>) f -> true, AgentCompleted.class),
                Arguments.of("queue-calls", "HangupRequest", (Predicate<AmiFrame>) f -> true, LegHangupRequested.class),
                Arguments.of("queue-calls", "Hangup", (Predicate<AmiFrame>) f -> true, LegHangup.class),
                Arguments.of("queue-calls", "Newexten", (Predicate<AmiFrame>) f -> "1".equals(f.get("Priority")),
                        DialplanEntered.class),
                Arguments.of("queue-abandon", "QueueCallerAbandon", (Predicate<AmiFrame>) f -> true,
                        QueueAbandoned.class),
                Arguments.of("agi-noserver", "VarSet", (Predicate<AmiFrame>) f -> "AGISTATUS".equals(f.get("Variable")),
                        RoutingResult.class),
                Arguments.of("agi-noserver", "VarSet", (Predicate<AmiFrame>) f -> "CUSTOMER_ID".equals(f.get("Variable")),
                        IvrData.class));
    }

    @ParameterizedTest(name = "{1} -> {3}")
    @MethodSource("table")
    void translatesRealFrames(String trace, String event, Predicate<AmiFrame> extra, Class<?> expected) {
        AmiFrame f = real(trace, event, extra);
        CallEvent e = translator.translate(f, RX);
        assertThat(e).isInstanceOf(expected);
        assertThat(e.meta().nodeId()).isEqualTo("ast1");
        assertThat(e.meta().receivedAt()).isEqualTo(RX);
        assertThat(e.pbxTime()).isNotEqualTo(RX); // the PBX's own Timestamp was used
        assertThat(e.callId()).isNotBlank();
    }

    @Test
    void keepsMicrosecondsOfThePbxTimestamp() {
        CallEvent e = translator.translate(AmiFrame.of("Event", "Hangup", "Timestamp", "1795463913.981706",
                "Uniqueid", "1.2", "Linkedid", "1.1", "Cause", "16", "Cause-txt", "Normal Clearing"), RX);
        assertThat(e.pbxTime()).isEqualTo(Instant.ofEpochSecond(1795463913L, 981_706_000L));
        assertThat(((LegHangup) e).cause()).isEqualTo(16);
        assertThat(e.legId()).isEqualTo("1.2");
        assertThat(e.callId()).isEqualTo("1.1");
    }

    @Test
    void fieldsOfAgentConnectComeFromTheFrame() {
        AgentConnected e = (AgentConnected) translator.translate(real("queue-calls", "AgentConnect", f -> true), RX);
        assertThat(e.queue()).isEqualTo("support");
        assertThat(e.agentInterface()).startsWith("Local/agent");
        assertThat(e.agentName()).startsWith("Agent ");
        assertThat(e.agentLegId()).isNotBlank().isNotEqualTo(e.legId());
    }

    @Test
    void missingTimestampFallsBackToReceiveTime() {
        CallEvent e = translator.translate(AmiFrame.of("Event", "Hold", "Uniqueid", "1.2", "Linkedid", "1.1"), RX);
        assertThat(e).isInstanceOf(LegHeld.class);
        assertThat(e.pbxTime()).isEqualTo(RX);
    }

    @Test
    void inheritedIvrVariableNamesAreNormalized() {
        CallEvent e = translator.translate(AmiFrame.of("Event", "VarSet", "Uniqueid", "1.2", "Linkedid", "1.1",
                "Variable", "__CALLER_TAG", "Value", "vip"), RX);
        assertThat(e).isEqualTo(new IvrData(e.meta(), "CALLER_TAG", "vip"));
    }

    @Test
    void customUserEventsKeepTheirHeaders() {
        CallEvent e = translator.translate(AmiFrame.of("Event", "UserEvent", "Privilege", "user,all",
                "UserEvent", "CustomerIdentified", "Uniqueid", "1.2", "Linkedid", "1.1", "Account", "A-77"), RX);
        assertThat(e).isInstanceOfSatisfying(UserEvent.class, u -> {
            assertThat(u.name()).isEqualTo("CustomerIdentified");
            assertThat(u.headers()).containsEntry("Account", "A-77").doesNotContainKey("Privilege");
        });
    }

    @Test
    void countsIgnoredUnknownAndInvalidSeparately() {
        assertThat(translator.translate(AmiFrame.of("Event", "Cdr", "UniqueID", "1.1"), RX)).isNull();
        assertThat(translator.translate(AmiFrame.of("Event", "SomethingNew", "Uniqueid", "1.1"), RX)).isNull();
        // an unreadable cause only makes the cause unknown: the hangup itself is kept
        assertThat(translator.translate(AmiFrame.of("Event", "Hangup", "Uniqueid", "1.1", "Cause", "abc"), RX))
                .isInstanceOfSatisfying(LegHangup.class, h -> assertThat(h.cause()).isZero());
        assertThat(translator.translate(AmiFrame.of("Response", "Success"), RX)).isNull();
        assertThat(translator.stats().ignoredCount()).isEqualTo(1);
        assertThat(translator.stats().unknownCount()).isEqualTo(1);
        assertThat(translator.stats().invalidCount()).isEqualTo(1);
        assertThat(translator.stats().translatedCount()).isEqualTo(1);
        assertThat(translator.stats().unreadableCount()).isEqualTo(1);
    }

    @Test
    void everyEventOfEveryCaptureIsKnown() {
        for (String trace : new String[]{"queue-calls", "queue-abandon", "agi-noserver", "agi-fastagi"}) {
            CapturedTrace.load(trace).events().forEach(f -> translator.translate(f, RX));
        }
        assertThat(translator.stats().unknownCount()).isZero();
        assertThat(translator.stats().invalidCount()).isZero();
    }
}
