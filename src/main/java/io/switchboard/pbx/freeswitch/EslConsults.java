package io.switchboard.pbx.freeswitch;

import java.util.HashMap;
import java.util.Map;

/**
 * Consultation legs of attended transfers made through {@link EslCallControl}. FreeSWITCH has no
 * event for an attended transfer done with api commands, so the consultation originate carries
 * two channel variables naming the agent's leg and the waiting party's leg; when that party is
 * later bridged to the consultation leg, the transfer is complete. Single-threaded (the ESL reader's).
 */
final class EslConsults {

    /** Channel variable on the consultation leg: the uuid of the transferring agent's leg. */
    static final String AGENT_VAR = "switchboard_xfer_agent";
    /** Channel variable on the consultation leg: the uuid of the leg waiting to be transferred. */
    static final String PARTY_VAR = "switchboard_xfer_party";

    /** A consultation leg, the agent's leg and the waiting party's leg. */
    record Consult(String consultLeg, String agentLeg, String partyLeg) {
    }

    private final Map<String, Consult> byConsultLeg = new HashMap<>();

    /** Remembers a consultation leg from its CHANNEL_CREATE headers (nothing when not one). */
    void created(String uuid, Map<String, String> h) {
        String party = h.get("variable_" + PARTY_VAR);
        if (party != null && !party.isEmpty()) {
            byConsultLeg.put(uuid, new Consult(uuid, h.get("variable_" + AGENT_VAR), party));
        }
    }

    /**
     * The consultation completed by bridging {@code a} and {@code b}, if one of them is a
     * consultation leg and the other its waiting party; the consultation is forgotten then.
     *
     * @return the consultation, or null
     */
    Consult completedBy(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        Consult c = byConsultLeg.get(a);
        if (c != null && c.partyLeg().equals(b)) {
            byConsultLeg.remove(a);
            return c;
        }
        c = byConsultLeg.get(b);
        if (c != null && c.partyLeg().equals(a)) {
            byConsultLeg.remove(b);
            return c;
        }
        return null;
    }

    void destroyed(String uuid) {
        byConsultLeg.remove(uuid);
    }
}
