package io.switchboard.simulator.esl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One FreeSWITCH channel of a generated call and everything its events carry: channel state,
 * caller profile, times, the bridged or originating other leg and the channel variables. The
 * script changes it as the call goes on; {@link #appendChannelData} writes it in the header order
 * of {@code switch_channel_event_set_data} as the captures show it. Times are epoch microseconds,
 * 0 for "not yet".
 */
final class EslLeg {

    final String uuid;
    final String name;
    /** {@code outbound} for the a-side of a loopback pair (the originated side), {@code inbound} for the b-side. */
    final boolean outbound;
    final long created;

    String callUuid;
    String state = "CS_INIT";
    int stateNumber = 2;
    String callState = "DOWN";
    String answerState = "ringing";
    String hangupCause;
    boolean hitDialplan;

    String dialplan = "xml";
    String cidName;
    String cidNumber;
    String calleeName = "Outbound Call";
    String calleeNumber;
    final String origCidName;
    final String origCidNumber;
    String destination;
    String context;
    String rdnis;
    String transferSource;
    int profileIndex = 1;
    long profileCreated;
    long answered;
    long progress;
    long progressMedia;
    long hangupTime;
    long transferTime;
    long bridged;
    long lastHold;
    long holdAccum;
    boolean destroyed;

    /** The leg this one was originated by or is bridged to, shown as the {@code Other-Leg-*} block. */
    EslLeg other;
    /** {@code originator} or {@code originatee}: what {@link #other} is to this leg. */
    String otherType;

    final Map<String, String> vars = new LinkedHashMap<>();

    EslLeg(String uuid, String name, boolean outbound, long created, String cidName, String cidNumber,
           String destination, String context) {
        this.uuid = uuid;
        this.name = name;
        this.outbound = outbound;
        this.created = created;
        this.profileCreated = created;
        this.callUuid = uuid;
        this.hitDialplan = !outbound;
        this.cidName = cidName;
        this.cidNumber = cidNumber;
        this.origCidName = cidName;
        this.origCidNumber = cidNumber;
        this.calleeNumber = context;
        this.destination = destination;
        this.context = context;
        vars.put("direction", direction());
        if (outbound) {
            vars.put("is_outbound", "true");
        }
    }

    String direction() {
        return outbound ? "outbound" : "inbound";
    }

    /** Sets a channel variable, keeping the place of one set before (as the channel's variable list does). */
    EslLeg set(String name, String value) {
        vars.put(name, value);
        return this;
    }

    EslLeg unset(String name) {
        vars.remove(name);
        return this;
    }

    /** {@code Channel-State} (the running state) and {@code Channel-State-Number} (the state being entered). */
    void state(String running, int entering, String call) {
        state = running;
        stateNumber = entering;
        callState = call;
    }

    /**
     * A new caller profile, as FreeSWITCH makes one for every transfer ({@code uuid_br} when a
     * bridge is made by uuid, {@code bl_xfer} for a blind transfer): the history grows, the
     * profile's own times start again.
     */
    void transfer(long at, String entry) {
        if (!vars.containsKey("original_destination_number")) {
            vars.put("original_destination_number", destination);
            vars.put("original_caller_id_name", cidName);
            vars.put("original_caller_id_number", cidNumber);
        }
        String history = vars.get("transfer_history");
        vars.put("transfer_history", history == null ? entry
                : (history.startsWith("ARRAY::") ? history : "ARRAY::" + history) + "|:" + entry);
        vars.put("transfer_source", entry);
        transferSource = entry;
        profileIndex++;
        profileCreated = at;
        bridged = 0;
    }

    /** The channel block, caller profile, other leg and variables, after the common header block. */
    void appendChannelData(List<Map.Entry<String, String>> h) {
        add(h, "Channel-State", state);
        add(h, "Channel-Call-State", callState);
        add(h, "Channel-State-Number", Integer.toString(stateNumber));
        add(h, "Channel-Name", name);
        add(h, "Unique-ID", uuid);
        add(h, "Call-Direction", direction());
        add(h, "Presence-Call-Direction", direction());
        add(h, "Channel-HIT-Dialplan", Boolean.toString(hitDialplan));
        add(h, "Channel-Call-UUID", callUuid);
        add(h, "Answer-State", answerState);
        if (hangupCause != null) {
            add(h, "Hangup-Cause", hangupCause);
        }
        add(h, "Channel-Read-Codec-Name", "L16");
        add(h, "Channel-Read-Codec-Rate", "8000");
        add(h, "Channel-Read-Codec-Bit-Rate", "128000");
        add(h, "Channel-Write-Codec-Name", "L16");
        add(h, "Channel-Write-Codec-Rate", "8000");
        add(h, "Channel-Write-Codec-Bit-Rate", "128000");
        profile(h, "Caller-", direction(), true);
        if (other != null) {
            add(h, "Other-Type", otherType);
            other.profile(h, "Other-Leg-", "inbound", otherType.equals("originatee"));
        }
        for (Map.Entry<String, String> v : vars.entrySet()) {
            add(h, "variable_" + v.getKey(), v.getValue());
        }
    }

    /**
     * The caller profile block. Another leg's block ({@code Other-Leg-}) is the copy taken when
     * the legs met: logical direction inbound, no bridge, hold or hangup times, and no times at all
     * for an originator — all as in the captures.
     */
    private void profile(List<Map.Entry<String, String>> h, String p, String logical, boolean withTimes) {
        add(h, p + "Direction", direction());
        add(h, p + "Logical-Direction", logical);
        add(h, p + "Dialplan", dialplan);
        add(h, p + "Caller-ID-Name", cidName);
        add(h, p + "Caller-ID-Number", cidNumber);
        add(h, p + "Orig-Caller-ID-Name", origCidName);
        add(h, p + "Orig-Caller-ID-Number", origCidNumber);
        add(h, p + "Callee-ID-Name", calleeName);
        add(h, p + "Callee-ID-Number", calleeNumber);
        add(h, p + "ANI", origCidNumber);
        add(h, p + "Destination-Number", destination);
        add(h, p + "Unique-ID", uuid);
        add(h, p + "Source", "mod_loopback");
        if (transferSource != null && p.equals("Caller-")) {
            add(h, p + "Transfer-Source", transferSource);
        }
        add(h, p + "Context", context);
        if (rdnis != null && p.equals("Caller-")) {
            add(h, p + "RDNIS", rdnis);
        }
        add(h, p + "Channel-Name", name);
        if (p.equals("Caller-")) {
            add(h, p + "Profile-Index", Integer.toString(profileIndex));
        }
        boolean own = p.equals("Caller-");
        long[] times = {profileCreated, created, answered, progress, progressMedia, own ? hangupTime : 0,
            own ? transferTime : 0, 0, own ? bridged : 0, own ? lastHold : 0, own ? holdAccum : 0};
        String[] names = {"Profile-Created-Time", "Channel-Created-Time", "Channel-Answered-Time",
            "Channel-Progress-Time", "Channel-Progress-Media-Time", "Channel-Hangup-Time", "Channel-Transfer-Time",
            "Channel-Resurrect-Time", "Channel-Bridged-Time", "Channel-Last-Hold", "Channel-Hold-Accum"};
        for (int i = 0; i < times.length; i++) {
            add(h, p + names[i], withTimes ? Long.toString(times[i]) : "0");
        }
        add(h, p + "Screen-Bit", "true");
        add(h, p + "Privacy-Hide-Name", "false");
        add(h, p + "Privacy-Hide-Number", "false");
    }

    static void add(List<Map.Entry<String, String>> h, String name, String value) {
        h.add(Map.entry(name, value == null ? "" : value));
    }
}
