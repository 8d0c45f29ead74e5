package io.switchboard.simulator.esl;

import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.ScenarioSpec;
import io.switchboard.simulator.ScenarioSpec.Outcome;
import io.switchboard.simulator.TruthTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes one inbound call through mod_callcenter the way FreeSWITCH 1.10 reports it for the
 * captured configuration: the caller is a loopback pair originated into context {@code cc_test}
 * ({@code <queue>-a} parks, {@code <queue>-b} answers and runs {@code callcenter <queue>}), agents
 * are offered one after the other ({@link EslAgentCall}), and the call ends by the agent hanging
 * up, a blind transfer ({@code uuid_transfer} of the caller), the caller hanging up while waiting
 * ({@code BREAK_OUT}) or the queue's {@code max-wait-time} ({@code TIMEOUT}).
 */
final class EslQueueCall {

    static final long STEP = EslCallScript.STEP;
    /** mod_callcenter's dispatch thread looks for a free agent every 100 ms. */
    static final long DISPATCH_MAX = 100_000;
    static final String CONTEXT = "cc_test";
    private static final String MOH = "tone_stream://%(1000,4000,440);loops=-1";
    /** What the captured configuration's {@code transfer-target} extensions play. */
    static final String TARGET_TONE = "tone_stream://%(500,500,480);loops=3";

    private final ScenarioSpec spec;
    private final EslCallScript s;
    private final Random rng;
    private final long start;
    /** The queue as the translator reports it: mod_callcenter's {@code name@domain} without the domain. */
    private final String queue;
    final EslLeg caller;
    final EslLeg session;
    final EslMember member;
    private final List<String> ringNoAnswer = new ArrayList<>();
    private final List<TruthTransfer> transfers = new ArrayList<>();
    private EslAgentCall agent;
    private long connectAt;

    EslQueueCall(ScenarioSpec spec, EslCallScript script, long startEpochMicros) {
        this(spec, script, startEpochMicros, null, null);
    }

    /**
     * A call whose loopback pair already exists and has arrived ({@link #arrive}), e.g. one the
     * dialplan sent on to the queue after asking the routing server; {@code null} legs are made here.
     */
    EslQueueCall(ScenarioSpec spec, EslCallScript script, long startEpochMicros, EslLeg caller, EslLeg session) {
        this.spec = spec;
        this.s = script;
        this.rng = script.rng();
        this.start = startEpochMicros;
        this.queue = queueName(spec.queue());
        String name = spec.callerName();
        String num = spec.callerNum();
        this.caller = caller != null ? caller : s.leg("loopback/" + queue + "-a", true, name, num, queue, CONTEXT);
        this.session = session != null ? session : s.leg("loopback/" + queue + "-b", false, name, num, queue, CONTEXT);
        this.member = new EslMember(s, spec.queue(), this.session);
    }

    /** The queue as the translator reports it: without a {@code @domain} part. */
    static String queueName(String q) {
        int at = q.indexOf('@');
        return at > 0 ? q.substring(0, at) : q;
    }

    /** The shortest wait the spec's unanswered rings (and an answer) fit into, in microseconds. */
    static long minimumWaitMicros(ScenarioSpec spec) {
        long ring = Math.max(spec.ringMillis() * 1_000, STEP);
        return spec.ringNoAnswerAgents().size() * (ring + STEP + DISPATCH_MAX) + DISPATCH_MAX + 2 * STEP;
    }

    GeneratedEslCall build() {
        arrives(true);
        return queued();
    }

    /** For a caller that has arrived already: joins the queue, then as {@link #build()}. */
    GeneratedEslCall buildJoined() {
        member.queueStart();
        s.playback(session, MOH, true, 0);
        return queued();
    }

    private GeneratedEslCall queued() {
        long leaveAt = member.joined + spec.waitMillis() * 1_000;
        long next = member.joined + dispatchDelay();
        for (String a : spec.ringNoAnswerAgents()) {
            EslAgentCall offer = new EslAgentCall(s, member, EslAgent.of(a), spec.ivrVars());
            s.at(next);
            offer.offer(true);
            s.at(Math.max(next + spec.ringMillis() * 1_000, s.now()));
            offer.noAnswer();
            ringNoAnswer.add(offer.agent.name());
            next = s.now() + dispatchDelay();
        }
        long talkEnd = switch (spec.outcome()) {
            case ANSWER -> answered(next, leaveAt);
            case CALLER_ABANDON -> abandon(leaveAt);
            case QUEUE_TIMEOUT -> timeout(leaveAt);
        };
        return new GeneratedEslCall(caller.uuid, start, s.events(), truth(talkEnd));
    }

    private long dispatchDelay() {
        return STEP + rng.nextInt((int) (DISPATCH_MAX - STEP));
    }

