package io.switchboard.cti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.switchboard.testing.JsonSockets;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;


/** An agent desktop for tests: a {@code /ws/agent} connection that keeps every message. */
final class DeskProbe implements AutoCloseable {

    private final ObjectMapper mapper;
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocketClientConnection connection;

    private DeskProbe(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static DeskProbe connect(BasicWebSocketConnector connector, URI base, ObjectMapper mapper, String user,
                             String password) {
        DeskProbe p = new DeskProbe(mapper);
        p.connection = JsonSockets.connect(connector, base, "/ws/agent", user, password, mapper, p.messages);
        return p;
    }

    JsonNode await(String type, Predicate<JsonNode> match) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find(type, match) != null);
        return find(type, match);
    }

    JsonNode find(String type, Predicate<JsonNode> match) {
        for (JsonNode m : messages) {
            if (m.path("type").asText().equals(type) && match.test(m)) {
                return m;
            }
        }
        return null;
    }

    /** Waits until the latest state message shows {@code presence}. */
    JsonNode awaitPresence(String presence) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> presence.equals(latestPresence()));
        return latestState();
    }

    String latestPresence() {
        JsonNode s = latestState();
        return s == null ? null : s.path("presence").asText();
    }

    JsonNode latestState() {
        JsonNode last = null;
        for (JsonNode m : messages) {
            if (m.path("type").asText().equals("state")) {
                last = m.get("state");
            } else if (m.path("type").asText().equals("hello") && last == null) {
                last = m.path("desk").get("status");
            }
        }
        return last;
    }

    /** The newest card of a call (highest seq), or null. */
    JsonNode card(String callId) {
        JsonNode best = null;
        for (JsonNode m : messages) {
            if (m.path("type").asText().equals("card") && callId.equals(m.path("card").path("callId").asText())
                    && (best == null || m.path("card").path("seq").asLong() > best.path("seq").asLong())) {
                best = m.get("card");
            }
        }
        return best;
    }

    JsonNode awaitCard(String callId, Predicate<JsonNode> match) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> card(callId) != null && match.test(card(callId)));
        return card(callId);
    }

    /** Sends a request and waits for its reply. */
    JsonNode request(String action, Map<String, Object> fields) {
        String id = "r" + ids.incrementAndGet();
        Map<String, Object> body = new java.util.LinkedHashMap<>(fields);
        body.put("id", id);
        body.put("action", action);
        try {
            connection.sendTextAndAwait(mapper.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return await("reply", m -> id.equals(m.path("reply").path("id").asText())).get("reply");
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.closeAndAwait();
        }
    }
}
