package io.switchboard.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.events.AgentState;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.*;
import io.switchboard.events.EventMeta;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every {@link CallEvent} to JSON and back without loss, by an explicit table per type (no
 * reflection mapping): what the call model on another instance applies must equal what the
 * collector translated. Times are ISO-8601 with nanoseconds; absent values are JSON null.
 */
final class EventCodec {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EventCodec() {
    }

    static ObjectNode write(CallEvent e) {
        ObjectNode n = JSON.objectNode();
        EventMeta m = e.meta();
        n.put("type", e.type());
        n.put("node", m.nodeId());
        n.put("pbxTime", m.pbxTime().toString());
        n.put("receivedAt", m.receivedAt().toString());
        n.put("callId", m.callId());
        n.put("legId", m.legId());
        switch (e) {
            case LegCreated x -> n.put("channel", x.channel()).put("callerNumber", x.callerNumber())
                    .put("callerName", x.callerName()).put("context", x.context()).put("extension", x.extension());
            case CallerIdUpdated x -> n.put("callerNumber", x.callerNumber()).put("callerName", x.callerName());
            case LegsLinked x -> n.put("otherLegId", x.otherLegId());
            case LegRinging x -> { }
            case LegAnswered x -> { }
            case DialStarted x -> n.put("targetLegId", x.targetLegId()).put("targetChannel", x.targetChannel())
                    .put("dialString", x.dialString());
            case DialEnded x -> n.put("targetLegId", x.targetLegId()).put("status", x.status());
            case LegBridged x -> n.put("bridgeId", x.bridgeId()).put("participants", x.participants());
            case LegUnbridged x -> n.put("bridgeId", x.bridgeId());
            case LegHeld x -> { }
            case LegUnheld x -> { }
            case DialplanEntered x -> n.put("context", x.context()).put("extension", x.extension());
            case BlindTransferred x -> n.put("transfereeLegId", x.transfereeLegId()).put("context", x.context())
                    .put("extension", x.extension()).put("success", x.success());
            case AttendedTransferred x -> n.put("transfereeLegId", x.transfereeLegId())
                    .put("targetLegId", x.targetLegId()).put("targetChannel", x.targetChannel())
                    .put("secondCallId", x.secondCallId()).put("success", x.success());
            case QueueJoined x -> n.put("queue", x.queue()).put("position", x.position());
            case QueueLeft x -> n.put("queue", x.queue());
            case QueueAbandoned x -> n.put("queue", x.queue()).put("position", x.position())
                    .put("originalPosition", x.originalPosition()).put("holdSeconds", x.holdSeconds());
            case QueueOutcome x -> n.put("status", x.status());
            case AgentOffered x -> agent(n, x.queue(), x.agentInterface(), x.agentName())
                    .put("agentLegId", x.agentLegId());
            case AgentConnected x -> agent(n, x.queue(), x.agentInterface(), x.agentName())
                    .put("agentLegId", x.agentLegId()).put("holdSeconds", x.holdSeconds())
                    .put("ringSeconds", x.ringSeconds());
            case AgentRingNoAnswer x -> agent(n, x.queue(), x.agentInterface(), x.agentName())
                    .put("agentLegId", x.agentLegId()).put("ringMillis", x.ringMillis());
            case AgentCompleted x -> agent(n, x.queue(), x.agentInterface(), x.agentName())
                    .put("holdSeconds", x.holdSeconds()).put("talkSeconds", x.talkSeconds()).put("reason", x.reason());
            case LegHangupRequested x -> n.put("cause", x.cause());
            case LegHangup x -> n.put("cause", x.cause()).put("causeText", x.causeText());
            case Dtmf x -> n.put("digit", x.digit()).put("direction", x.direction());
            case IvrData x -> n.put("name", x.name()).put("value", x.value());
            case RoutingResult x -> n.put("status", x.status());
            case AgentStateChanged x -> agent(n, x.queue(), x.agentInterface(), x.agentName())
                    .put("state", x.state() == null ? null : x.state().name()).put("paused", x.paused())
                    .put("reason", x.reason());
            case UserEvent x -> {
                n.put("name", x.name());
                ObjectNode h = n.putObject("headers");
                x.headers().forEach(h::put);
            }
        }
        return n;
    }

    private static ObjectNode agent(ObjectNode n, String queue, String agentInterface, String agentName) {
        return n.put("queue", queue).put("agentInterface", agentInterface).put("agentName", agentName);
    }

