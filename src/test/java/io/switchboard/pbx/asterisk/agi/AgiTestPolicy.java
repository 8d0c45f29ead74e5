package io.switchboard.pbx.asterisk.agi;

import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingPolicy;
import io.switchboard.routing.RoutingPolicy.Match;
import io.switchboard.routing.RoutingPolicy.Rule;
import io.switchboard.routing.RoutingService;
import io.switchboard.routing.ScriptedTestStrategy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The policy the AGI tests route with, chosen by CALL_TYPE; put in force by each test, the shipped one after. */
final class AgiTestPolicy {

    static final String CLOSED_PLACE = "closed-hours";
    static final String DIVERT_PLACE = "smart-ivr";

    private AgiTestPolicy() {
    }

    static RoutingPolicy policy() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String holidays = today.minusDays(1) + "," + today + "," + today.plusDays(1);
        return new RoutingPolicy("support", List.of(
                new Rule("slow", match("slow"), ScriptedTestStrategy.NAME, List.of("support"),
                        Map.of("sleep-ms", "1500")),
                new Rule("unsafe", match("unsafe"), "unsafe-test", List.of("support"), Map.of()),
                new Rule("closed", match("after-hours"), "time-of-day", List.of(),
                        Map.of("holidays", holidays, "closed", CLOSED_PLACE + ",s")),
                new Rule("self-service", match("self-service"), ScriptedTestStrategy.NAME, List.of(),
                        Map.of("context", DIVERT_PLACE, "outcome", "DIVERT")),
                new Rule("vip", Match.ANY, "vip", List.of("vip"), Map.of("priority", "10"))),
                Map.of(), Map.of(), Map.of());
    }

    static void use(RoutingService routing) {
        ScriptedTestStrategy.use(routing, policy());
    }

    static void restore(RoutingService routing, PolicyStore store) {
        ScriptedTestStrategy.restoreDefault(routing, store);
    }

    private static Match match(String callType) {
        return new Match(null, null, null, callType, null, null);
    }
}
