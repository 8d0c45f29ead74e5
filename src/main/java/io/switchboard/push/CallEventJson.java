package io.switchboard.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.events.CallEvent;
import io.switchboard.events.EventMeta;

/**
 * The {@code call-events} payload: an envelope from the event's meta, then the event record's own
 * fields, flat, the way call timelines are served. Times are ISO-8601 strings.
 */
final class CallEventJson {

    private CallEventJson() {
    }

    /**
     * The id a call has in the API ({@code node:pbxCallId}), which is also the message key.
     *
     * @param callId the call the model applied the event to, or null
     * @return null for an event of no call
     */
    static String callKey(CallEvent e, String callId) {
        String pbxCallId = callId != null ? callId : e.callId();
        return pbxCallId == null ? null : e.meta().nodeId() + ":" + pbxCallId;
    }

    static ObjectNode write(ObjectMapper mapper, CallEvent e, String callKey) {
        EventMeta meta = e.meta();
        ObjectNode n = mapper.createObjectNode();
        n.put("type", e.type());
        n.put("callId", callKey);
        n.put("node", meta.nodeId());
        n.put("pbxCallId", meta.callId());
        n.put("legId", meta.legId());
        n.put("pbxTime", meta.pbxTime().toString());
        n.put("receivedAt", meta.receivedAt().toString());
        ObjectNode fields = mapper.valueToTree(e);
        fields.remove("meta");
        n.setAll(fields);
        return n;
    }
}
