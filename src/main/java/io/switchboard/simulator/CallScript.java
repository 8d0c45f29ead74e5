package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Writes the AMI events of one synthetic call on a monotonic clock: each event lands a few
 * microseconds after the previous one, {@link #at} jumps ahead, {@link #pin} places the next
 * event exactly (for the moments the call's truth is measured at).
 */
final class CallScript {

    static final String CALL = "call,all";
    static final String DIALPLAN = "dialplan,all";
    static final String AGENT = "agent,all";

    private final Random rng;
    private final long baseMicros;
    private final List<TimedFrame> frames = new ArrayList<>(160);
    private long cursor;
    private long pinned = -1;

    CallScript(Random rng, long baseMicros) {
        this.rng = rng;
        this.baseMicros = baseMicros;
    }

    Random rng() {
        return rng;
    }

    long baseMicros() {
        return baseMicros;
    }

    long cursor() {
        return cursor;
    }

    /** Moves the clock forward to {@code offsetMicros} (never backwards). */
    void at(long offsetMicros) {
        cursor = Math.max(cursor, offsetMicros);
    }

    /** The next event happens exactly at {@code offsetMicros}, or right after the last one if that is later. */
    void pin(long offsetMicros) {
        pinned = offsetMicros;
    }

    List<TimedFrame> frames() {
        return List.copyOf(frames);
    }

    /** Adds one event and returns its offset. */
    long event(String name, String privilege, Consumer<AmiFrame.Builder> body) {
        long t;
        if (pinned >= 0) {
            t = Math.max(pinned, cursor + 1);
            pinned = -1;
        } else {
            t = cursor + 4 + rng.nextInt(36);
        }
        cursor = t;
        AmiFrame.Builder b = AmiFrame.builder().add("Event", name).add("Privilege", privilege)
                .add("Timestamp", AmiTime.format(baseMicros + t));
        body.accept(b);
        frames.add(new TimedFrame(t, b.build()));
        return t;
    }

    long chan(String name, String privilege, Leg leg, Consumer<AmiFrame.Builder> extra) {
        return event(name, privilege, b -> {
            leg.snapshot(b, "");
            if (extra != null) {
                extra.accept(b);
            }
        });
    }

    /** An event about a caller channel and the agent (or other) channel it deals with. */
    long chanDest(String name, String privilege, Leg leg, Leg dest, Consumer<AmiFrame.Builder> extra) {
        return event(name, privilege, b -> {
            if (leg != null) {
                leg.snapshot(b, "");
            }
            dest.snapshot(b, "Dest");
            if (extra != null) {
                extra.accept(b);
            }
        });
    }

    void newchannel(Leg leg) {
        leg.createdAt = cursor;
        chan("Newchannel", CALL, leg, null);
        cel("CHAN_START", leg, "", "");
    }

    void newstate(Leg leg, int state) {
        leg.state = state;
        long t = chan("Newstate", CALL, leg, null);
        if (state == Leg.UP && leg.answeredAt < 0) {
            leg.answeredAt = t;
        }
    }

    void newCallerid(Leg leg, String num, String name) {
        leg.callerId(num, name);
        chan("NewCallerid", CALL, leg, b -> b.add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
    }

    void newConnectedLine(Leg leg, String num, String name) {
        leg.connected(num, name);
        chan("NewConnectedLine", CALL, leg, null);
    }

    void newexten(Leg leg, String context, String exten, int priority, String app, String data) {
        leg.dialplan(context, exten, priority);
        leg.app = app;
        leg.appData = data;
        chan("Newexten", DIALPLAN, leg, b -> b.add("Extension", exten).add("Application", app).add("AppData", data));
    }

    void varSet(Leg leg, String variable, String value) {
        chan("VarSet", DIALPLAN, leg, b -> b.add("Variable", variable).add("Value", value));
    }

    void softHangupRequest(Leg leg, int cause) {
        chan("SoftHangupRequest", CALL, leg, b -> b.add("Cause", Integer.toString(cause)));
    }

    void hangupRequest(Leg leg, int cause) {
        chan("HangupRequest", CALL, leg, b -> b.add("Cause", Integer.toString(cause)));
    }

    long hangup(Leg leg, int cause, String dialStatus) {
        long t = chan("Hangup", CALL, leg,
                b -> b.add("Cause", Integer.toString(cause)).add("Cause-txt", Leg.causeText(cause)));
        cel("HANGUP", leg, "", "{\"hangupcause\":" + cause + ",\"hangupsource\":\"\",\"dialstatus\":\""
                + dialStatus + "\"}");
        cel("CHAN_END", leg, "", "");
        return t;
    }

    void localBridge(Leg one, Leg two, boolean optimization) {
        event("LocalBridge", CALL, b -> {
            one.snapshot(b, "LocalOne");
            two.snapshot(b, "LocalTwo");
            b.add("Context", two.context).add("Exten", two.exten).add("LocalOptimization", optimization ? "Yes" : "No");
        });
    }

    void dialBegin(Leg caller, Leg dest, String dialString) {
        chanDest("DialBegin", CALL, caller, dest, b -> b.add("DialString", dialString));
    }

    void dialState(Leg caller, Leg dest, String status) {
        chanDest("DialState", CALL, caller, dest, b -> b.add("DialStatus", status));
    }

    void dialEnd(Leg caller, Leg dest, String status) {
        chanDest("DialEnd", CALL, caller, dest, b -> b.add("DialStatus", status));
    }

    void bridgeCreate(SimBridge bridge) {
        event("BridgeCreate", CALL, b -> bridge.snapshot(b, ""));
    }

    void bridgeEnter(SimBridge bridge, Leg leg, Leg peer) {
        bridge.channels++;
        cel("BRIDGE_ENTER", leg, peer == null ? "" : peer.name, bridgeExtra(bridge));
        event("BridgeEnter", CALL, b -> {
            bridge.snapshot(b, "");
            leg.snapshot(b, "");
        });
        if (peer != null) {
            varSet(peer, "BRIDGEPEER", leg.name);
            varSet(leg, "BRIDGEPEER", peer.name);
        }
    }

    void bridgeLeave(SimBridge bridge, Leg leg) {
        bridge.channels--;
        cel("BRIDGE_EXIT", leg, "", bridgeExtra(bridge));
        varSet(leg, "BRIDGEPEER", "");
        event("BridgeLeave", CALL, b -> {
            bridge.snapshot(b, "");
            leg.snapshot(b, "");
        });
    }

    void bridgeDestroy(SimBridge bridge) {
        event("BridgeDestroy", CALL, b -> bridge.snapshot(b, ""));
    }

    void musicOnHold(Leg leg, boolean start) {
        if (start) {
            chan("MusicOnHoldStart", CALL, leg, b -> b.add("Class", "default"));
        } else {
            chan("MusicOnHoldStop", CALL, leg, null);
        }
    }

    void deviceState(String device, String state) {
        event("DeviceStateChange", CALL, b -> b.add("Device", device).add("State", state));
    }

    void cel(String eventName, Leg leg, String peer, String extra) {
        long t = cursor;
        event("CEL", CALL, b -> b.add("EventName", eventName).add("AccountCode", "")
                .add("CallerIDnum", known(leg.cidNum)).add("CallerIDname", known(leg.cidName))
                .add("CallerIDani", "").add("CallerIDrdnis", "").add("CallerIDdnid", "")
                .add("Exten", leg.exten).add("Context", leg.context).add("Channel", leg.name)
                .add("Application", leg.app).add("AppData", leg.appData)
                .add("EventTime", AmiTime.dateTime(baseMicros + t)).add("AMAFlags", "DOCUMENTATION")
                .add("UniqueID", leg.uniqueid).add("LinkedID", leg.linkedid).add("Userfield", "")
                .add("Peer", peer).add("PeerAccount", "").add("Extra", extra));
    }

    /** The CDR Asterisk posts when a leg ends. */
    void cdr(Leg leg, String destination, String destContext, String destChannel, String lastApp, String lastData,
             String userField) {
        long end = cursor;
        long answered = leg.answeredAt;
        event("Cdr", "cdr,all", b -> b.add("AccountCode", "").add("Source", known(leg.cidNum))
                .add("Destination", destination).add("DestinationContext", destContext)
                .add("CallerID", "\"" + known(leg.cidName) + "\" <" + known(leg.cidNum) + ">")
                .add("Channel", leg.name).add("DestinationChannel", destChannel)
                .add("LastApplication", lastApp).add("LastData", lastData)
                .add("StartTime", AmiTime.dateTime(baseMicros + leg.createdAt))
                .add("AnswerTime", answered < 0 ? "" : AmiTime.dateTime(baseMicros + answered))
                .add("EndTime", AmiTime.dateTime(baseMicros + end))
                .add("Duration", Long.toString((end - leg.createdAt) / 1_000_000))
                .add("BillableSeconds", Long.toString(answered < 0 ? 0 : (end - answered) / 1_000_000))
                .add("Disposition", answered < 0 ? "NO ANSWER" : "ANSWERED").add("AMAFlags", "DOCUMENTATION")
                .add("UniqueID", leg.uniqueid).add("UserField", userField));
    }

    /** Queue member state: status 1 idle, 2 in use, 6 ringing. */
    void memberStatus(String queue, int n, int status, int inCall) {
        event("QueueMemberStatus", CallScript.AGENT, b -> b.add("Queue", queue)
                .add("MemberName", ScenarioSpec.agentName(n)).add("Interface", ScenarioSpec.agentInterface(n))
                .add("StateInterface", ScenarioSpec.agentInterface(n)).add("Membership", "static")
                .add("Penalty", "0").add("CallsTaken", "0").add("LastCall", "0").add("LastPause", "0")
                .add("LoginTime", Long.toString(baseMicros / 1_000_000 - 3_600)).add("InCall", Integer.toString(inCall))
                .add("Status", Integer.toString(status)).add("Paused", "0").add("PausedReason", "")
                .add("Ringinuse", "0").add("Wrapuptime", "0"));
    }

    /** The queue statistics app_queue copies into channel variables. */
    void queueStats(String queue, Leg leg, boolean completed) {
        varSet(leg, "QUEUENAME", queue);
        varSet(leg, "QUEUEMAX", "0");
        varSet(leg, "QUEUESTRATEGY", "rrmemory");
        varSet(leg, "QUEUECALLS", completed ? "0" : "1");
        varSet(leg, "QUEUESRVLEVEL", "0");
    }

    private static String bridgeExtra(SimBridge bridge) {
        return "{\"bridge_id\":\"" + bridge.id + "\",\"bridge_technology\":\"simple_bridge\"}";
    }

    private static String known(String value) {
        return Leg.UNKNOWN.equals(value) ? "" : value;
    }
}
