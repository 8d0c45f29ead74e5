package io.switchboard.bus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code switchboard.bus.*}: where normalized events go between collectors and call models. */
@ConfigMapping(prefix = "switchboard.bus")
public interface BusConfig {

    enum Mode {
        /** Collectors hand events to this instance's call model (one instance). */
        LOCAL,
        /** Collectors publish to Kafka; call models consume their share of the partitions. */
        KAFKA
    }

    @WithDefault("local")
    Mode mode();

    @WithDefault("localhost:9092")
    String bootstrapServers();

    /** The event topic; key {@code node:callId} (node-level events: the node). Partitions ≥ instances. */
    @WithDefault("switchboard.pbx-events")
    String topic();

    /** The consumer group the instances that keep call models share. */
    @WithDefault("switchboard")
    String group();

    /** Whether this instance keeps call models (false: it only collects and publishes). */
    @WithDefault("true")
    boolean consume();

    @WithDefault("500")
    int maxPollRecords();

    /** A failed record write is retried after this long, doubling up to ten times it. */
    @WithDefault("200ms")
    Duration retryMin();
}
