package io.switchboard.push;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the push side: the monitor WebSocket and the outgoing messaging channels. */
@ConfigMapping(prefix = "switchboard.push")
public interface PushConfig {

    /** The monitor WebSocket ({@code /ws/monitor}). */
    Ws ws();

    /** The {@code call-events} and {@code metric-snapshots} channels. */
    Messaging messaging();

    /** A snapshot goes to {@code metric-snapshots} at least this often, even when nothing is published. */
    @WithDefault("5s")
    Duration snapshotInterval();

    interface Ws {
        /** At most one message per client per interval; what changed meanwhile is coalesced into the next. */
        @WithDefault("500ms")
        Duration minInterval();

        /** Sends a client may have unwritten before it is closed as too slow. */
        @WithDefault("16")
        int maxPending();
    }

    interface Messaging {
        /** Call events waiting for the channel; beyond this they are dropped and counted, never waited for. */
        @WithDefault("10000")
        int bufferSize();

        /** Published snapshots go to {@code metric-snapshots} at most once per this interval. */
        @WithDefault("1s")
        Duration snapshotMinInterval();
    }
}
