package io.switchboard.calls;

import java.time.Instant;
import java.util.List;

/**
 * What a PBX node reported as live right after a (re)connect, handed to the node's lane at the
 * point of the event stream where the reply arrived.
 *
 * @param channels    the channels up on the node
 * @param requestedAt when the snapshot was asked for (service clock): a leg with an event read
 *                    after this may be newer than the snapshot and is never closed by it
 * @param takenAt     when the reply was read (service clock); the answer time of adopted calls
 *                    that are already talking
 * @param lostAt      when the previous connection was lost (service clock), or null on the
 *                    first connect of this service; calls settled by the snapshot end then
 */
public record LiveSnapshot(List<LiveChannel> channels, Instant requestedAt, Instant takenAt, Instant lostAt) {
    public LiveSnapshot {
        channels = List.copyOf(channels);
    }
}
