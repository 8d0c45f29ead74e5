package io.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.switchboard.testing.JsonSockets;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@code /ws/routing} client for tests: keeps every message it receives. */
final class RoutingProbe implements AutoCloseable {

    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private WebSocketClientConnection connection;

    static RoutingProbe connect(BasicWebSocketConnector connector, URI base, ObjectMapper mapper, String user,
                                String password) {
        RoutingProbe p = new RoutingProbe();
        p.connection = JsonSockets.connect(connector, base, "/ws/routing", user, password, mapper, p.messages);
        return p;
    }

    List<JsonNode> ofType(String type) {
        return messages.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** {@code from->to} of the events of {@code kind} about {@code scope}, in arrival order. */
    List<String> transitions(String kind, String scope) {
        return ofType("event").stream()
                .filter(m -> kind.equals(m.path("kind").asText()) && scope.equals(m.path("scope").asText()))
                .map(m -> m.path("from").asText() + "->" + m.path("to").asText()).toList();
    }

    /** The level a tenant had in the newest state message, or -1 when it was not listed. */
    int latestLevel(String tenant) {
        List<JsonNode> states = ofType("state");
        if (states.isEmpty()) {
            return -1;
        }
        for (JsonNode l : states.get(states.size() - 1).path("levels")) {
            if (tenant.equals(l.path("tenant").asText())) {
                return l.path("level").asInt();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (connection != null && connection.isOpen()) {
            connection.closeAndAwait();
        }
    }
}
