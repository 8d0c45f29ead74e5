package io.switchboard.simulator;

import io.switchboard.simulator.ScenarioSpec.Transfer;

/**
 * The end of an answered call when the agent transfers the caller to context
 * {@code transfer-target}: blind transfer, attended transfer via a consultation call, or an AMI
 * Redirect of the caller (which Asterisk reports without any transfer event).
 */
final class TransferScript {

    private final QueueCall q;
    private final CallScript s;

    TransferScript(QueueCall call) {
        this.q = call;
        this.s = call.s;
    }

    /** Plays the transfer starting at {@code at}; returns when the caller's conversation ends. */
    long run(Transfer transfer, long at) {
        q.transfers.add(new TruthTransfer(transfer.type().name(), transfer.target()));
        return switch (transfer.type()) {
            case BLIND -> blind(transfer.target(), at);
            case ATTENDED -> attended(transfer.target(), at);
            case REDIRECT -> redirect(transfer.target(), at);
        };
    }

    private long blind(String target, long at) {
        s.pin(at);
        s.event("BlindTransfer", CallScript.CALL, b -> {
            b.add("Result", "Success");
            q.a1.snapshot(b, "Transferer");
            q.c2.snapshot(b, "Transferee");
            q.bridge.snapshot(b, "");
            b.add("IsExternal", "No").add("Context", Transfer.CONTEXT).add("Extension", target);
        });
        q.agentComplete("transfer", at);
        s.bridgeLeave(q.bridge, q.a1);
        agentLegsHangUp();
        s.bridgeLeave(q.bridge, q.c2);
        s.bridgeDestroy(q.bridge);
        return callerAtTarget(target);
    }

    private long redirect(String target, long at) {
        s.pin(at);
        s.bridgeLeave(q.bridge, q.c2);
        s.newexten(q.c2, Transfer.CONTEXT, target, 1, "NoOp",
                "Transfer target reached by \"" + q.spec.callerName() + "\" <" + q.spec.callerNum() + "> on " + q.c2.name);
        q.agentComplete("caller", at);
        s.bridgeLeave(q.bridge, q.a1);
        s.bridgeDestroy(q.bridge);
        agentLegsHangUp();
        return callerTalksThenHangsUp(target, 2, s.cursor());
    }

    private long callerAtTarget(String target) {
        s.newexten(q.c2, Transfer.CONTEXT, target, 1, "NoOp",
                "Transfer target reached by \"" + q.spec.callerName() + "\" <" + q.spec.callerNum() + "> on " + q.c2.name);
        return callerTalksThenHangsUp(target, 2, s.cursor());
    }

    /** Extension 2000 answers, beeps, waits 5 s and hangs up. */
    private long callerTalksThenHangsUp(String target, int priority, long from) {
        s.newexten(q.c2, Transfer.CONTEXT, target, priority, "Answer", "");
        s.newexten(q.c2, Transfer.CONTEXT, target, priority + 1, "Playback", "custom/beep");
        s.at(from + 400_000 + q.rng.nextInt(200_000));
        s.newexten(q.c2, Transfer.CONTEXT, target, priority + 2, "Wait", "5");
        long end = s.cursor() + 5_000_000 + q.rng.nextInt(10_000);
        s.pin(end);
        s.newexten(q.c2, Transfer.CONTEXT, target, priority + 3, "Hangup", "");
        s.softHangupRequest(q.c2, 16);
        s.hangup(q.c2, 16, "ANSWER");
        s.hangupRequest(q.c1, 16);
        s.hangup(q.c1, 16, "");
        s.cel("LINKEDID_END", q.c1, "", "");
        q.callerCdrs(q.a1.name);
        return end;
    }

