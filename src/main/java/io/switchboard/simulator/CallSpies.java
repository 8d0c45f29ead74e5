package io.switchboard.simulator;

import io.switchboard.simulator.InteractiveCall.State;
import java.util.ArrayList;
import java.util.List;

/**
 * Supervisors spying on an {@link InteractiveCall}'s agent: the originated supervisor channel answers
 * and runs ChanSpy (ChanSpyStart); with option E it ends when the agent's channel does (ChanSpyStop).
 */
final class CallSpies {

    private final InteractiveCall c;
    private final List<Leg> spyers = new ArrayList<>(1);

    CallSpies(InteractiveCall call) {
        this.c = call;
    }

    /** Originate Application=ChanSpy on the supervisor's phone; false when there is no agent channel to spy on. */
    boolean start(OriginateRequest req) {
        synchronized (c) {
            if (c.agent == null || c.agentGone || c.state == State.ENDED) {
                return false;
            }
            CallScript s = c.step();
            String id = Ids.uniqueid(AmiTime.nowMicros());
            Leg supervisor = new Leg(req.channel() + "-" + Ids.localSuffix(), id, id, Leg.DOWN, "default", "s");
            supervisor.app = "ChanSpy";
            supervisor.appData = req.data();
            s.newchannel(supervisor);
            s.newstate(supervisor, Leg.RINGING);
            s.newstate(supervisor, Leg.UP);
            s.cel("ANSWER", supervisor, "", "");
            req.response(s, supervisor);
            Leg spyee = c.agent;
            s.event("ChanSpyStart", CallScript.CALL, b -> {
                supervisor.snapshot(b, "Spyer");
                spyee.snapshot(b, "Spyee");
            });
            spyers.add(supervisor);
            c.emit(s);
            return true;
        }
    }

    /** The agent's channel is gone: every spy stops and its channel hangs up. */
    void end(CallScript s) {
        Leg spyee = c.agent;
        for (Leg spyer : spyers) {
            s.event("ChanSpyStop", CallScript.CALL, b -> {
                spyer.snapshot(b, "Spyer");
                spyee.snapshot(b, "Spyee");
            });
            s.softHangupRequest(spyer, 16);
            s.hangup(spyer, 16, "ANSWER");
        }
        spyers.clear();
    }
}
