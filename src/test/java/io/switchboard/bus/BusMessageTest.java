package io.switchboard.bus;

import io.switchboard.calls.CallResync;
import io.switchboard.calls.LiveChannel;
import io.switchboard.events.CallEvent;
import io.switchboard.simulator.GeneratedCall;
import io.switchboard.simulator.ScenarioMix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bus's wire format: every event the collectors produce comes back equal, whatever its type. */
class BusMessageTest {

    private static List<CallEvent> everything() {
        List<CallEvent> all = new ArrayList<>();
        for (String trace : List.of("queue-calls", "queue-abandon", "agi-noserver", "agi-fastagi")) {
            all.addAll(BusEvents.asteriskCapture("ast1", trace));
        }
        for (String capture : List.of("callcenter-plain", "callcenter-json")) {
            all.addAll(BusEvents.freeswitchCapture("fs1", capture));
        }
        List<GeneratedCall> calls = new ScenarioMix(5).calls(60); // transfers of every kind, holds, abandons
        all.addAll(BusEvents.asteriskTimed("sim", ScenarioMix.schedule(calls, 10.0)));
        all.addAll(BusEvents.handMade("ast2"));
        return all;
    }

    @Test
    void everyEventOfEveryTypeRoundTrips() {
        List<CallEvent> all = everything();
        for (CallEvent e : all) {
            BusMessage back = BusMessage.decode(BusMessage.event("asterisk", e, false).encode());
            assertThat(back.event()).as(e.type()).isEqualTo(e);
            assertThat(back.pbxType()).isEqualTo("asterisk");
            assertThat(back.node()).isEqualTo(e.meta().nodeId());
        }
        Set<String> types = Arrays.stream(CallEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = all.stream().map(CallEvent::type).collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).as("event types covered").isEqualTo(types);
    }

    @Test
    void theReplayHintsRoundTrip() {
        CallEvent e = BusEvents.handMade("ast1").getFirst();
        assertThat(BusMessage.decode(BusMessage.event("asterisk", e, true).encode()).opens()).isTrue();
        assertThat(BusMessage.decode(BusMessage.event("asterisk", e, false).encode()).opens()).isFalse();
        assertThat(BusMessage.decode(BusMessage.needing("asterisk", e, "A-1").encode()))
                .isEqualTo(BusMessage.needing("asterisk", e, "A-1"));
    }

    @Test
    void forgetRoundTrips() {
        BusMessage m = BusMessage.decode(BusMessage.forget("fs1", "freeswitch", "a-leg").encode());
        assertThat(m).isEqualTo(BusMessage.forget("fs1", "freeswitch", "a-leg"));
        assertThat(BusMessage.key("fs1", "a-leg")).isEqualTo("fs1:a-leg");
        assertThat(BusMessage.key("fs1", null)).isEqualTo("fs1");
    }

    @Test
    void aSnapshotPartRoundTrips() {
        Instant t = Instant.parse("2026-11-24T06:01:02.123456789Z");
        LiveChannel full = new LiveChannel("1700000000.2", "1700000000.1", "PJSIP/agent1-0000002a", t, true, true,
                "b-1", "1001", "Agent, \"One\"", "from-queue", "800", "AppQueue", "(Outgoing Line)");
        LiveChannel sparse = new LiveChannel("uuid-b", null, null, null, false, false, null, null, null, null, null,
                null, null);
        for (CallResync p : List.of(
                new CallResync("1700000000.1", false, true, List.of("1700000000.1", "1700000000.2"), List.of(full),
                        List.of(sparse), t, t.plusMillis(3), t.minusSeconds(30)),
                new CallResync("uuid-a", true, false, List.of(), List.of(), List.of(full, sparse), t, t, null))) {
            BusMessage m = BusMessage.resync("ast1", "asterisk", p, p.adopts());
            assertThat(BusMessage.decode(m.encode())).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "{\"pbx\":\"asterisk\"}", "{\"node\":\"a\",\"pbx\":\"asterisk\",\"type\":\"Nope\"}",
            "{\"node\":\"a\",\"pbx\":\"asterisk\",\"type\":\"Forget\"}",
            "{\"node\":\"a\",\"pbx\":\"asterisk\",\"type\":\"Resync\",\"callId\":\"c\",\"adopts\":true,"
                    + "\"listed\":true,\"requestedAt\":\"2026-11-24T06:00:00Z\",\"takenAt\":\"2026-11-24T06:00:00Z\"}",
            "{\"node\":\"a\",\"pbx\":\"asterisk\",\"type\":\"Resync\",\"callId\":\"c\",\"adopts\":true,"
                    + "\"listed\":true,\"requestedAt\":\"2026-11-24T06:00:00Z\",\"takenAt\":\"2026-11-24T06:00:00Z\","
                    + "\"listedLegs\":[],\"known\":[],\"joining\":[{\"callId\":\"c\",\"answered\":true,\"held\":false}]}",
            "{\"node\":\"a\",\"pbx\":\"asterisk\",\"type\":\"LegRinging\",\"pbxTime\":\"yesterday\","
                    + "\"receivedAt\":\"2026-11-24T06:00:00Z\"}",
            "{\"node\":\"a\",\"pbx\":\"asterisk\",\"type\":\"LegBridged\",\"pbxTime\":\"2026-11-24T06:00:00Z\","
                    + "\"receivedAt\":\"2026-11-24T06:00:00Z\",\"bridgeId\":\"b\"}",
            "{\"node\":\"a\",\"pbx\":\"asterisk\",\"type\":\"AgentStateChanged\",\"pbxTime\":\"2026-11-24T06:00:00Z\","
                    + "\"receivedAt\":\"2026-11-24T06:00:00Z\",\"state\":\"DANCING\"}"})
    void anythingElseIsRejectedWithAReason(String json) {
        assertThatThrownBy(() -> BusMessage.decode(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }
}
