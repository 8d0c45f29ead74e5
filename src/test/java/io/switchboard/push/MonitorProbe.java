package io.switchboard.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@code /ws/monitor} client for tests: keeps every message and rebuilds the monitor state from
 * the snapshot and the deltas, the way a wallboard would.
 */
final class MonitorProbe implements AutoCloseable {

    static final Map<String, String> KINDS = Map.of("queues", "queue", "agents", "agent", "nodes", "node",
            "tenants", "tenant");

    private final ObjectMapper mapper;
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    /** Deltas whose {@code previous} was not the version held: a message was lost or out of order. */
    final List<String> gaps = new CopyOnWriteArrayList<>();
    private volatile Map<String, Object> state = Map.of();
    private WebSocketClientConnection connection;

    private MonitorProbe(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Connects as {@code user}, who sees its own tenant's part of the metrics. */
    static MonitorProbe connect(BasicWebSocketConnector connector, URI base, ObjectMapper mapper, String user,
                                String password) {
        MonitorProbe p = new MonitorProbe(mapper);
        // messages in the order the server sent them (the default model hands each to a worker)
        p.connection = connector.baseUri(base).path("/ws/monitor")
                .addHeader("Authorization", basic(user, password))
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((c, text) -> p.receive(text))
                .connectAndAwait();
        return p;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ':' + password).getBytes(StandardCharsets.UTF_8));
    }

    long version() {
        Object v = state.get("version");
        return v == null ? -1 : (Long) v;
    }

    Map<String, Object> state() {
        return state;
    }

    long deltas() {
        return messages.stream().filter(m -> m.get("type").asText().equals("delta")).count();
    }

    /** The state a client holding exactly {@code snapshot} would have. */
    static Map<String, Object> stateOf(ObjectMapper mapper, Object snapshot) {
        JsonNode data = tree(mapper, snapshot);
        Map<String, Object> s = scalars(data, data.get("version").asLong());
        KINDS.forEach((kind, name) -> {
            Map<String, JsonNode> entries = new HashMap<>();
            data.get(kind).forEach(e -> entries.put(e.get(name).asText(), e));
            s.put(kind, entries);
        });
        return s;
    }

    /** As a client parses it: through text, so numbers get the node types parsing gives them. */
    static JsonNode tree(ObjectMapper mapper, Object value) {
        try {
            return mapper.readTree(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void receive(String text) {
        JsonNode m;
        try {
            m = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        messages.add(m);
        if (m.get("type").asText().equals("snapshot")) {
            state = stateOf(mapper, m.get("data"));
            return;
        }
        if (m.get("previous").asLong() != version()) {
            gaps.add(m.get("previous").asLong() + " while holding " + version());
        }
        Map<String, Object> next = scalars(m, m.get("version").asLong());
        KINDS.forEach((kind, name) -> {
            @SuppressWarnings("unchecked")
            Map<String, JsonNode> entries = new HashMap<>((Map<String, JsonNode>) state.get(kind));
            m.get(kind).forEach(e -> entries.put(e.get(name).asText(), e));
            m.get("removed").get(kind).forEach(n -> entries.remove(n.asText()));
            next.put(kind, entries);
        });
        state = next;
    }

    private static Map<String, Object> scalars(JsonNode n, long version) {
        Map<String, Object> s = new HashMap<>();
        s.put("version", version);
        for (String f : List.of("at", "window", "from", "to")) {
            s.put(f, n.get(f).asText());
        }
        return s;
    }

    @Override
    public void close() {
        if (connection != null && connection.isOpen()) {
            connection.closeAndAwait();
        }
    }
}
