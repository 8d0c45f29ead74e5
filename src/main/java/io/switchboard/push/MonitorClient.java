package io.switchboard.push;

import io.quarkus.websockets.next.WebSocketConnection;

import java.util.concurrent.atomic.AtomicInteger;

/** One {@code /ws/monitor} connection as the hub sees it. All fields but {@link #inFlight} belong to the hub thread. */
final class MonitorClient {

    final WebSocketConnection connection;
    /** The tenant whose part of the metrics this client receives. */
    final String tenant;
    /** Sends handed to the connection and not yet written to its socket; completions arrive on the event loop. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** The snapshot this client's view equals once every message sent so far has arrived. */
    SnapshotIndex last;
    long lastSentNanos;
    boolean flushScheduled;
    boolean gone;

    MonitorClient(WebSocketConnection connection, String tenant) {
        this.connection = connection;
        this.tenant = tenant;
    }

    String id() {
        return connection.id();
    }
}