    /**
     * The caller arrives and joins the queue with music on hold; {@code ivrPauses}: the caller
     * takes a moment to answer each IVR prompt (a live call sets the variables at once).
     */
    void arrives(boolean ivrPauses) {
        callerArrives(ivrPauses);
        member.queueStart();
        s.playback(session, MOH, true, 0);
    }

    private void callerArrives(boolean ivrPauses) {
        arrive(s, spec, caller, session, ivrPauses);
    }

    /** Originated like the captures' callers; the b-leg answers and sets its variables. */
    static void arrive(EslCallScript s, ScenarioSpec spec, EslLeg caller, EslLeg session, boolean ivrPauses) {
        Random rng = s.rng();
        caller.set("origination_uuid", caller.uuid).set("origination_caller_id_number", spec.callerNum())
                .set("origination_caller_id_name", spec.callerName()).set("originate_early_media", "true")
                .set("originate_endpoint", "loopback");
        session.set("origination_uuid", caller.uuid).set("origination_caller_id_number", spec.callerNum())
                .set("origination_caller_id_name", spec.callerName());
        EslCallScript.loopbackPair(caller, session);
        s.create(caller);
        s.create(session);
        session.set("current_application", "answer");
        s.answer(caller);
        s.answer(session);
        s.after(STEP);
        // the originating side shows the callee as its caller id once answered (switch_channel_flip_cid)
        caller.set("pre_transfer_caller_id_name", caller.cidName).set("pre_transfer_caller_id_number", caller.cidNumber)
                .set("channel_cid_flipped", "yes");
        caller.calleeName = caller.cidName;
        caller.calleeNumber = caller.cidNumber;
        caller.cidName = "Outbound Call";
        caller.cidNumber = CONTEXT;
        caller.hitDialplan = true;
        s.channel("CALL_UPDATE", caller, h -> EslLeg.add(h, "Direction", "RECV"), null);
        caller.state("CS_EXECUTE", 4, "ACTIVE");
        caller.set("current_application", "park");
        s.channel("CHANNEL_PARK", caller);
        session.set("hangup_after_bridge", "true");
        for (Map.Entry<String, String> v : spec.ivrVars().entrySet()) {
            if (ivrPauses) {
                s.after(600_000 + rng.nextInt(400_000)); // the caller answers an IVR prompt
            }
            session.set(v.getKey(), v.getValue());
        }
        if (!spec.ivrVars().isEmpty()) {
            session.set("cc_export_vars", String.join(",", spec.ivrVars().keySet()));
        }
    }

    /** The answering agent is offered in time to be connected {@code connect}; returns when the caller's talk ends. */
    private long answered(long next, long connect) {
        agent = new EslAgentCall(s, member, EslAgent.of(spec.answeringAgent()), spec.ivrVars());
        long offerAt = Math.max(next, connect - 2 * STEP - spec.ringMillis() * 1_000);
        s.at(offerAt);
        agent.offer(connect - STEP > offerAt + STEP);
        connect(agent, connect);
        long talk = spec.talkMillis() * 1_000;
        if (spec.holdMillis() > 0) {
            agent.hold(connect + talk / 2, spec.holdMillis() * 1_000);
        }
        long end = connect + talk + spec.holdMillis() * 1_000;
        return spec.transfer() == null ? agentHangsUp(end) : blindTransfer(end, spec.transfer().target());
    }

    /**
     * The agent's phone answers one step before {@code connect}; at {@code connect} the module
     * reports the agent, stops the music, drops the contact pair and bridges the caller to the phone.
     */
    void connect(EslAgentCall agent, long connect) {
        this.agent = agent;
        agent.answer(connect);
        connectAt = connect;
        s.playback(session, MOH, false, connect - member.joined);
        member.membersCount(0);
        s.after(STEP);
        agent.dropContact();
        s.after(STEP);
        bridgeByUuid(agent.phoneA);
    }

    /** mod_callcenter bridges the caller to the agent's channel by uuid, a transfer for both. */
    private void bridgeByUuid(EslLeg agentLeg) {
        long now = s.now();
        String sec = Long.toString(EslMember.seconds(now));
        session.transfer(now, sec + ":" + s.uuid() + ":uuid_br:" + agentLeg.uuid);
        agentLeg.transfer(now, sec + ":" + s.uuid() + ":uuid_br:" + session.uuid);
        agentLeg.callUuid = session.uuid;
        agentLeg.set("call_uuid", session.uuid).set("bridge_to", session.uuid);
        session.set("cc_agent_uuid", agentLeg.uuid).set("cc_agent_bridged", "true")
                .set("cc_agent", agent.agent.name())
                .set("cc_queue_answered_epoch", Long.toString(EslMember.seconds(connectAt))).set("cc_cause", "answered");
        session.state("CS_SOFT_EXECUTE", 3, "ACTIVE");
        s.bridge(session, agentLeg, true);
        EslCallScript.link(agentLeg, session, "originator");
    }

