package io.switchboard.pbx.freeswitch;

import io.switchboard.routing.RouteRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The channel data of an outbound event-socket connection (the reply to {@code connect}) → a
 * {@link RouteRequest}: which node asked, the call id as {@link EslTranslator} derives it, the
 * caller, the dialled number and the channel variables routing reads. Pure, so it is tested
 * without sockets.
 */
final class EslRouteRequests {

    /** Entry point when the dialplan names none in {@code switchboard_entry}. */
    static final String DEFAULT_ENTRY = "route";
    /** Variables every request carries when set, besides {@code switchboard.calls.ivr-variables}. */
    static final List<String> ROUTING_VARIABLES = List.of("customer_id", "CUSTOMER_ID", "call_type", "CALL_TYPE",
            "ivr_intent", "IVR_INTENT", "account_id", "ACCOUNT_ID");

    private final Map<String, List<InetAddress>> nodeAddresses;
    private final Set<String> wanted;

    /**
     * @param freeswitchNodes enabled FreeSWITCH nodes: id → configured host
     * @param ivrVariables    {@code switchboard.calls.ivr-variables}
     */
    EslRouteRequests(Map<String, String> freeswitchNodes, List<String> ivrVariables) {
        Map<String, List<InetAddress>> byNode = new TreeMap<>();
        freeswitchNodes.forEach((id, host) -> byNode.put(id, resolve(host)));
        this.nodeAddresses = byNode;
        Set<String> w = new LinkedHashSet<>(ROUTING_VARIABLES);
        w.addAll(ivrVariables);
        this.wanted = Set.copyOf(w);
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of(); // matched by switch name or as the only node instead
        }
    }

    RouteRequest request(Map<String, String> h, InetAddress peer, Instant receivedAt) {
        String entry = h.get("variable_switchboard_entry");
        return new RouteRequest(node(h, peer), "freeswitch", callId(h), h.get("Channel-Name"),
                h.get("Caller-Caller-ID-Number"), h.get("Caller-Caller-ID-Name"), h.get("Caller-Destination-Number"),
                entry == null || entry.isBlank() ? DEFAULT_ENTRY : entry.strip(), List.of(), variables(h),
                receivedAt);
    }

    /**
     * The node: the one named like the switch ({@code FreeSWITCH-Switchname}/{@code -Hostname}),
     * else the only one whose host is the peer's address, else the only FreeSWITCH node, else the
     * first whose host matches, else {@code unknown}.
     */
    String node(Map<String, String> h, InetAddress peer) {
        for (String name : new String[]{h.get("FreeSWITCH-Switchname"), h.get("FreeSWITCH-Hostname")}) {
            if (name != null) {
                for (String id : nodeAddresses.keySet()) {
                    if (id.equalsIgnoreCase(name)) {
                        return id;
                    }
                }
            }
        }
        List<String> byAddress = new ArrayList<>();
        nodeAddresses.forEach((id, addresses) -> {
            if (peer != null && addresses.contains(peer)) {
                byAddress.add(id);
            }
        });
        if (byAddress.size() == 1) {
            return byAddress.get(0);
        }
        if (nodeAddresses.size() == 1) {
            return nodeAddresses.keySet().iterator().next();
        }
        return byAddress.isEmpty() ? "unknown" : byAddress.get(0);
    }

    /**
     * The id {@link EslTranslator} gives the call: the uuid of its first channel. The b-leg of a
     * loopback pair belongs to its a-leg's call; a leg originated by another belongs to the originator's.
     */
    static String callId(Map<String, String> h) {
        String peer = h.get("variable_other_loopback_leg_uuid");
        if ("B".equalsIgnoreCase(h.get("variable_loopback_leg")) && peer != null && !peer.isBlank()) {
            return peer;
        }
        String other = h.get("Other-Leg-Unique-ID");
        if ("originator".equals(h.get("Other-Type")) && other != null && !other.isBlank()) {
            return other;
        }
        return h.get("Unique-ID");
    }

    /**
     * The variables routing reads, under the name asked for; an upper-case name also finds the
     * lower-case channel variable (FreeSWITCH dialplans use lower case, policies the Asterisk names).
     */
    Map<String, String> variables(Map<String, String> h) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : wanted) {
            String v = h.get("variable_" + name);
            if (v == null) {
                v = h.get("variable_" + name.toLowerCase(Locale.ROOT));
            }
            if (v != null && !v.isBlank()) {
                out.put(name, v);
            }
        }
        return out;
    }
}
