package io.switchboard.screenpop;

import io.quarkus.arc.DefaultBean;
import io.switchboard.agents.AgentLookup;
import io.switchboard.agents.AgentPush;
import io.switchboard.agents.AgentRef;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Stand-ins for the agent lookup and push until their implementations are part of the
 * application: no agent is known and nothing is pushed, so every offer is counted as dropped.
 * Real beans of either type replace these.
 */
@Singleton
public class InterimAgentBeans {

    @Produces
    @Singleton
    @DefaultBean
    AgentLookup noAgents() {
        return new AgentLookup() {
            @Override
            public Optional<AgentRef> byInterface(String node, String memberInterface) {
                return Optional.empty();
            }

            @Override
            public Optional<AgentRef> byId(String agentId) {
                return Optional.empty();
            }
        };
    }

    @Produces
    @Singleton
    @DefaultBean
    AgentPush noPush() {
        return (agentId, type, payloadField, payload) -> {
        };
    }
}
