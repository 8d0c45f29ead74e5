package io.switchboard.it;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.AmiSimulator;
import io.switchboard.simulator.esl.EslSimulator;
import io.switchboard.simulator.esl.SimEvent;

/**
 * Calls driven event by event on a simulator, as the PBX reports them: a caller's leg, optionally
 * an agent's leg bridged to it, hang-ups. The simulators keep their live channel tables from these
 * events even while no client listens, which is what a PBX does while the service is away.
 */
final class LiveCalls {

    private LiveCalls() {
    }

    /** Asterisk: a caller {@code id} answered and bridged with an agent leg {@code id + "1"}, Linkedid {@code id}. */
    static void amiTalking(AmiSimulator sim, String id, String caller) {
        amiLeg(sim, id, id, "PJSIP/trunk-" + id, caller, "from-pstn", "8005550100");
        sim.emit(newstate(id, id, "PJSIP/trunk-" + id));
        String agent = id + "1";
        amiLeg(sim, agent, id, "PJSIP/agent1-" + agent, "1001", "from-queue", "8005550100");
        sim.emit(newstate(agent, id, "PJSIP/agent1-" + agent));
        String[][] legs = {{id, "PJSIP/trunk-" + id, "1"}, {agent, "PJSIP/agent1-" + agent, "2"}};
        for (String[] leg : legs) {
            sim.emit(AmiFrame.of("Event", "BridgeEnter", "Privilege", "call,all", "BridgeUniqueid", "bridge-" + id,
                    "BridgeNumChannels", leg[2], "Channel", leg[1], "ChannelState", "6", "ChannelStateDesc", "Up",
                    "Uniqueid", leg[0], "Linkedid", id));
        }
    }

    /** Asterisk: a caller {@code id} ringing an extension, not answered. */
    static void amiRinging(AmiSimulator sim, String id, String caller) {
        amiLeg(sim, id, id, "PJSIP/" + caller + "-" + id, caller, "from-internal", "2000");
    }

    static void amiHangup(AmiSimulator sim, String leg, String call) {
        sim.emit(AmiFrame.of("Event", "Hangup", "Privilege", "call,all", "ChannelState", "6", "ChannelStateDesc", "Up", "Uniqueid", leg, "Linkedid", call,
                "Cause", "16", "Cause-txt", "Normal Clearing"));
    }

    private static void amiLeg(AmiSimulator sim, String leg, String call, String channel, String caller,
                               String context, String exten) {
        sim.emit(AmiFrame.of("Event", "Newchannel", "Privilege", "call,all", "Channel", channel,
                "ChannelState", "4", "ChannelStateDesc", "Ring", "CallerIDNum", caller, "CallerIDName", "Caller " + caller,
                "Context", context, "Exten", exten, "Priority", "1", "Uniqueid", leg, "Linkedid", call));
    }

    private static AmiFrame newstate(String leg, String call, String channel) {
        return AmiFrame.of("Event", "Newstate", "Privilege", "call,all", "Channel", channel, "ChannelState", "6",
                "ChannelStateDesc", "Up", "Uniqueid", leg, "Linkedid", call);
    }

    /** FreeSWITCH: a caller {@code uuid} answered and bridged with a b-leg {@code uuid + "-b"}. */
    static void eslTalking(EslSimulator fs, String uuid, String caller) {
        String b = uuid + "-b";
        fs.emit(create(uuid, null, "sofia/external/" + caller, caller, "public", "8005550100"));
        fs.emit(channel("CHANNEL_ANSWER", uuid));
        fs.emit(create(b, uuid, "sofia/internal/1001", caller, "default", "1001"));
        fs.emit(channel("CHANNEL_ANSWER", b));
        fs.emit(channel("CHANNEL_BRIDGE", uuid).withHeader("Other-Leg-Unique-ID", b)
                .withHeader("Bridge-A-Unique-ID", uuid).withHeader("Bridge-B-Unique-ID", b));
    }

    /** FreeSWITCH: a caller {@code uuid} ringing, not answered. */
    static void eslRinging(EslSimulator fs, String uuid, String caller) {
        fs.emit(create(uuid, null, "sofia/internal/" + caller, caller, "default", "2000"));
    }

    /** FreeSWITCH: a new channel {@code uuid} originated from {@code from} (a transfer target, say), answered. */
    static void eslLinked(EslSimulator fs, String uuid, String from) {
        fs.emit(create(uuid, from, "sofia/internal/2000", "2000", "default", "2000"));
        fs.emit(channel("CHANNEL_ANSWER", uuid));
    }

    static void eslHangup(EslSimulator fs, String uuid) {
        fs.emit(channel("CHANNEL_HANGUP_COMPLETE", uuid).withHeader("Hangup-Cause", "NORMAL_CLEARING"));
        fs.emit(channel("CHANNEL_DESTROY", uuid));
    }

    private static SimEvent create(String uuid, String otherLeg, String name, String caller, String context,
                                   String dest) {
        SimEvent e = channel("CHANNEL_CREATE", uuid).withHeader("Channel-Name", name)
                .withHeader("Caller-Caller-ID-Number", caller).withHeader("Caller-Caller-ID-Name", "Caller " + caller)
                .withHeader("Caller-Context", context).withHeader("Caller-Destination-Number", dest)
                .withHeader("Call-Direction", otherLeg == null ? "inbound" : "outbound");
        return otherLeg == null ? e : e.withHeader("Other-Leg-Unique-ID", otherLeg);
    }

    private static SimEvent channel(String event, String uuid) {
        return SimEvent.of("Event-Name", event, "Core-UUID", "3f1d2c3b-sim", "Unique-ID", uuid,
                "Channel-Call-UUID", uuid);
    }
}
