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

    /** How often a policy version saved by another instance is looked for (0 = never). */
    @WithDefault("5s")
    Duration policyRefresh();

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

        /**
         * Names of the positional AGI arguments, in order: {@code AGI(agi://host/route,${CUSTOMER_ID},${CALL_TYPE})}
         * gives the request the variables CUSTOMER_ID and CALL_TYPE.
         */
        @WithDefault("CUSTOMER_ID,CALL_TYPE")
        List<String> argNames();

        /**
         * Channel variables read with GET VARIABLE besides {@code switchboard.calls.ivr-variables} (those not
         * already given as arguments); each costs one round trip to Asterisk before the decision.
         */
        @WithDefault("IVR_INTENT")
        List<String> variables();

        /** Channel variable (or {@code SB_NODE=<node>} argument) naming the node when peer addresses do not tell. */
        @WithDefault("SB_NODE")
        String nodeVariable();

        /** AGI connections served at once without starting threads (one thread per call while it asks). */
        @WithDefault("16")
        int poolSize();

        /** Most AGI connections served at once; past it new connections are closed (the dialplan falls back). */
        @WithDefault("200")
        int maxPoolSize();

        /** A silent Asterisk connection is given up after this long (a dead peer must not hold a thread). */
        @WithDefault("5s")
        Duration readTimeout();
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

        /**
         * {@code via.<member>=context,extension}: the dialplan place, on the other members, that
         * sends a new call on to {@code <member>} (a trunk between the nodes). A call that arrives
         * on a member which is not the active one goes there, so new calls end on the active node
         * whichever node the carrier delivered them to. Without it calls stay where they arrive.
         */
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
