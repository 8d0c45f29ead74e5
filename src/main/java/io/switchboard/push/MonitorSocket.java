package io.switchboard.push;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/**
 * Live wallboard feed: a snapshot on connect, then deltas as the metrics engine publishes. The
 * protocol is in docs/push.md; clients only listen, anything they send is ignored. Each connection
 * receives its user's tenant's part of the metrics only.
 */
@WebSocket(path = "/ws/monitor")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION})
public class MonitorSocket {

    @Inject
    MonitorHub hub;
    @Inject
    SecurityIdentity identity;

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        Actor actor = Actor.of(identity);
        hub.open(connection, actor == null ? null : actor.tenant());
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        hub.close(connection);
    }
}
