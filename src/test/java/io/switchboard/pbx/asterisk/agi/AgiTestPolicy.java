package io.switchboard.pbx.asterisk.agi;

import io.switchboard.routing.RoutingPolicy;
import io.switchboard.routing.RoutingPolicy.Match;
import io.switchboard.routing.RoutingPolicy.Rule;
import io.switchboard.routing.RoutingService;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The policy the AGI tests route with, chosen by CALL_TYPE; saved by each test that needs it. */
final class AgiTestPolicy {

    static final String CLOSED_PLACE = "closed-hours";
    static final String DIVERT_PLACE = "smart-ivr";

    private AgiTestPolicy() {
    }

    static RoutingPolicy policy() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String holidays = today.minusDays(1) + "," + today + "," + today.plusDays(1);
        return new RoutingPolicy("support", List.of(
                new Rule("slow", match("slow"), "slow-test", List.of("support"), Map.of("millis", "1500")),
                new Rule("unsafe", match("unsafe"), "unsafe-test", List.of("support"), Map.of()),
                new Rule("closed", match("after-hours"), "time-of-day", List.of(),
                        Map.of("holidays", holidays, "closed", CLOSED_PLACE + ",s")),
                new Rule("self-service", match("self-service"), "divert-test", List.of(),
                        Map.of("divert", DIVERT_PLACE)),
                new Rule("spread", match("sales"), "least-loaded-queue", List.of("sales", "sales-east"), Map.of()),
                new Rule("vip", Match.ANY, "vip", List.of("vip"), Map.of("priority", "10"))),
                Map.of(), Map.of(), Map.of());
    }

    static void save(RoutingService routing) {
        routing.save(policy(), routing.policy().version(), "test", "AGI test policy");
    }

    private static Match match(String callType) {
        return new Match(null, null, null, callType, null, null);
    }
}
