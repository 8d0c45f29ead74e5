package io.switchboard.pbx.freeswitch;

import io.switchboard.events.CallEvent.AgentOffered;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mod_callcenter offers waiting for their agent's channel. {@code agent-offering} comes just
 * before the module originates the agent's channel, so the offer is held until that channel's
 * CHANNEL_CREATE names the leg (like Asterisk's AgentCalled names DestUniqueid), keeping the
 * offering's own time. An offer whose channel never comes (the originate failed at once) is
 * released leg-less by the next event about that member and agent. Single-threaded (the ESL reader's).
 */
final class EslOffers {

    private static final int MAX_PENDING = 10_000;

    private final Map<String, AgentOffered> pending = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AgentOffered> eldest) {
            return size() > MAX_PENDING;
        }
    };

    /** Holds an offer; an earlier one still held for the same member and agent is returned, leg-less. */
    List<AgentOffered> offered(String session, AgentOffered offer) {
        List<AgentOffered> released = release(session, offer.agentName());
        pending.put(key(session, offer.agentName()), offer);
        return released;
    }

    /** The held offer with its agent leg now known, or null when none is held. */
    AgentOffered withLeg(String session, String agent, String agentLegId) {
        AgentOffered o = pending.remove(key(session, agent));
        return o == null ? null : new AgentOffered(o.meta(), o.queue(), o.agentInterface(), o.agentName(), agentLegId);
    }

    /** The offers held for the member ({@code agent} null: for any agent), released without a leg. */
    List<AgentOffered> release(String session, String agent) {
        List<AgentOffered> out = new ArrayList<>(1);
        if (session == null) {
            return out;
        }
        if (agent != null) {
            AgentOffered o = pending.remove(key(session, agent));
            if (o != null) {
                out.add(o);
            }
            return out;
        }
        String prefix = session + "|";
        for (Iterator<Map.Entry<String, AgentOffered>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, AgentOffered> e = it.next();
            if (e.getKey().startsWith(prefix)) {
                out.add(e.getValue());
                it.remove();
            }
        }
        return out;
    }

    private static String key(String session, String agent) {
        return session + "|" + agent;
    }
}
