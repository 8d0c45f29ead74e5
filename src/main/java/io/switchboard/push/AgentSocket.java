package io.switchboard.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/**
 * The agent desktop's live connection: state changes and screen-pop cards arrive here, and the
 * desktop sends CTI requests {@code {"id", "action", "callId", ...}} answered by {@code reply}
 * messages with the same id (protocol: docs/cti.md).
 */
@WebSocket(path = "/ws/agent")
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
public class AgentSocket {

    @Inject
    AgentHub hub;
    @Inject
    AgentDesk desk;
    @Inject
    SecurityIdentity identity;
    @Inject
    ObjectMapper json;

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        Actor actor = Actor.of(identity);
        hub.open(connection, actor);
        hub.send(connection, hub.message("hello", "desk", desk.hello(actor)));
    }

    /**
     * On the connection's I/O thread: call control and agent actions only hand their command to the
     * PBX connection and reply when the PBX answers; the one request that writes to the database
     * (wrap-up with a disposition) is moved off it by {@link AgentDesk}.
     */
    @OnTextMessage
    @NonBlocking
    void onMessage(WebSocketConnection connection, String text) {
        Actor actor = hub.actor(connection);
        JsonNode request;
        try {
            request = json.readTree(text);
        } catch (Exception e) {
            hub.send(connection, hub.message("reply", "reply", AgentDesk.Reply.error(null, 400, "not JSON")));
            return;
        }
        desk.handle(actor, request).whenComplete((reply, error) -> hub.send(connection,
                hub.message("reply", "reply", error == null ? reply
                        : AgentDesk.Reply.error(request.path("id").asText(null), 500, "internal error"))));
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        hub.close(connection);
    }
}
