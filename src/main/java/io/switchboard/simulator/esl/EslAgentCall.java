package io.switchboard.simulator.esl;

import java.util.Map;

/**
 * One offer of the call to one agent, as mod_callcenter makes it for the captured configuration:
 * the agent's contact is a loopback pair ({@code loopback/agent-talk-4000/cc_agents}) whose b-leg
 * bridges to a second pair, the agent's "phone". When the phone answers, the module bridges the
 * caller straight to the phone's a-leg (by uuid) and drops the contact pair; that a-leg is the
 * agent channel of {@code bridge-agent-start}.
 */
final class EslAgentCall {

    private static final long STEP = EslCallScript.STEP;

    private final EslCallScript s;
    private final EslMember m;
    final EslAgent agent;
    private final Map<String, String> exported;
    EslLeg contactA;
    EslLeg contactB;
    EslLeg phoneA;
    EslLeg phoneB;
    private long called;
    private long answered;

    EslAgentCall(EslCallScript script, EslMember member, EslAgent agent, Map<String, String> exported) {
        this.s = script;
        this.m = member;
        this.agent = agent;
        this.exported = exported;
    }

    /** Offers the call now; the contact pair comes up and the phone starts to ring one step later. */
    void offer(boolean phoneRings) {
        called = s.now();
        m.agentState(agent.name(), "Receiving");
        m.offering(agent.name());
        s.after(STEP);
        EslLeg caller = m.session;
        contactA = s.leg("loopback/" + agent.contact() + "-a", true, caller.cidName, caller.cidNumber,
                agent.contact(), "cc_agents");
        contactB = s.leg("loopback/" + agent.contact() + "-b", false, caller.cidName, caller.cidNumber,
                agent.contact(), "cc_agents");
        for (EslLeg leg : new EslLeg[]{contactA, contactB}) {
            leg.set("leg_timeout", Integer.toString(agent.legTimeout())).set("cc_queue", m.queue)
                    .set("cc_queue_joined_epoch", Long.toString(EslMember.seconds(m.joined)))
                    .set("cc_member_uuid", m.memberUuid).set("cc_member_session_uuid", caller.uuid)
                    .set("cc_member_pre_answer_uuid", m.memberUuid).set("cc_agent", agent.name())
                    .set("cc_agent_type", "callback").set("cc_side", "agent").set("loopback_bowout", "false")
                    .set("loopback_bowout_on_execute", "false").set("ignore_early_media", "true");
            export(leg);
            leg.set("origination_caller_id_name", caller.cidName).set("origination_caller_id_number", caller.cidNumber);
        }
        contactA.set("originate_early_media", "false").set("originate_endpoint", "loopback");
        EslCallScript.loopbackPair(contactA, contactB);
        s.create(contactA);
        s.create(contactB);
        contactB.set("current_application_data", "loopback/" + agent.phone() + "/cc_agents")
                .set("current_application", "bridge").set("hangup_after_bridge", "true");
        s.progress(contactA, true);
        s.progress(contactB, true);

        phoneA = s.leg("loopback/" + agent.phone() + "-a", true, caller.cidName, caller.cidNumber, agent.phone(),
                "cc_agents");
        phoneB = s.leg("loopback/" + agent.phone() + "-b", false, caller.cidName, caller.cidNumber, agent.phone(),
                "cc_agents");
        phoneA.callUuid = contactB.uuid;
        phoneA.set("call_uuid", contactB.uuid).set("loopback_from_uuid", contactB.uuid).set("max_forwards", "70")
                .set("originator_codec", "L16@8000h@20i").set("originator", contactB.uuid)
                .set("signal_bond", contactB.uuid).set("ignore_early_media", "true")
                .set("originate_early_media", "false").set("originating_leg_uuid", contactB.uuid)
                .set("originate_endpoint", "loopback");
        phoneB.set("ignore_early_media", "true");
        EslCallScript.loopbackPair(phoneA, phoneB);
        phoneB.set("other_loopback_from_uuid", contactB.uuid);
        EslCallScript.link(phoneA, contactB, "originator");
        s.create(phoneA);
        s.create(phoneB);
        if (phoneRings) {
            phoneB.set("current_application", "ring_ready");
            s.progress(phoneA, false);
            s.progress(phoneB, false);
        }
    }

    /** The contact's {@code leg_timeout} ran out: the originate gives up and the agent is free again. */
    void noAnswer() {
        s.hangup(contactA, "ALLOTTED_TIMEOUT");
        s.hangup(contactB, "ALLOTTED_TIMEOUT");
        s.hangupComplete(contactA, "602", null, null);
        s.after(STEP);
        s.hangup(phoneA, "ORIGINATOR_CANCEL");
        s.hangupComplete(contactB, "602", "bridge", "loopback/" + agent.phone() + "/cc_agents");
        s.destroy(contactB);
        s.hangup(phoneB, "ORIGINATOR_CANCEL");
        s.hangupComplete(phoneA, "487", null, null);
        s.destroy(contactA);
        m.bridgeFail(agent.name(), called, "ALLOTTED_TIMEOUT");
        m.agentState(agent.name(), "Waiting");
        s.hangupComplete(phoneB, "487", "ring_ready", null);
        s.destroy(phoneB);
        s.destroy(phoneA);
    }

