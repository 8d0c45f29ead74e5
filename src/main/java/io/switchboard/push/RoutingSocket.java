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
 * The control console's live feed for supervisors and admins: the degradation levels and the load
 * on connect, then every routing transition and the load as it changes (docs/routing.md), as far
 * as the user's tenant sees them. Clients only listen; anything they send is ignored.
 */
@WebSocket(path = "/ws/routing")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class RoutingSocket {

    @Inject
    RoutingHub hub;
    @Inject
    SecurityIdentity identity;

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        hub.open(connection, Actor.of(identity));
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        hub.close(connection);
    }
}
