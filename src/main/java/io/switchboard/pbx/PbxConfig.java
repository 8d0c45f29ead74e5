package io.switchboard.pbx;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code switchboard.pbx.<node>.*}: the PBX nodes to collect from. */
@ConfigMapping(prefix = "switchboard.pbx")
public interface PbxConfig {

    @WithParentName
    Map<String, Node> nodes();

    interface Node {
        /** {@code asterisk} (AMI) or {@code freeswitch} (ESL). */
        String type();

        @WithDefault("127.0.0.1")
        String host();

        /** Defaults to 5038 for Asterisk, 8021 for FreeSWITCH. */
        Optional<Integer> port();

        @WithDefault("switchboard")
        String username();

        /** Never logged. */
        String secret();

        @WithDefault("true")
        boolean enabled();

        @WithDefault("3s")
        Duration connectTimeout();

        /** First reconnect delay; doubles up to {@link #reconnectMax()}, with jitter. */
        @WithDefault("100ms")
        Duration reconnectMin();

        @WithDefault("1s")
        Duration reconnectMax();

        /** How often a connected node is pinged; no answer within the timeout means reconnect. */
        @WithDefault("10s")
        Duration heartbeatInterval();

        @WithDefault("5s")
        Duration heartbeatTimeout();
    }
}
