package io.switchboard.screenpop;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calls of one node the screen-pop keeps something about, in the order they were first
 * seen. Used only by the node's lane thread. A call normally leaves when its record arrives;
 * beyond the limit, or once silent for longer than the call model keeps idle calls, the oldest
 * are forgotten and their open cards ended.
 */
final class NodePops {

    private final String node;
    private final int maxCalls;
    private final Duration maxIdle;
    private final Map<String, CallPops> calls = new LinkedHashMap<>();

    NodePops(String node, int maxCalls, Duration maxIdle) {
        this.node = node;
        this.maxCalls = maxCalls;
        this.maxIdle = maxIdle;
    }

    CallPops get(String callId) {
        return calls.get(callId);
    }

    CallPops getOrCreate(String callId, Instant now) {
        CallPops c = calls.get(callId);
        if (c == null) {
            forgetOld(now);
            c = new CallPops(callId, node, now);
            calls.put(callId, c);
        }
        return c;
    }

    CallPops remove(String callId) {
        return calls.remove(callId);
    }

    int size() {
        return calls.size();
    }

    private void forgetOld(Instant now) {
        Instant cutoff = now.minus(maxIdle);
        Iterator<CallPops> it = calls.values().iterator();
        while (it.hasNext()) {
            CallPops eldest = it.next();
            if (calls.size() < maxCalls && !eldest.lastEventAt().isBefore(cutoff)) {
                return;
            }
            it.remove();
            eldest.ended();
        }
    }
}
