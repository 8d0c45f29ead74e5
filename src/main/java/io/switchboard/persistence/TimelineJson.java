package io.switchboard.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.events.CallEvent;

import java.util.List;

/** Writes a call's normalized events as a flat JSON array: type, times, leg, then the event's own fields. */
final class TimelineJson {

    private TimelineJson() {
    }

    static String write(ObjectMapper mapper, List<CallEvent> events) {
        ArrayNode out = mapper.createArrayNode();
        for (CallEvent e : events) {
            ObjectNode n = out.addObject();
            n.put("type", e.type());
            n.put("pbxTime", e.pbxTime().toString());
            n.put("receivedAt", e.meta().receivedAt().toString());
            if (e.legId() != null) {
                n.put("legId", e.legId());
            }
            ObjectNode fields = mapper.valueToTree(e);
            fields.remove("meta");
            n.setAll(fields);
        }
        return out.toString();
    }
}
