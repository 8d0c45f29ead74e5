package io.switchboard.pbx;

import java.util.Map;

/**
 * The PBX's answer to a command: success or not, its own message text, and values it returned
 * (a new channel's uuid, a consultation leg, ...).
 */
public record PbxReply(boolean success, String message, Map<String, String> data) {

    /** Data key: the PBX was already as asked (nothing changed, so no event will follow). */
    public static final String UNCHANGED = "unchanged";

    public PbxReply {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static PbxReply ok(String message) {
        return new PbxReply(true, message, Map.of());
    }

    public static PbxReply failed(String message) {
        return new PbxReply(false, message, Map.of());
    }
}
