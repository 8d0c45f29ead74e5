package io.switchboard.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code switchboard.routing.*}: the routing server, load model, traffic control and node groups. */
@ConfigMapping(prefix = "switchboard.routing")
public interface RoutingConfig {

    /** Time a decision may take; past it nothing is answered and the dialplan's own fallback applies. */
    @WithDefault("50ms")
    Duration deadline();

    /** Of the deadline, how long the customer lookup (VIP/priority) may take. */
    @WithDefault("30ms")
    Duration customerBudget();

    /** Policy used until one is saved through the API (classpath resource or file path). */
    @WithDefault("routing-policy.json")
    String defaultPolicy();

    /** Dialplan context whose extensions are queue names: a QUEUE decision jumps to {@code <context>,<queue>}. */
    @WithDefault("queues")
    String queueContext();

    /** Tenant of calls whose node has none in {@link #nodeTenants()}. */
    @WithDefault("default")
    String defaultTenant();

    /** Which tenant a node's calls belong to, when a node serves one tenant. */
    Map<String, String> nodeTenants();

    Agi agi();

    Socket socket();

    Load load();

    Control control();

    /** Active-standby groups: {@code switchboard.routing.groups.<name>.nodes=primary,standby}. */
    Map<String, Group> groups();

    Breaker breaker();

    /** The FastAGI server Asterisk dialplans call with {@code AGI(agi://host:port/route,...)}. */
    interface Agi {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("127.0.0.1")
        String host();

        /** 4573 is FastAGI's registered port. */
        @WithDefault("4573")
        int port();

        /** Channel variable the decision is written to ({@code context,exten,priority}). */
        @WithDefault("ROUTE")
        String variable();
    }

    /** The outbound event-socket server FreeSWITCH dialplans call with {@code socket host:port async full}. */
    interface Socket {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("8084")
        int port();

        /** Channel variable the decision is written to ({@code extension XML context}). */
        @WithDefault("switchboard_route")
        String variable();

        /** A connected FreeSWITCH silent this long (no reply to a command) is dropped. */
        @WithDefault("5s")
        Duration idleTimeout();
    }

    interface Load {
        /** How often the load snapshot is recomputed and thresholds evaluated. */
        @WithDefault("1s")
        Duration interval();

        /** Concurrent-call capacity per node (licensed channels / trunk lines); unset = unknown. */
        Map<String, Integer> lineCapacity();

        /** Window of the PBX command latency and error-rate figures. */
        @WithDefault("60s")
        Duration commandWindow();
    }

    interface Control {
        /** Longest a manual override may last. */
        @WithDefault("8h")
        Duration maxOverride();
    }

    interface Group {
        /** Members in preference order: the first is the primary (active when healthy). */
        List<String> nodes();

        /** How long the primary must be healthy again before calls go back to it. */
        @WithDefault("30s")
        Duration failbackAfter();

        /** Heartbeats (AMI Ping / ESL status) missed in a row before a connected node counts as failed. */
        @WithDefault("2")
        int missedHeartbeats();

        @WithDefault("2s")
        Duration heartbeatInterval();

        @WithDefault("1s")
        Duration heartbeatTimeout();

        /** Dialplan place on each member that sends a call on to the given node (for NODE decisions). */
        Map<String, String> via();
    }

    /** Circuit breaker around each node's PBX commands. */
    interface Breaker {
        @WithDefault("20")
        int requestVolume();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("5s")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }

}