    /** @throws IllegalArgumentException for an unknown type or a missing needed value */
    static CallEvent read(JsonNode n) {
        Fields f = new Fields(n);
        EventMeta m = new EventMeta(f.req("node"), Instant.parse(f.req("pbxTime")),
                Instant.parse(f.req("receivedAt")), f.s("callId"), f.s("legId"));
        String type = f.req("type");
        return switch (type) {
            case "LegCreated" -> new LegCreated(m, f.s("channel"), f.s("callerNumber"), f.s("callerName"),
                    f.s("context"), f.s("extension"));
            case "CallerIdUpdated" -> new CallerIdUpdated(m, f.s("callerNumber"), f.s("callerName"));
            case "LegsLinked" -> new LegsLinked(m, f.s("otherLegId"));
            case "LegRinging" -> new LegRinging(m);
            case "LegAnswered" -> new LegAnswered(m);
            case "DialStarted" -> new DialStarted(m, f.s("targetLegId"), f.s("targetChannel"), f.s("dialString"));
            case "DialEnded" -> new DialEnded(m, f.s("targetLegId"), f.s("status"));
            case "LegBridged" -> new LegBridged(m, f.s("bridgeId"), f.i("participants"));
            case "LegUnbridged" -> new LegUnbridged(m, f.s("bridgeId"));
            case "LegHeld" -> new LegHeld(m);
            case "LegUnheld" -> new LegUnheld(m);
            case "DialplanEntered" -> new DialplanEntered(m, f.s("context"), f.s("extension"));
            case "BlindTransferred" -> new BlindTransferred(m, f.s("transfereeLegId"), f.s("context"),
                    f.s("extension"), f.bool("success"));
            case "AttendedTransferred" -> new AttendedTransferred(m, f.s("transfereeLegId"), f.s("targetLegId"),
                    f.s("targetChannel"), f.s("secondCallId"), f.bool("success"));
            case "QueueJoined" -> new QueueJoined(m, f.s("queue"), f.i("position"));
            case "QueueLeft" -> new QueueLeft(m, f.s("queue"));
            case "QueueAbandoned" -> new QueueAbandoned(m, f.s("queue"), f.i("position"), f.i("originalPosition"),
                    f.i("holdSeconds"));
            case "QueueOutcome" -> new QueueOutcome(m, f.s("status"));
            case "AgentOffered" -> new AgentOffered(m, f.s("queue"), f.s("agentInterface"), f.s("agentName"),
                    f.s("agentLegId"));
            case "AgentConnected" -> new AgentConnected(m, f.s("queue"), f.s("agentInterface"), f.s("agentName"),
                    f.s("agentLegId"), f.i("holdSeconds"), f.i("ringSeconds"));
            case "AgentRingNoAnswer" -> new AgentRingNoAnswer(m, f.s("queue"), f.s("agentInterface"),
                    f.s("agentName"), f.s("agentLegId"), f.l("ringMillis"));
            case "AgentCompleted" -> new AgentCompleted(m, f.s("queue"), f.s("agentInterface"), f.s("agentName"),
                    f.i("holdSeconds"), f.i("talkSeconds"), f.s("reason"));
            case "LegHangupRequested" -> new LegHangupRequested(m, f.i("cause"));
            case "LegHangup" -> new LegHangup(m, f.i("cause"), f.s("causeText"));
            case "Dtmf" -> new Dtmf(m, f.s("digit"), f.s("direction"));
            case "IvrData" -> new IvrData(m, f.s("name"), f.s("value"));
            case "RoutingResult" -> new RoutingResult(m, f.s("status"));
            case "AgentStateChanged" -> new AgentStateChanged(m, f.s("queue"), f.s("agentInterface"),
                    f.s("agentName"), f.s("state") == null ? null : AgentState.valueOf(f.s("state")),
                    f.optBool("paused"), f.s("reason"));
            case "UserEvent" -> new UserEvent(m, f.s("name"), f.map("headers"));
            default -> throw new IllegalArgumentException("unknown event type " + type);
        };
    }

    /** Typed reads of one JSON object; a needed number or flag that is absent is an error. */
    record Fields(JsonNode n) {
        String s(String name) {
            JsonNode v = n.get(name);
            return v == null || v.isNull() ? null : v.asText();
        }

        String req(String name) {
            String v = s(name);
            if (v == null) {
                throw new IllegalArgumentException("missing " + name);
            }
            return v;
        }

        private JsonNode number(String name) {
            JsonNode v = n.get(name);
            if (v == null || !v.isNumber()) {
                throw new IllegalArgumentException("missing number " + name);
            }
            return v;
        }

        int i(String name) {
            return number(name).intValue();
        }

        long l(String name) {
            return number(name).longValue();
        }

        boolean bool(String name) {
            JsonNode v = n.get(name);
            if (v == null || !v.isBoolean()) {
                throw new IllegalArgumentException("missing flag " + name);
            }
            return v.booleanValue();
        }

        Boolean optBool(String name) {
            JsonNode v = n.get(name);
            return v == null || v.isNull() ? null : bool(name);
        }

        Map<String, String> map(String name) {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode v = n.get(name);
            if (v != null && v.isObject()) {
                v.properties().forEach(en -> out.put(en.getKey(), en.getValue().isNull() ? null : en.getValue().asText()));
            }
            return out;
        }
    }
}
