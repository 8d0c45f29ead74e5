package io.switchboard.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.switchboard.events.CallEvent;
import io.switchboard.events.EventMeta;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CallEventJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Instant t = Instant.parse("2026-11-20T09:00:00.123456Z");

    @Test
    void envelopeThenTheEventsOwnFields() {
        CallEvent e = new CallEvent.AgentConnected(new EventMeta("sim", t, t.plusMillis(2), "1700.1", "1700.2"),
                "support", "Local/101@agents", "Anna", "1700.3", 12, 4);
        String key = CallEventJson.callKey(e, "1700.1");
        ObjectNode n = CallEventJson.write(mapper, e, key);

        assertThat(key).isEqualTo("sim:1700.1");
        assertThat(names(n)).containsExactly("type", "callId", "node", "pbxCallId", "legId", "pbxTime",
                "receivedAt", "queue", "agentInterface", "agentName", "agentLegId", "holdSeconds", "ringSeconds");
        assertThat(n.get("type").asText()).isEqualTo("AgentConnected");
        assertThat(n.get("callId").asText()).isEqualTo("sim:1700.1");
        assertThat(n.get("pbxTime").asText()).isEqualTo("2026-11-20T09:00:00.123456Z");
        assertThat(n.get("holdSeconds").asInt()).isEqualTo(12);
    }

    @Test
    void theCallTheModelChoseWinsAndEventsOfNoCallHaveNoKey() {
        CallEvent merged = new CallEvent.LegHangup(new EventMeta("sim", t, t, "second", "leg"), 16, "Normal");
        assertThat(CallEventJson.callKey(merged, "first")).isEqualTo("sim:first");
        CallEvent nodeLevel = new CallEvent.UserEvent(new EventMeta("sim", t, t, null, null), "Ping", Map.of("a", "b"));
        assertThat(CallEventJson.callKey(nodeLevel, null)).isNull();
        ObjectNode n = CallEventJson.write(mapper, nodeLevel, null);
        assertThat(n.get("callId").isNull()).isTrue();
        assertThat(n.get("headers").get("a").asText()).isEqualTo("b");
    }

    private static List<String> names(ObjectNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
