package io.switchboard.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A new call asking where to go, as the PBX described it to the routing server (FastAGI request
 * or outbound-socket channel data), already free of vendor types.
 *
 * @param node      the PBX node the call is on
 * @param pbxType   {@code asterisk} or {@code freeswitch}
 * @param callId    the node's id of the call (Asterisk Linkedid/Uniqueid, FreeSWITCH a-leg uuid)
 * @param channel   the channel asking (for logs)
 * @param dialed    the number the caller dialled (DNIS), if known
 * @param entry     the routing entry point the dialplan names (AGI script / socket argument), e.g. {@code route}
 * @param args      positional arguments the dialplan passed (AGI arg_1..n)
 * @param variables channel variables the dialplan shared (CUSTOMER_ID, CALL_TYPE, IVR intent, ...)
 */
public record RouteRequest(String node, String pbxType, String callId, String channel, String callerNumber,
                           String callerName, String dialed, String entry, List<String> args,
                           Map<String, String> variables, Instant receivedAt) {
    public RouteRequest {
        args = args == null ? List.of() : List.copyOf(args);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** A variable, or null when unset or blank. */
    public String variable(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