    /** The agent hangs up at {@code end}, which ends the caller's bridge and the call. */
    private long agentHangsUp(long end) {
        s.at(end);
        agent.phoneHangsUp();
        agent.agentDone();
        s.bridge(session, agent.phoneA, false);
        callerHangsUp("callcenter", queue, () -> agent.phoneGone());
        return end;
    }

    /** {@code uuid_transfer} of the caller to {@code target}: a prompt plays there, then the caller hangs up. */
    private long blindTransfer(long at, String target) {
        String context = ScenarioSpec.Transfer.CONTEXT;
        s.at(at);
        agent.phoneDropped();
        session.transfer(at, EslMember.seconds(at) + ":" + s.uuid() + ":bl_xfer:" + target + "/" + context + "/XML");
        session.rdnis = session.destination;
        session.destination = target;
        session.context = context;
        session.dialplan = "XML";
        session.set("max_forwards", "70");
        session.other = null;
        s.bridge(session, agent.phoneA, false);
        session.state("CS_EXECUTE", 4, "ACTIVE");
        session.set("current_application_data", TARGET_TONE).set("current_application", "playback");
        s.playback(session, TARGET_TONE, true, 0);
        s.after(4 * STEP);
        agent.agentDone();
        agent.phoneGone();
        long played = (3_000 + rng.nextInt(3_000)) * 1_000L;
        s.at(at + played);
        s.playback(session, TARGET_TONE, false, played);
        transfers.add(new TruthTransfer(spec.transfer().type().name(), target));
        callerHangsUp("hangup", "NORMAL_CLEARING", null);
        return caller.hangupTime; // with the transfer target until the caller is gone
    }

    /** The caller hangs up {@code lead} before leaving the queue ({@code BREAK_OUT}). */
    private long abandon(long leaveAt) {
        long lead = 1_000 + rng.nextInt((int) STEP);
        s.at(leaveAt - lead);
        s.hangup(caller, "NORMAL_CLEARING");
        s.hangup(session, "NORMAL_CLEARING");
        s.channel("CHANNEL_UNPARK", caller);
        s.hangupComplete(caller, "16", "park", null);
        s.playback(session, MOH, false, s.now() - member.joined);
        s.at(leaveAt);
        member.queueEndCancel("BREAK_OUT");
        member.membersCount(0);
        s.hangupComplete(session, "16", "callcenter", queue);
        s.destroy(caller);
        s.after(500_000);
        s.destroy(session);
        return leaveAt;
    }

    /** {@code max-wait-time} ran out: the member leaves and the dialplan hangs up. */
    private long timeout(long leaveAt) {
        s.at(leaveAt);
        s.playback(session, MOH, false, leaveAt - member.joined);
        member.queueEndCancel("TIMEOUT");
        member.membersCount(0);
        s.after(STEP);
        callerHangsUp("hangup", "NORMAL_CLEARING", null);
        return leaveAt;
    }

    /** The b-leg hangs up, the parked a-leg follows; {@code between} runs one step later, before the a-leg is done. */
    private void callerHangsUp(String lastApp, String lastArg, Runnable between) {
        if (lastApp.equals("hangup")) {
            session.set("current_application_data", lastArg).set("current_application", lastApp);
        }
        s.hangup(session, "NORMAL_CLEARING");
        s.hangup(caller, "NORMAL_CLEARING");
        s.hangupComplete(session, "16", lastApp, lastArg);
        s.after(STEP);
        if (between != null) {
            between.run();
        }
        s.channel("CHANNEL_UNPARK", caller);
        s.hangupComplete(caller, "16", "park", null);
        s.destroy(caller);
        s.destroy(session);
    }

    private CallTruth truth(long talkEnd) {
        boolean answered = spec.outcome() == Outcome.ANSWER;
        String disposition = switch (spec.outcome()) {
            case ANSWER -> "ANSWERED";
            case CALLER_ABANDON -> "ABANDONED";
            case QUEUE_TIMEOUT -> "TIMEOUT";
        };
        String agentName = answered ? agent.agent.name() : null;
        long talk = answered ? (talkEnd - connectAt) / 1_000 - spec.holdMillis() : 0;
        return new CallTruth(caller.uuid, spec.callerNum(), spec.callerName(), queue, disposition, agentName,
                agentName, spec.waitMillis(), talk, answered ? spec.holdMillis() : 0, transfers, ringNoAnswer,
                spec.ivrVars());
    }
}
