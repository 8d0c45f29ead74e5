package io.switchboard.pbx.asterisk.agi;

import io.switchboard.routing.Destination;
import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteDecision.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the route script writes for a decision, which node a connection is from, which variables it reads. */
class AgiRouteWritesTest {

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("queue: decision variables by name, ROUTE last",
                        decision(new Destination("queues", "support"), Map.of("SB_ROUTE_QUEUE", "support",
                                "QUEUE_PRIO", "10")),
                        List.of("QUEUE_PRIO=10", "SB_ROUTE_QUEUE=support", "ROUTE=queues,support,1")),
                Arguments.of("a decision variable called ROUTE does not replace the destination",
                        decision(new Destination("smart-ivr", "s"), Map.of("ROUTE", "x,y,1")),
                        List.of("ROUTE=smart-ivr,s,1")),
                Arguments.of("LF in a value: nothing at all",
                        decision(new Destination("queues", "support"), Map.of("SB_NOTE", "a\nHANGUP")), null),
                Arguments.of("CR in a name: nothing at all",
                        decision(new Destination("queues", "support"), Map.of("SB\rX", "1")), null),
                Arguments.of("blank in a name: nothing at all",
                        decision(new Destination("queues", "support"), Map.of("SB X", "1")), null),
                Arguments.of("LF in the destination: nothing at all",
                        decision(new Destination("queues", "sup\nport"), Map.of()), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void writes(String why, RouteDecision d, List<String> expected) {
        Map<String, String> w = AgiRouteScript.writes(d, "ROUTE");
        if (expected == null) {
            assertThat(w).isNull();
        } else {
            assertThat(w.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .containsExactlyElementsOf(expected);
        }
    }

    static Stream<Arguments> peers() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("10.9.8.7");
        return Stream.of(
                Arguments.of(Map.of("ast1", "127.0.0.1"), loopback, "ast1"),
                Arguments.of(Map.of("ast1", "127.0.0.1", "ast2", "10.9.8.7"), other, "ast2"),
                Arguments.of(Map.of("ast1", "127.0.0.1", "ast2", "127.0.0.1"), loopback, null),
                Arguments.of(Map.of("ast1", "10.9.8.7"), loopback, null));
    }

    @ParameterizedTest
    @MethodSource("peers")
    void nodeByPeerAddress(Map<String, String> hosts, InetAddress peer, String node) {
        assertThat(new AgiNodes(hosts).byAddress(peer)).isEqualTo(node);
    }

    @ParameterizedTest
    @MethodSource("peers")
    void onlyNodeAndNamedNode(Map<String, String> hosts, InetAddress peer, String ignored) {
        AgiNodes nodes = new AgiNodes(hosts);
        assertThat(nodes.only()).isEqualTo(hosts.size() == 1 ? hosts.keySet().iterator().next() : null);
        assertThat(nodes.named("ast1")).isEqualTo("ast1");
        assertThat(nodes.named("nope")).isNull();
        assertThat(nodes.named(" ")).isNull();
    }

    static Stream<Arguments> fetches() {
        return Stream.of(
                Arguments.of(List.of("INTENT", "ROUTE", "ROUTE_FALLBACK"), List.of("IVR_INTENT"),
                        List.of("INTENT", "IVR_INTENT")),
                Arguments.of(List.of("intent", "Intent", " VIP "), List.of(), List.of("INTENT", "VIP")),
                Arguments.of(List.of(), List.of(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("fetches")
    void variablesReadFromTheChannel(List<String> ivr, List<String> extra, List<String> expected) {
        assertThat(AgiRequestBuilder.fetchable(ivr, extra, Set.of("ROUTE", "ROUTE_FALLBACK")))
                .containsExactlyElementsOf(expected);
    }

    private static RouteDecision decision(Destination d, Map<String, String> vars) {
        return new RouteDecision(Outcome.QUEUE, "support", d, vars, "test", "test", 0, "default");
    }
}
