package io.switchboard.pbx.freeswitch;

import io.switchboard.routing.RouteRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Channel data → route request: call id, node and variables, table-driven. */
class EslRouteRequestsTest {

    static Stream<Arguments> callIds() {
        return Stream.of(
                Arguments.of(Map.of("Unique-ID", "b", "variable_loopback_leg", "B",
                        "variable_other_loopback_leg_uuid", "a"), "a"),
                Arguments.of(Map.of("Unique-ID", "a", "variable_loopback_leg", "A",
                        "variable_other_loopback_leg_uuid", "b"), "a"),
                Arguments.of(Map.of("Unique-ID", "x", "Other-Type", "originator", "Other-Leg-Unique-ID", "o"), "o"),
                Arguments.of(Map.of("Unique-ID", "x", "Other-Type", "originatee", "Other-Leg-Unique-ID", "o"), "x"),
                Arguments.of(Map.of("Unique-ID", "sip-1"), "sip-1"));
    }

    @ParameterizedTest
    @MethodSource("callIds")
    void callIdIsTheFirstChannelsUuid(Map<String, String> headers, String expected) {
        assertThat(EslRouteRequests.callId(headers)).isEqualTo(expected);
    }

    static Stream<Arguments> nodes() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("192.0.2.7");
        Map<String, String> two = Map.of("fs1", "127.0.0.1", "fs2", "192.0.2.7");
        return Stream.of(
                Arguments.of(two, Map.of("FreeSWITCH-Switchname", "FS2"), loopback, "fs2"),
                Arguments.of(two, Map.of("FreeSWITCH-Switchname", "vm"), other, "fs2"),
                Arguments.of(two, Map.of("FreeSWITCH-Switchname", "vm"), loopback, "fs1"),
                Arguments.of(two, Map.of(), InetAddress.getByName("198.51.100.1"), "unknown"),
                Arguments.of(Map.of("only", "192.0.2.9"), Map.of(), loopback, "only"),
                Arguments.of(Map.of("a", "127.0.0.1", "b", "127.0.0.1"), Map.of(), loopback, "a"));
    }

    @ParameterizedTest
    @MethodSource("nodes")
    void nodeBySwitchNameThenAddressThenTheOnlyOne(Map<String, String> configured, Map<String, String> headers,
                                                   InetAddress peer, String expected) {
        assertThat(new EslRouteRequests(configured, List.of()).node(headers, peer)).isEqualTo(expected);
    }

    @Test
    void requestCarriesCallerDialledEntryAndTheVariablesOfInterest() {
        Map<String, String> h = new HashMap<>(Map.of("Unique-ID", "b", "Channel-Name", "loopback/route-b",
                "Caller-Caller-ID-Number", "5550900", "Caller-Caller-ID-Name", "Ann",
                "Caller-Destination-Number", "8000", "variable_call_type", "billing",
                "variable_customer_id", "C-7", "variable_LANGUAGE", "de", "variable_unrelated", "x"));
        h.put("variable_ivr_intent", "refund");

        RouteRequest r = new EslRouteRequests(Map.of("fs", "127.0.0.1"), List.of("LANGUAGE", "CALL_TYPE"))
                .request(h, null, Instant.EPOCH);

        assertThat(r.node()).isEqualTo("fs");
        assertThat(r.pbxType()).isEqualTo("freeswitch");
        assertThat(r.callId()).isEqualTo("b");
        assertThat(r.callerNumber()).isEqualTo("5550900");
        assertThat(r.callerName()).isEqualTo("Ann");
        assertThat(r.dialed()).isEqualTo("8000");
        assertThat(r.entry()).isEqualTo("route");
        assertThat(r.variables()).containsEntry("CALL_TYPE", "billing").containsEntry("call_type", "billing")
                .containsEntry("customer_id", "C-7").containsEntry("CUSTOMER_ID", "C-7")
                .containsEntry("ivr_intent", "refund").containsEntry("LANGUAGE", "de")
                .doesNotContainKey("unrelated");
        h.put("variable_switchboard_entry", "vip-line");
        assertThat(new EslRouteRequests(Map.of(), List.of()).request(h, null, Instant.EPOCH).entry())
                .isEqualTo("vip-line");
    }
}
