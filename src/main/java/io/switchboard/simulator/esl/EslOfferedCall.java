package io.switchboard.simulator.esl;

/**
 * An interactive mod_callcenter queue call ({@link EslSimulator#offer}): the caller waits in the
 * queue while the agent's phone rings, until {@code uuid_phone_event <agentLeg> talk} arrives or
 * {@link #answer()} is called. Channel commands (hold, transfer, bridge, kill) then act on its legs.
 */
public final class EslOfferedCall {

    enum State { RINGING, WAITING, CONNECTED, DONE }

    private final EslLive live;
    final EslQueueCall queue;
    final EslAgentCall agent;
    State state = State.RINGING;

    EslOfferedCall(EslLive live, EslQueueCall queue, EslAgentCall agent) {
        this.live = live;
        this.queue = queue;
        this.agent = agent;
    }

    /** The caller's first channel (the loopback a-leg): the call id a collector derives. */
    public String callId() {
        return queue.caller.uuid;
    }

    /** The member's channel (the loopback b-leg running {@code callcenter}): the party the agent talks to. */
    public String memberLeg() {
        return queue.session.uuid;
    }

    /** The channel mod_callcenter originated to the agent ({@code cc_side=agent}), ringing until answered. */
    public String agentLeg() {
        return agent.contactA.uuid;
    }

    /** The agent's phone channel, bridged to the member once answered ({@code bridge-agent-start}'s channel). */
    public String agentPhoneLeg() {
        return agent.phoneA.uuid;
    }

    public String agentName() {
        return agent.agent.name();
    }

    public boolean answered() {
        synchronized (live) {
            return state == State.CONNECTED || state == State.DONE && agent.phoneA.answered > 0;
        }
    }

    /** The agent answers, as with {@code uuid_phone_event <agentLeg> talk}; false when not ringing any more. */
    public boolean answer() {
        return live.answer(this);
    }
}