    /**
     * The agent parks the caller on hold, calls the target in a second bridge, then hangs up,
     * which hands the caller to the target; the consultation counts as hold time.
     */
    private long attended(String target, long at) {
        long consult = 2_000_000 + q.rng.nextInt(4_000) * 1_000L;
        s.pin(at);
        long holdStart = s.chan("Hold", CallScript.CALL, q.c2, b -> b.add("MusicClass", "default"));
        s.musicOnHold(q.c2, true);
        s.bridgeLeave(q.bridge, q.a1);
        Leg[] t = Leg.localPair("Local/" + target + "@" + Transfer.CONTEXT, Ids.localSuffix(), q.c1.linkedid,
                s.baseMicros(), Transfer.CONTEXT, target);
        String agentNum = "agent" + q.agent;
        String agentName = ScenarioSpec.agentName(q.agent);
        s.newchannel(t[0]);
        s.newchannel(t[1]);
        s.newCallerid(t[0], agentNum, agentName);
        t[1].connected(agentNum, agentName);
        s.newCallerid(t[1], agentNum, agentName);
        s.localBridge(t[0], t[1], false);
        s.dialBegin(q.a1, t[0], target + "@" + Transfer.CONTEXT);
        s.newexten(t[1], Transfer.CONTEXT, target, 1, "NoOp",
                "Attended-transfer target \"" + agentName + "\" <" + agentNum + "> on " + t[1].name);
        s.newexten(t[1], Transfer.CONTEXT, target, 2, "Answer", "");
        s.newstate(t[1], Leg.UP);
        s.newstate(t[0], Leg.UP);
        s.dialEnd(q.a1, t[0], "ANSWER");
        s.newexten(t[1], Transfer.CONTEXT, target, 3, "Wait", "30");
        SimBridge consultBridge = new SimBridge();
        s.bridgeCreate(consultBridge);
        s.bridgeEnter(consultBridge, q.a1, null);
        s.bridgeEnter(consultBridge, t[0], q.a1);

        long complete = holdStart + consult;
        s.pin(complete);
        s.event("AttendedTransfer", CallScript.CALL, b -> {
            b.add("Result", "Success");
            q.a1.snapshot(b, "OrigTransferer");
            q.bridge.snapshot(b, "Orig");
            q.a1.snapshot(b, "SecondTransferer");
            consultBridge.snapshot(b, "Second");
            b.add("DestType", "Bridge").add("DestBridgeUniqueid", q.bridge.id);
            q.c2.snapshot(b, "Transferee");
            t[0].snapshot(b, "TransferTarget");
            b.add("IsExternal", "No");
        });
        q.agentComplete("transfer", complete);
        s.bridgeLeave(consultBridge, q.a1);
        s.bridgeLeave(consultBridge, t[0]);
        s.bridgeDestroy(consultBridge);
        s.bridgeEnter(q.bridge, t[0], q.c2);
        long unhold = s.chan("Unhold", CallScript.CALL, q.c2, null);
        s.musicOnHold(q.c2, false);
        q.holdMicros += unhold - holdStart;
        agentLegsHangUp();

        long end = unhold + 3_000_000 + q.rng.nextInt(5_000) * 1_000L;
        s.pin(end);
        s.hangupRequest(q.c1, 16);
        s.hangup(q.c1, 16, "");
        s.softHangupRequest(q.c2, 16);
        s.bridgeLeave(q.bridge, q.c2);
        s.bridgeLeave(q.bridge, t[0]);
        s.bridgeDestroy(q.bridge);
        s.hangup(q.c2, 16, "ANSWER");
        s.hangupRequest(t[0], 16);
        s.hangup(t[1], 16, "");
        s.hangup(t[0], 16, "");
        s.cel("LINKEDID_END", t[0], "", "");
        q.callerCdrs(q.a1.name);
        return end;
    }

    private void agentLegsHangUp() {
        s.hangup(q.a1, 16, "");
        s.hangupRequest(q.a2, 16);
        s.hangup(q.a2, 16, "");
        s.cdr(q.a2, "sim", "agents", "", "Wait", "", "");
        q.agentIdle();
    }
}
