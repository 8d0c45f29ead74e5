package io.switchboard.push;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;

/**
 * Live wallboard feed: a snapshot on connect, then deltas as the metrics engine publishes. The
 * protocol is in docs/push.md; clients only listen, anything they send is ignored.
 */
@WebSocket(path = "/ws/monitor")
public class MonitorSocket {

    @Inject
    MonitorHub hub;

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        hub.open(connection);
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        hub.close(connection);
    }
}
