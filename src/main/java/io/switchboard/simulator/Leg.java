package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;

/** Mutable state of one synthetic channel; renders the channel snapshot headers of AMI events. */
final class Leg {

    static final String UNKNOWN = "<unknown>";
    static final int DOWN = 0;
    static final int RING = 4;
    static final int RINGING = 5;
    static final int UP = 6;

    final String name;
    final String uniqueid;
    final String linkedid;
    int state;
    String cidNum = UNKNOWN;
    String cidName = UNKNOWN;
    String connNum = UNKNOWN;
    String connName = UNKNOWN;
    String context;
    String exten;
    int priority = 1;
    String app = "";
    String appData = "";
    long createdAt;
    long answeredAt = -1;

    Leg(String name, String uniqueid, String linkedid, int state, String context, String exten) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.state = state;
        this.context = context;
        this.exten = exten;
    }

    /** The pair {@code <base>-<suffix>;1} / {@code ;2} of a Local channel. */
    static Leg[] localPair(String base, String suffix, String linkedid, long epochMicros, String context, String exten) {
        String firstId = Ids.uniqueid(epochMicros);
        String linked = linkedid == null ? firstId : linkedid;
        Leg one = new Leg(base + "-" + suffix + ";1", firstId, linked, DOWN, context, exten);
        Leg two = new Leg(base + "-" + suffix + ";2", Ids.uniqueid(epochMicros), linked, RING, context, exten);
        return new Leg[] {one, two};
    }

    void callerId(String num, String name) {
        this.cidNum = num;
        this.cidName = name;
    }

    void connected(String num, String name) {
        this.connNum = num;
        this.connName = name;
    }

    void dialplan(String newContext, String newExten, int newPriority) {
        this.context = newContext;
        this.exten = newExten;
        this.priority = newPriority;
    }

    /** Channel snapshot with a prefix: "" for Channel..., "Dest" for DestChannel... and so on. */
    void snapshot(AmiFrame.Builder b, String p) {
        b.add(p + "Channel", name)
                .add(p + "ChannelState", Integer.toString(state))
                .add(p + "ChannelStateDesc", stateDesc(state))
                .add(p + "CallerIDNum", cidNum)
                .add(p + "CallerIDName", cidName)
                .add(p + "ConnectedLineNum", connNum)
                .add(p + "ConnectedLineName", connName)
                .add(p + "Language", "en")
                .add(p + "AccountCode", "")
                .add(p + "Context", context)
                .add(p + "Exten", exten)
                .add(p + "Priority", Integer.toString(priority))
                .add(p + "Uniqueid", uniqueid)
                .add(p + "Linkedid", linkedid);
    }

    static String stateDesc(int state) {
        return switch (state) {
            case DOWN -> "Down";
            case RING -> "Ring";
            case RINGING -> "Ringing";
            case UP -> "Up";
            default -> "Unknown";
        };
    }

    static String causeText(int cause) {
        return switch (cause) {
            case 16 -> "Normal Clearing";
            case 17 -> "User busy";
            case 19 -> "User alerting, no answer";
            case 26 -> "Answered elsewhere";
            default -> "Unknown";
        };
    }
}
