package io.switchboard.agents;

import java.util.Optional;

/** Finds agents by the queue member interface a PBX node reports for them. Quick and non-blocking. */
public interface AgentLookup {

    Optional<AgentRef> byInterface(String node, String memberInterface);

    Optional<AgentRef> byId(String agentId);
}
