package io.switchboard.api;

import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentStatus;
import io.switchboard.pbx.AgentEndpoint;

import java.util.Comparator;
import java.util.List;

/** An agent with its live state, as the API shows it. */
public record AgentView(String id, String name, String tenant, List<String> skills, List<String> queues,
                        List<AgentEndpoint> endpoints, AgentStatus status) {
    static AgentView of(Agent a, AgentStatus s) {
        return new AgentView(a.id(), a.name(), a.tenant(), a.skills(), a.queues(),
                a.endpoints().values().stream().sorted(Comparator.comparing(AgentEndpoint::node)).toList(), s);
    }
}
