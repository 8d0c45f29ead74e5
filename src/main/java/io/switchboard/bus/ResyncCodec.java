package io.switchboard.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.calls.CallResync;
import io.switchboard.calls.LiveChannel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A call's share of a live snapshot ({@link CallResync}) to JSON and back without loss, field by
 * field as {@link EventCodec} does for events: the owner of the call's partition must apply
 * exactly what the collector's lane applied.
 */
final class ResyncCodec {

    static final String TYPE = "Resync";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResyncCodec() {
    }

    static ObjectNode write(String node, CallResync p) {
        ObjectNode n = JSON.objectNode();
        n.put("type", TYPE);
        n.put("node", node);
        n.put("callId", p.callId());
        n.put("adopts", p.adopts());
        n.put("listed", p.listed());
        n.put("requestedAt", p.requestedAt().toString());
        n.put("takenAt", p.takenAt().toString());
        n.put("lostAt", p.lostAt() == null ? null : p.lostAt().toString());
        ArrayNode legs = n.putArray("listedLegs");
        p.listedLegs().forEach(legs::add);
        channels(n.putArray("known"), p.known());
        channels(n.putArray("joining"), p.joining());
        return n;
    }

    private static void channels(ArrayNode out, List<LiveChannel> channels) {
        for (LiveChannel c : channels) {
            out.addObject()
                    .put("legId", c.legId())
                    .put("callId", c.callId())
                    .put("channel", c.channel())
                    .put("createdAt", c.createdAt() == null ? null : c.createdAt().toString())
                    .put("answered", c.answered())
                    .put("held", c.held())
                    .put("bridgeId", c.bridgeId())
                    .put("callerNumber", c.callerNumber())
                    .put("callerName", c.callerName())
                    .put("context", c.context())
                    .put("extension", c.extension())
                    .put("application", c.application())
                    .put("applicationData", c.applicationData());
        }
    }

    /** @throws IllegalArgumentException for a missing needed value */
    static CallResync read(JsonNode n) {
        EventCodec.Fields f = new EventCodec.Fields(n);
        List<String> legs = new ArrayList<>();
        for (JsonNode leg : array(n, "listedLegs")) {
            if (!leg.isTextual()) {
                throw new IllegalArgumentException("listedLegs: not a leg id");
            }
            legs.add(leg.asText());
        }
        return new CallResync(f.req("callId"), f.bool("adopts"), f.bool("listed"), legs, channels(n, "known"),
                channels(n, "joining"), Instant.parse(f.req("requestedAt")), Instant.parse(f.req("takenAt")),
                time(f.s("lostAt")));
    }

    private static List<LiveChannel> channels(JsonNode n, String name) {
        List<LiveChannel> out = new ArrayList<>();
        for (JsonNode c : array(n, name)) {
            EventCodec.Fields f = new EventCodec.Fields(c);
            out.add(new LiveChannel(f.req("legId"), f.s("callId"), f.s("channel"), time(f.s("createdAt")),
                    f.bool("answered"), f.bool("held"), f.s("bridgeId"), f.s("callerNumber"), f.s("callerName"),
                    f.s("context"), f.s("extension"), f.s("application"), f.s("applicationData")));
        }
        return out;
    }

    private static JsonNode array(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("missing list " + name);
        }
        return v;
    }

    private static Instant time(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
