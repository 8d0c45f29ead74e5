package io.switchboard.calls;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** One channel of a call. Confined to the ingest lane thread. */
final class Leg {
    final String id;
    String channel;
    String context;
    String extension;
    String callerNumber;
    String callerName;
    Instant createdAt;
    Instant answeredAt;
    boolean customer;
    boolean agent;
    String peerLegId;
    final Set<String> bridges = new HashSet<>(2);
    Instant heldSince;
    boolean hangupRequested;
    boolean hungUp;
    Integer cause;
    String causeText;
    /** When the last event about this leg was read (service clock); null for legs only named by others. */
    Instant seenAt;

    Leg(String id) {
        this.id = id;
    }
}
