package io.switchboard.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Call-center metric settings: defaults for every queue, overrides per queue, and engine timing. */
@ConfigMapping(prefix = "switchboard.metrics")
public interface MetricsConfig {

    /** A call answered within this wait counts as within service level. */
    @WithDefault("20s")
    Duration serviceLevelThreshold();

    @WithDefault("ANSWERED_AND_LONG_ABANDONED")
    ServiceLevelVariant serviceLevelVariant();

    /** Callers who hang up sooner than this are short abandons, kept apart from the abandon rate. */
    @WithDefault("5s")
    Duration shortAbandon();

    /** An answered call is first-contact resolved if the caller does not call again within this. */
    @WithDefault("24h")
    Duration fcrWindow();

    /** After-call work added to each handled call (the queue's wrap-up time on the PBX). */
    @WithDefault("0s")
    Duration wrapUp();

    @WithDefault("default")
    String tenant();

    /** Per-queue overrides, keyed by queue name. */
    Map<String, QueueSettings> queue();

    /** Time zone whose midnight starts {@code today}; the server's zone when unset. */
    Optional<String> zone();

    /** How often a changed state is published to readers (REST, WebSocket, messaging, Prometheus). */
    @WithDefault("250ms")
    Duration publishInterval();

    /**
     * How often a view is republished when only time moved on (staffed agents' time, the waits
     * of callers waiting now), without any event.
     */
    @WithDefault("1s")
    Duration tickInterval();

    /** How often changed intervals are written to the database. */
    @WithDefault("5s")
    Duration flushInterval();

    /**
     * Whether this instance writes {@code metric_intervals}. With the event bus only an instance
     * that sees every partition may (see docs/scale-out.md): others hold part of the calls and
     * would overwrite complete rows with partial ones.
     */
    @WithDefault("true")
    boolean writeIntervals();

    interface QueueSettings {
        Optional<Duration> serviceLevelThreshold();

        Optional<ServiceLevelVariant> serviceLevelVariant();

        Optional<Duration> shortAbandon();

        Optional<Duration> fcrWindow();

        Optional<Duration> wrapUp();

        Optional<String> tenant();
    }
}
