package io.switchboard.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and when a normalized event happened.
 *
 * @param nodeId     configured PBX node that reported it
 * @param pbxTime    the PBX's own timestamp (AMI {@code Timestamp}); the receive time when absent
 * @param receivedAt when the collector read it from the socket
 * @param callId     PBX call identity (Asterisk {@code Linkedid}); null for node-level events
 * @param legId      PBX leg identity (Asterisk {@code Uniqueid}); null when the event has no channel
 */
public record EventMeta(String nodeId, Instant pbxTime, Instant receivedAt, String callId, String legId) {
    public EventMeta {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(pbxTime, "pbxTime");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
