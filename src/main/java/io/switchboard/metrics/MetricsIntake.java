package io.switchboard.metrics;

import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallRecord;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.AgentConnected;
import io.switchboard.events.CallEvent.AgentOffered;
import io.switchboard.events.CallEvent.AgentStateChanged;

/** What the engine takes from the event stream: agent state and membership, calls in progress, records. */
final class MetricsIntake {

    private final MetricsEngine engine;
    private final AgentStates agents;

    MetricsIntake(MetricsEngine engine, AgentStates agents) {
        this.engine = engine;
        this.agents = agents;
    }

    void event(CallEvent event, ActiveCall call) {
        switch (event) {
            case AgentStateChanged s -> agents.apply(s);
            case AgentOffered o -> agents.member(VisitFact.agentKey(o.agentName(), o.agentInterface()), o.queue());
            case AgentConnected c -> agents.member(VisitFact.agentKey(c.agentName(), c.agentInterface()), c.queue());
            default -> {
            }
        }
        if (call != null) {
            VisitFact f = VisitFact.fromView(call);
            if (f != null) {
                engine.apply(f);
            }
        }
    }

    void record(CallRecord r) {
        engine.apply(VisitFact.fromRecord(r));
    }
}