    /**
     * The phone answers one step before {@code connectAt}; at {@code connectAt} the module reports
     * the agent connected, then drops the contact pair and bridges the caller to the phone.
     */
    void answer(long connectAt) {
        s.at(connectAt - STEP);
        phoneB.set("current_application", "answer");
        s.answer(phoneA);
        s.answer(phoneB);
        s.answer(contactA);
        contactB.set("originate_signal_bond", phoneA.uuid)
                .set("originated_legs", phoneA.uuid + ";Outbound Call;cc_agents");
        s.answer(contactB);
        contactB.unset("originate_signal_bond").set("originate_causes", phoneA.uuid + ";NONE")
                .set("signal_bond", phoneA.uuid);
        s.bridge(contactB, phoneA, true);

        s.at(connectAt);
        answered = connectAt;
        phoneA.state("CS_EXCHANGE_MEDIA", 5, "ACTIVE");
        phoneA.set("bridge_to", contactB.uuid).set("cc_side", "agent").set("cc_queue", m.queue)
                .set("cc_agent", agent.name()).set("cc_agent_type", "callback").set("cc_member_uuid", m.memberUuid)
                .set("cc_member_session_uuid", m.session.uuid);
        export(phoneA);
        m.bridgeStart(agent.name(), phoneA, called);
        m.agentState(agent.name(), "In a queue call");
    }

    /** The contact pair is no longer needed once the caller is bridged to the phone. */
    void dropContact() {
        s.bridge(contactB, phoneA, false);
        s.hangup(contactB, "NORMAL_CLEARING");
        s.hangup(contactA, "NORMAL_CLEARING");
        s.hangupComplete(contactB, "16", "bridge", "loopback/" + agent.phone() + "/cc_agents");
        s.hangupComplete(contactA, "16", null, null);
        s.destroy(contactA);
        s.destroy(contactB);
    }

    /** The agent holds the caller ({@code uuid_hold} on the agent's channel) for {@code micros}. */
    void hold(long at, long micros) {
        s.at(at);
        phoneA.lastHold = at;
        s.channel("CHANNEL_HOLD", phoneA);
        s.playback(m.session, "local_stream://moh", true, 0);
        s.at(at + micros);
        s.playback(m.session, "local_stream://moh", false, micros);
        phoneA.holdAccum += micros;
        s.channel("CHANNEL_UNHOLD", phoneA);
    }

    /** The agent's phone hangs up (the agent ends the call). */
    void phoneHangsUp() {
        phoneB.set("current_application_data", "NORMAL_CLEARING").set("current_application", "hangup");
        s.hangup(phoneB, "NORMAL_CLEARING");
        phoneA.set("cc_agent_bridged", "true").set("last_bridge_hangup_cause", "NORMAL_CLEARING");
        s.hangup(phoneA, "NORMAL_CLEARING");
        s.hangupComplete(phoneB, "16", "hangup", "NORMAL_CLEARING");
    }

    /** The caller was transferred away: the phone, bridged to the caller by uuid, is hung up. */
    void phoneDropped() {
        phoneA.set("cc_agent_bridged", "true").set("last_bridge_hangup_cause", "NORMAL_CLEARING");
        s.hangup(phoneA, "NORMAL_CLEARING");
        s.hangup(phoneB, "NORMAL_CLEARING");
        s.hangupComplete(phoneA, "16", null, null);
        s.hangupComplete(phoneB, "16", "answer", null);
        s.destroy(phoneB);
    }

    /** mod_callcenter's reports once the agent's bridge is over; the agent is free again. */
    void agentDone() {
        m.bridgeEnd(agent.name(), phoneA, called, answered);
        m.queueEndTerminated(agent.name(), phoneA, called, answered);
        m.agentState(agent.name(), "Waiting");
    }

    /** Whatever is left of the phone pair goes away. */
    void phoneGone() {
        if (phoneA.hangupTime == 0) {
            s.hangupComplete(phoneA, "16", null, null);
        }
        for (EslLeg leg : new EslLeg[]{phoneA, phoneB}) {
            if (!leg.destroyed) {
                s.destroy(leg);
            }
        }
    }

    /** The variables the queue exports to agent legs ({@code cc_export_vars}). */
    private void export(EslLeg leg) {
        if (!exported.isEmpty()) {
            leg.set("cc_export_vars", String.join(",", exported.keySet()));
            exported.forEach(leg::set);
        }
    }
}
