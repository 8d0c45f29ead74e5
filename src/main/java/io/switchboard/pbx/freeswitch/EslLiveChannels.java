package io.switchboard.pbx.freeswitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.calls.LiveChannel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply to {@code show channels as json} (FreeSWITCH 1.10) → {@link LiveChannel}s, column by
 * column (docs/events.md, "Live snapshot"): {@code {"row_count":N,"rows":[{...}]}}, and just
 * {@code {"row_count":0}} when nothing is up. Values are strings, empty when unknown. Stateless.
 */
final class EslLiveChannels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EslLiveChannels() {
    }

    /** @throws IllegalStateException when the reply is an error or not the channel table */
    static List<LiveChannel> parse(String reply) {
        String text = reply == null ? "" : reply.strip();
        if (text.startsWith("-ERR") || text.startsWith("-USAGE")) {
            throw new IllegalStateException("show channels as json: " + text);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("show channels as json: not JSON: " + e.getMessage());
        }
        if (root == null || !root.has("row_count")) {
            throw new IllegalStateException("show channels as json: no row_count");
        }
        List<LiveChannel> out = new ArrayList<>();
        for (JsonNode row : root.path("rows")) {
            LiveChannel ch = row(row);
            if (ch != null) {
                out.add(ch);
            }
        }
        return out;
    }

    /** One row, or null without a uuid. */
    static LiveChannel row(JsonNode r) {
        String uuid = text(r, "uuid");
        if (uuid == null) {
            return null;
        }
        String callUuid = text(r, "call_uuid");
        String callstate = text(r, "callstate");
        return new LiveChannel(uuid, callUuid != null ? callUuid : uuid, text(r, "name"), created(text(r, "created_epoch")),
                "ACTIVE".equals(callstate) || "HELD".equals(callstate), "HELD".equals(callstate), null,
                text(r, "cid_num"), text(r, "cid_name"), text(r, "context"), text(r, "dest"),
                text(r, "application"), text(r, "application_data"));
    }

    private static Instant created(String epochSeconds) {
        if (epochSeconds == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(epochSeconds));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }
}
