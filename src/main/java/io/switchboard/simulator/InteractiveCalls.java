package io.switchboard.simulator;

import io.switchboard.simulator.InteractiveCall.State;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The interactive calls in progress, looked up by channel or by the agent's phone. */
final class InteractiveCalls {

    private final List<InteractiveCall> live = new CopyOnWriteArrayList<>();

    void add(InteractiveCall call) {
        live.add(call);
    }

    void ended(InteractiveCall call) {
        live.remove(call);
    }

    int size() {
        return live.size();
    }

    /** The call one of whose live channels is {@code channel}, or null. */
    InteractiveCall owning(String channel) {
        for (InteractiveCall c : live) {
            if (c.owns(channel)) {
                return c;
            }
        }
        return null;
    }

    /** A call on the phone {@code device} in the first of the given states that has one, or null. */
    InteractiveCall onPhone(String device, State... preferred) {
        for (State wanted : preferred) {
            for (InteractiveCall c : live) {
                if (c.device.equals(device) && c.state() == wanted) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The call whose agent channel ChanSpy's first argument (a channel name prefix) selects, or null. */
    InteractiveCall spyTarget(String chanSpyData) {
        int comma = chanSpyData.indexOf(',');
        String prefix = (comma < 0 ? chanSpyData : chanSpyData.substring(0, comma)).trim();
        if (prefix.isEmpty()) {
            return null;
        }
        for (InteractiveCall c : live) {
            String agent = c.agentChannel();
            if (agent != null && agent.startsWith(prefix)) {
                return c;
            }
        }
        return null;
    }
}
