package io.switchboard.pbx;

import java.time.Instant;

/**
 * What a collector reports about its PBX node; never contains credentials. {@code unreadableFields}
 * counts secondary fields (cause codes, positions, times) that could not be read in events that
 * were still translated.
 */
public record NodeStatus(String id, String type, String host, int port, ConnectionState state,
                         Instant connectedSince, Instant lastEventAt, String lastError, String banner,
                         long connects, long eventsReceived, long eventsTranslated, long eventsIgnored,
                         long unknownEvents, long invalidEvents, long malformedFrames, long activeCalls,
                         long recordsWritten, long unreadableFields) {
}
