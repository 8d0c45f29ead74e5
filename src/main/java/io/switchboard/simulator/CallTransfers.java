package io.switchboard.simulator;

import io.switchboard.simulator.InteractiveCall.State;

/**
 * The transfers of an {@link InteractiveCall}, as Asterisk 22 reports them for the AMI actions:
 * BlindTransfer (the agent's leg drops, the caller runs the target extension), Atxfer (the agent
 * consults {@code Local/<exten>@<context>} in a second bridge while the caller hears hold music),
 * completed by the agent hanging up (AttendedTransfer, caller bridged to the target) or dropped by
 * CancelAtxfer. Runs under the call's lock.
 */
final class CallTransfers {

    private final InteractiveCall c;
    private Leg target1;
    private Leg target2;
    private SimBridge consultBridge;
    private String targetContext;
    private String targetExten;
    private boolean blind;

    CallTransfers(InteractiveCall call) {
        this.c = call;
    }

    String consultChannel() {
        return c.state == State.CONSULTING && target1 != null ? target1.name : null;
    }

    boolean ownsConsult(String channel) {
        return target1 != null && target2 != null && c.state != State.ENDED
                && (target1.name.equals(channel) || target2.name.equals(channel));
    }

    /** BlindTransfer on the agent's channel; false when the agent is not in a conversation (Asterisk: invalid). */
    boolean blind(String exten, String context, Runnable accepted) {
        synchronized (c) {
            if (c.state != State.TALKING && c.state != State.HELD) {
                return false;
            }
            accepted.run();
            String ctx = context == null || context.isBlank() ? c.agent.context : context;
            CallScript s = c.step();
            if (c.state == State.HELD) {
                s.musicOnHold(c.caller, false);
            }
            s.event("BlindTransfer", CallScript.CALL, b -> {
                b.add("Result", "Success");
                c.agent.snapshot(b, "Transferer");
                c.caller.snapshot(b, "Transferee");
                c.bridge.snapshot(b, "");
                b.add("IsExternal", "Yes").add("Context", ctx).add("Extension", exten);
            });
            c.agentComplete(s, "transfer");
            s.bridgeLeave(c.bridge, c.agent);
            c.agentHangup(s);
            c.device(s, "NOT_INUSE", 1, false, true);
            s.bridgeLeave(c.bridge, c.caller);
            s.bridgeDestroy(c.bridge);
            blind = true;
            targetContext = ctx;
            targetExten = exten;
            s.newexten(c.caller, ctx, exten, 1, "NoOp", "Transfer target reached by \"" + c.caller.cidName + "\" <"
                    + c.caller.cidNum + "> on " + c.caller.name);
            s.newexten(c.caller, ctx, exten, 2, "Answer", "");
            s.newexten(c.caller, ctx, exten, 3, "Playback", "custom/beep");
            s.newexten(c.caller, ctx, exten, 4, "Wait", "5");
            c.state = State.TRANSFERRED;
            c.emit(s);
            c.sim.schedule(c.sim.transferTargetTalk(), this::targetEnds);
            return true;
        }
    }

    /** Atxfer on the agent's channel: hold for the caller, a consultation call to the target that answers. */
    boolean start(String exten, String context, Runnable accepted) {
        synchronized (c) {
            if (c.state != State.TALKING && c.state != State.HELD) {
                return false;
            }
            accepted.run();
            String ctx = context == null || context.isBlank() ? c.agent.context : context;
            CallScript s = c.step();
            if (c.state == State.TALKING) {
                s.chan("Hold", CallScript.CALL, c.agent, b -> b.add("MusicClass", InteractiveCall.MOH));
                s.musicOnHold(c.caller, true);
            }
            s.bridgeLeave(c.bridge, c.agent);
            Leg[] t = Leg.localPair("Local/" + exten + "@" + ctx, Ids.localSuffix(), c.agent.linkedid,
                    AmiTime.nowMicros(), ctx, exten);
            target1 = t[0];
            target2 = t[1];
            targetContext = ctx;
            targetExten = exten;
            blind = false;
            String agentName = c.sim.queues().memberName(c.queue, c.agentInterface);
            s.newchannel(target1);
            s.newchannel(target2);
            s.newCallerid(target1, c.device, agentName);
            target2.connected(c.device, agentName);
            s.newCallerid(target2, c.device, agentName);
            s.localBridge(target1, target2, false);
            s.dialBegin(c.agent, target1, exten + "@" + ctx);
            s.newexten(target2, ctx, exten, 1, "NoOp", "Attended-transfer target \"" + agentName + "\" <" + c.device
                    + "> on " + target2.name);
            s.newexten(target2, ctx, exten, 2, "Answer", "");
            s.newstate(target2, Leg.UP);
            s.newstate(target1, Leg.UP);
            s.dialEnd(c.agent, target1, "ANSWER");
            s.newexten(target2, ctx, exten, 3, "Wait", "30");
            consultBridge = new SimBridge();
            s.bridgeCreate(consultBridge);
            s.bridgeEnter(consultBridge, c.agent, null);
            s.bridgeEnter(consultBridge, target1, c.agent);
            c.state = State.CONSULTING;
            c.emit(s);
            return true;
        }
    }

