package io.switchboard.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A call in progress as a live snapshot left it, handed to {@link CallEventListener#onResync}:
 * its view and the legs that are still up. Adopted calls and legs are in it; legs the snapshot
 * closed are not.
 *
 * @param view    the call's state after the snapshot
 * @param adopted the call was unknown before the snapshot (begun in a gap, or before a restart)
 * @param legs    the live legs, the caller's first when known
 */
public record ResyncedCall(ActiveCall view, boolean adopted, List<LiveLeg> legs) {

    public ResyncedCall {
        legs = List.copyOf(legs);
    }

    /** The call's live legs; a listed leg's bridge is the snapshot's (Asterisk reports it, FreeSWITCH not). */
    static ResyncedCall of(CallTracker t, CallState c, Map<String, LiveChannel> listed, boolean adopted) {
        List<LiveLeg> legs = new ArrayList<>(c.legs.size());
        for (Leg l : c.legs.values()) {
            if (l.hungUp) {
                continue;
            }
            LiveChannel ch = listed.get(l.id);
            String bridge = ch != null && ch.bridgeId() != null ? ch.bridgeId()
                    : l.bridges.stream().findFirst().orElse(null);
            boolean agent = l.agent || l.id.equals(c.agentLegId);
            legs.add(new LiveLeg(l.id, l.channel != null ? l.channel : ch == null ? null : ch.channel(), bridge, agent));
        }
        return new ResyncedCall(t.view(c.pbxCallId), adopted, legs);
    }

    /**
     * One live leg.
     *
     * @param bridge the bridge it is in as the snapshot reports it (Asterisk BridgeId), else as its
     *               events left it, or null
     * @param agent  the leg is the call's agent's (the queue's, or derived for an adopted queue call)
     */
    public record LiveLeg(String id, String channel, String bridge, boolean agent) {
    }
}
