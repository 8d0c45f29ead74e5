package io.switchboard.pbx.freeswitch;

import java.util.Map;

/** FreeSWITCH hangup cause names → Q.850 codes, for events that lack {@code variable_hangup_cause_q850}. */
final class HangupCauses {

    private static final Map<String, Integer> Q850 = Map.ofEntries(
            Map.entry("UNALLOCATED_NUMBER", 1), Map.entry("NO_ROUTE_DESTINATION", 3),
            Map.entry("NORMAL_CLEARING", 16), Map.entry("USER_BUSY", 17), Map.entry("NO_USER_RESPONSE", 18),
            Map.entry("NO_ANSWER", 19), Map.entry("SUBSCRIBER_ABSENT", 20), Map.entry("CALL_REJECTED", 21),
            Map.entry("NUMBER_CHANGED", 22), Map.entry("DESTINATION_OUT_OF_ORDER", 27),
            Map.entry("INVALID_NUMBER_FORMAT", 28), Map.entry("NORMAL_UNSPECIFIED", 31),
            Map.entry("NORMAL_CIRCUIT_CONGESTION", 34), Map.entry("NETWORK_OUT_OF_ORDER", 38),
            Map.entry("NORMAL_TEMPORARY_FAILURE", 41), Map.entry("SWITCH_CONGESTION", 42),
            Map.entry("RECOVERY_ON_TIMER_EXPIRE", 102), Map.entry("ORIGINATOR_CANCEL", 487),
            Map.entry("ALLOTTED_TIMEOUT", 602), Map.entry("LOSE_RACE", 502), Map.entry("MANAGER_REQUEST", 503));

    private HangupCauses() {
    }

    static int q850(String name) {
        return name == null ? 0 : Q850.getOrDefault(name, 0);
    }
}
