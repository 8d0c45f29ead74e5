package io.switchboard.pbx;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The configured hosts of one kind of PBX, for the routing servers: a dialplan connects to them
 * (FastAGI, outbound event socket) and they tell which node asks by the connection's address.
 */
public final class PbxNodes {

    private PbxNodes() {
    }

    /** Node id → host of every node of {@code type} (case-insensitive), enabled or not, sorted by id. */
    public static Map<String, String> hostsOf(PbxConfig config, String type) {
        return hosts(config, type, n -> true);
    }

    /** As {@link #hostsOf} but only nodes that are enabled. */
    public static Map<String, String> enabledHostsOf(PbxConfig config, String type) {
        return hosts(config, type, PbxConfig.Node::enabled);
    }

    // sorted so that a host shared by two nodes always resolves to the same one
    private static Map<String, String> hosts(PbxConfig config, String type, Predicate<PbxConfig.Node> keep) {
        Map<String, String> hosts = new TreeMap<>();
        config.nodes().forEach((id, n) -> {
            if (type.equalsIgnoreCase(n.type()) && keep.test(n)) {
                hosts.put(id, n.host());
            }
        });
        return hosts;
    }
}
