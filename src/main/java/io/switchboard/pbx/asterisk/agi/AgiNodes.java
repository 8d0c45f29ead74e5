package io.switchboard.pbx.asterisk.agi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which configured Asterisk node a FastAGI connection comes from. Host names are resolved once
 * when the server starts (a DNS lookup per call would eat the decision's deadline).
 */
public final class AgiNodes {

    private final Map<String, Set<InetAddress>> addresses;

    /** @param hosts Asterisk node name → its configured host (AMI host, the same machine that runs the dialplan) */
    public AgiNodes(Map<String, String> hosts) {
        Map<String, Set<InetAddress>> byNode = new LinkedHashMap<>();
        hosts.forEach((node, host) -> byNode.put(node, resolve(host)));
        this.addresses = byNode;
    }

    private static Set<InetAddress> resolve(String host) {
        try {
            return Set.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return Set.of(); // the node can still be named by the dialplan (SB_NODE)
        }
    }

    public Set<String> names() {
        return addresses.keySet();
    }

    /** The node whose host is {@code peer}, when exactly one is. */
    public String byAddress(InetAddress peer) {
        if (peer == null) {
            return null;
        }
        List<String> matching = addresses.entrySet().stream().filter(e -> e.getValue().contains(peer))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        return matching.size() == 1 ? matching.get(0) : null;
    }

    /** {@code name} when it is a configured node, else null. */
    public String named(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip();
        return addresses.containsKey(n) ? n : null;
    }

    /** The node when there is only one Asterisk node, else null. */
    public String only() {
        return addresses.size() == 1 ? addresses.keySet().iterator().next() : null;
    }
}
