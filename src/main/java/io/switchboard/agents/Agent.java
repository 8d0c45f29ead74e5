package io.switchboard.agents;

import io.switchboard.pbx.AgentEndpoint;

import java.util.List;
import java.util.Map;

/** An agent: who it is, what it can do, where it sits on each PBX node. */
public record Agent(String id, String name, String tenant, List<String> skills, List<String> queues,
                    Map<String, AgentEndpoint> endpoints) {
    public Agent {
        skills = List.copyOf(skills);
        queues = List.copyOf(queues);
        endpoints = Map.copyOf(endpoints);
    }

    public AgentRef ref() {
        return new AgentRef(id, name, tenant);
    }
}
