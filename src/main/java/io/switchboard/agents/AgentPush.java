package io.switchboard.agents;

/**
 * Sends a message to every open desktop (WebSocket {@code /ws/agent}) of one agent, as
 * {@code {"type": type, <payloadField>: payload}}. Never blocks; a slow desktop loses nothing
 * but its own updates.
 */
public interface AgentPush {

    void push(String agentId, String type, String payloadField, Object payload);
}
