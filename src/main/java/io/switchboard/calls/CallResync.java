package io.switchboard.calls;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call's share of a {@link LiveSnapshot}: all the reconciliation rules need to bring that call
 * alone in line with the snapshot. A node's tracker splits each snapshot into these
 * ({@link CallTracker#planResync}); applying them one by one ({@link CallTracker#resync(CallResync, List)})
 * gives what applying the whole snapshot gives. Each concerns its own call only, so an event bus
 * can send each under its call's key and the owner of that call applies it, in the call's order.
 *
 * @param callId      the call, or the id of the call the channels form ({@code adopts})
 * @param adopts      the tracker has no call for these channels: they form a new one
 * @param listed      a channel of the snapshot carries the call's id
 * @param listedLegs  the call's legs the snapshot lists (others are closed, unless heard of since)
 * @param known       listed channels of legs the call has: they fill in what it lacks (e.g. a creation it missed)
 * @param joining     channels the tracker does not know that join the call, or form it (caller first)
 * @param requestedAt as in {@link LiveSnapshot}
 * @param takenAt     as in {@link LiveSnapshot}
 * @param lostAt      as in {@link LiveSnapshot}
 */
public record CallResync(String callId, boolean adopts, boolean listed, List<String> listedLegs,
                         List<LiveChannel> known, List<LiveChannel> joining, Instant requestedAt, Instant takenAt,
                         Instant lostAt) {

    public CallResync {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(takenAt, "takenAt");
        listedLegs = List.copyOf(listedLegs);
        known = List.copyOf(known);
        joining = List.copyOf(joining);
    }
}
