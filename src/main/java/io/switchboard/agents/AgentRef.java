package io.switchboard.agents;

/** Who an agent is, as other capabilities need it (screen-pop, CTI, audit). */
public record AgentRef(String id, String name, String tenant) {
}
