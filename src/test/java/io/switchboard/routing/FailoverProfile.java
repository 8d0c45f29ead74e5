package io.switchboard.routing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * The test setup plus two Asterisk nodes, {@code pa} (primary) and {@code pb} (standby), in group
 * {@code main}, served by simulators the test runs itself; quick heartbeats, failback and breaker.
 */
public class FailoverProfile implements QuarkusTestProfile {

    static final int PA_PORT = 25440;
    static final int PB_PORT = 25441;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        node(c, "pa", PA_PORT);
        node(c, "pb", PB_PORT);
        // demo agents would get phones on pa and pb, which other test runs sharing the database do not have
        c.put("switchboard.simulator.demo-agents", "false");
        c.put("switchboard.routing.groups.main.nodes", "pa,pb");
        c.put("switchboard.routing.groups.main.heartbeat-interval", "300ms");
        c.put("switchboard.routing.groups.main.heartbeat-timeout", "200ms");
        c.put("switchboard.routing.groups.main.missed-heartbeats", "2");
        c.put("switchboard.routing.groups.main.failback-after", "2s");
        // the trunk places that hand a new call on to the other member
        c.put("switchboard.routing.groups.main.via.pa", "to-pa,s");
        c.put("switchboard.routing.groups.main.via.pb", "to-pb,s");
        c.put("switchboard.routing.breaker.request-volume", "4");
        c.put("switchboard.routing.breaker.failure-ratio", "0.5");
        c.put("switchboard.routing.breaker.delay", "1s");
        c.put("switchboard.routing.breaker.success-threshold", "2");
        return c;
    }

    private static void node(Map<String, String> c, String id, int port) {
        String p = "switchboard.pbx." + id + ".";
        c.put(p + "type", "asterisk");
        c.put(p + "host", "127.0.0.1");
        c.put(p + "port", Integer.toString(port));
        c.put(p + "username", "switchboard");
        c.put(p + "secret", "switchboard");
        c.put(p + "reconnect-min", "50ms");
        c.put(p + "reconnect-max", "300ms");
    }
}
