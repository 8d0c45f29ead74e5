package io.switchboard.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.calls.CallResync;
import io.switchboard.events.CallEvent;

import java.util.Objects;

/**
 * One record of the event topic: a node's normalized event; one call's share of a live snapshot
 * of the node (after a reconnect or a restart); or the instruction to forget a call whose
 * messages were re-sent under another call's key (the call was merged into that one).
 *
 * @param node    the PBX node
 * @param pbxType "asterisk" or "freeswitch", for the node's call model
 * @param event   the event, or null
 * @param forget  the call to drop without a record, or null
 * @param resync  a call's share of a live snapshot, or null
 * @param opens   the message is the first of its call (the call model had no such call before it)
 * @param needs   for a message around a merge: the call a replay must already know to apply it
 *                (the surviving call for an absorbed call's messages sent again), else null
 */
public record BusMessage(String node, String pbxType, CallEvent event, String forget, CallResync resync,
                         boolean opens, String needs) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public BusMessage {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pbxType, "pbxType");
        int kinds = (event != null ? 1 : 0) + (forget != null ? 1 : 0) + (resync != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("exactly one of event, forget and resync");
        }
    }

    public static BusMessage event(String pbxType, CallEvent e, boolean opens) {
        return new BusMessage(e.meta().nodeId(), pbxType, e, null, null, opens, null);
    }

    /** An event that belongs to call {@code needs}: a replay that does not know that call skips it. */
    public static BusMessage needing(String pbxType, CallEvent e, String needs) {
        return new BusMessage(e.meta().nodeId(), pbxType, e, null, null, false, needs);
    }

    public static BusMessage forget(String node, String pbxType, String callId) {
        return new BusMessage(node, pbxType, null, callId, null, false, null);
    }

    /** A call's share of a live snapshot; {@code opens} when it adopts a call the node's model did not have. */
    public static BusMessage resync(String node, String pbxType, CallResync part, boolean opens) {
        return new BusMessage(node, pbxType, null, null, part, opens, null);
    }

    /** The same event or snapshot part, flagged anew for sending again under another call's key. */
    BusMessage reflagged(boolean opens, String needs) {
        return new BusMessage(node, pbxType, event, forget, resync, opens, needs);
    }

    /** The record key: {@code node:callId} for a call's events, the node for node-level ones. */
    public static String key(String node, String callId) {
        return callId == null ? node : node + ":" + callId;
    }

    public String encode() {
        ObjectNode n;
        if (event != null) {
            n = EventCodec.write(event);
        } else if (resync != null) {
            n = ResyncCodec.write(node, resync);
        } else {
            n = MAPPER.createObjectNode().put("type", "Forget").put("node", node).put("callId", forget);
        }
        n.put("pbx", pbxType);
        if (opens) {
            n.put("opens", true);
        }
        if (needs != null) {
            n.put("needs", needs);
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serializes
        }
    }

    /** @throws IllegalArgumentException for anything that is not a complete message */
    public static BusMessage decode(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || !n.path("pbx").isTextual() || !n.path("node").isTextual()) {
            throw new IllegalArgumentException("not a bus message");
        }
        String pbx = n.get("pbx").asText();
        if ("Forget".equals(n.path("type").asText())) {
            if (!n.path("callId").isTextual()) {
                throw new IllegalArgumentException("forget without a call id");
            }
            return forget(n.get("node").asText(), pbx, n.get("callId").asText());
        }
        try {
            String needs = n.path("needs").isTextual() ? n.get("needs").asText() : null;
            boolean opens = n.path("opens").asBoolean(false);
            if (ResyncCodec.TYPE.equals(n.path("type").asText())) {
                return new BusMessage(n.get("node").asText(), pbx, null, null, ResyncCodec.read(n), opens, needs);
            }
            CallEvent e = EventCodec.read(n);
            return new BusMessage(e.meta().nodeId(), pbx, e, null, null, opens, needs);
        } catch (RuntimeException bad) { // a bad time, enum or header value
            throw new IllegalArgumentException(bad.getMessage(), bad);
        }
    }
}
