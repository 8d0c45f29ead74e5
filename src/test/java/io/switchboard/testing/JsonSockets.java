package io.switchboard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opens our JSON WebSockets the way a signed-in browser does, for probes that keep what arrives. */
public final class JsonSockets {

    private JsonSockets() {
    }

    /**
     * Connects to {@code path} with Basic credentials and appends every text message, parsed, to
     * {@code received} in the order the server sent them; returns once the socket is open.
     */
    public static WebSocketClientConnection connect(BasicWebSocketConnector connector, URI base, String path,
                                                    String user, String password, ObjectMapper mapper,
                                                    List<JsonNode> received) {
        return connector.baseUri(base).path(path).addHeader("Authorization", basicAuth(user, password))
                // on the event loop: the default (blocking) model hands messages to worker threads
                // unordered, so two quick events could be kept in the wrong order
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((c, text) -> {
                    try {
                        received.add(mapper.readTree(text));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("not JSON from " + path + ": " + text, e);
                    }
                })
                .connectAndAwait();
    }

    /** The {@code Authorization} header value for HTTP Basic. */
    public static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
