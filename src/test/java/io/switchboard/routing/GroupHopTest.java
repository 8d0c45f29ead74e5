package io.switchboard.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GroupHopTest {

    private static final Map<String, String> VIA = Map.of("pa", "to-pa,s", "pb", "to-pb, s");

    @ParameterizedTest(name = "call on {0}, active {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "pb, pa,   'to-pa,s,1'",
            "pa, pb,   'to-pb,s,1'",
            "pa, pa,   none",
            "pb, none, none",
            "pc, pz,   none",
    })
    void newCallsGoOnToTheActiveMember(String node, String active, String expected) {
        RouteRequest r = new RouteRequest(node, "asterisk", "1.1", "PJSIP/trunk-1", "100", null, "4000", "route",
                List.of(), Map.of(), Instant.EPOCH);
        Optional<RouteDecision> d = GroupHop.decide(r, "main", active, VIA, "default");
        assertEquals(expected, d.map(x -> x.destination().asterisk()).orElse(null));
        d.ifPresent(x -> {
            assertEquals(RouteDecision.Outcome.NODE, x.outcome());
            assertEquals(active, x.variables().get("SB_ROUTE_NODE"));
            assertEquals("node-group", x.strategy());
        });
    }
}