    /** CancelAtxfer: false when no consultation is in progress. */
    boolean cancel(Runnable accepted) {
        synchronized (c) {
            if (c.state != State.CONSULTING) {
                return false;
            }
            accepted.run();
            CallScript s = c.step();
            cancel(s);
            c.emit(s);
            return true;
        }
    }

    /** The consultation ends (cancelled, or the target hung up): the agent goes back to the caller. */
    void cancel(CallScript s) {
        s.softHangupRequest(target1, 16);
        s.bridgeLeave(consultBridge, target1);
        s.hangup(target1, 16, "");
        s.hangupRequest(target2, 16);
        s.hangup(target2, 16, "");
        s.bridgeLeave(consultBridge, c.agent);
        s.bridgeDestroy(consultBridge);
        s.bridgeEnter(c.bridge, c.agent, c.caller);
        s.chan("Unhold", CallScript.CALL, c.agent, null);
        s.musicOnHold(c.caller, false);
        target1 = null;
        target2 = null;
        consultBridge = null;
        c.state = State.TALKING;
    }

    /** The agent hangs up while consulting: Asterisk joins the caller and the target. */
    void complete(CallScript s) {
        s.softHangupRequest(c.agent, 16);
        s.event("AttendedTransfer", CallScript.CALL, b -> {
            b.add("Result", "Success");
            c.agent.snapshot(b, "OrigTransferer");
            c.bridge.snapshot(b, "Orig");
            c.agent.snapshot(b, "SecondTransferer");
            consultBridge.snapshot(b, "Second");
            b.add("DestType", "Bridge").add("DestBridgeUniqueid", c.bridge.id);
            c.caller.snapshot(b, "Transferee");
            target1.snapshot(b, "TransferTarget");
            b.add("IsExternal", "No");
        });
        c.agentComplete(s, "transfer");
        s.bridgeLeave(consultBridge, c.agent);
        s.bridgeLeave(consultBridge, target1);
        s.bridgeDestroy(consultBridge);
        s.bridgeEnter(c.bridge, target1, c.caller);
        s.chan("Unhold", CallScript.CALL, c.agent, null);
        s.musicOnHold(c.caller, false);
        c.agentHangup(s);
        c.device(s, "NOT_INUSE", 1, false, true);
        consultBridge = null;
        c.state = State.TRANSFERRED;
        c.sim.schedule(c.sim.transferTargetTalk(), this::targetEnds);
    }

    /** The caller hangs up during a consultation or at the target; during a consultation everything ends. */
    void callerHangsUp(CallScript s) {
        if (c.state == State.CONSULTING) {
            s.musicOnHold(c.caller, false);
            c.agentComplete(s, "caller");
            s.bridgeLeave(c.bridge, c.caller);
            s.bridgeDestroy(c.bridge);
            s.hangup(c.caller, 16, "ANSWER");
            s.bridgeLeave(consultBridge, target1);
            s.bridgeLeave(consultBridge, c.agent);
            s.bridgeDestroy(consultBridge);
            hangUpTarget(s);
            c.agentHangup(s);
            c.device(s, "NOT_INUSE", 1, false, true);
            return;
        }
        if (!blind) {
            s.bridgeLeave(c.bridge, c.caller);
            s.bridgeLeave(c.bridge, target1);
            s.bridgeDestroy(c.bridge);
            hangUpTarget(s);
        }
        s.hangup(c.caller, 16, "ANSWER");
    }

    /** After an attended transfer the target hangs up: the caller's Queue() returns and the dialplan ends. */
    void targetHangsUp(CallScript s) {
        s.bridgeLeave(c.bridge, target1);
        s.bridgeLeave(c.bridge, c.caller);
        s.bridgeDestroy(c.bridge);
        hangUpTarget(s);
        c.callerLeavesDialplan(s);
    }

    /** The target's dialplan ends its side after its talk time (transfer-target: Wait, then Hangup). */
    private void targetEnds() {
        synchronized (c) {
            if (c.state != State.TRANSFERRED) {
                return;
            }
            CallScript s = c.step();
            if (blind) {
                s.newexten(c.caller, targetContext, targetExten, 5, "Hangup", "");
                s.softHangupRequest(c.caller, 16);
                s.hangup(c.caller, 16, "ANSWER");
                c.state = State.ENDED;
                c.sim.calls().ended(c);
            } else {
                s.newexten(target2, targetContext, targetExten, 4, "Hangup", "");
                s.softHangupRequest(target2, 16);
                targetHangsUp(s);
            }
            c.emit(s);
        }
    }

    private void hangUpTarget(CallScript s) {
        s.hangup(target2, 16, "");
        s.hangupRequest(target1, 16);
        s.hangup(target1, 16, "");
        target1 = null;
        target2 = null;
    }
}
