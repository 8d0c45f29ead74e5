package io.switchboard.agents;

import io.switchboard.pbx.AgentEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agents, indexed for the lane threads: lookups read an immutable snapshot, changes (rare,
 * by admins) replace it.
 */
@ApplicationScoped
public class AgentRoster implements AgentLookup {

    @Inject
    AgentStore store;

    private record Index(Map<String, Agent> byId, Map<String, Agent> byInterface, Map<String, Agent> byMemberName) {
    }

    private volatile Index index = new Index(Map.of(), Map.of(), Map.of());

    /** Loads the stored agents with their last state. */
    public synchronized List<AgentStore.Stored> load() {
        List<AgentStore.Stored> stored = store.loadAll();
        rebuild(stored.stream().map(AgentStore.Stored::agent).toList());
        return stored;
    }

    public void save(Agent agent) {
        save(agent, c -> {
        });
    }

    /** Saves the agent with {@code also} in the same transaction, then puts it in force. */
    public synchronized void save(Agent agent, AgentStore.AlsoInTransaction also) {
        store.save(agent, also);
        Map<String, Agent> all = new TreeMap<>(index.byId());
        all.put(agent.id(), agent);
        rebuild(all.values());
    }

    private void rebuild(Collection<Agent> agents) {
        Map<String, Agent> byId = new TreeMap<>();
        Map<String, Agent> byInterface = new HashMap<>();
        Map<String, Agent> byMemberName = new HashMap<>();
        for (Agent a : agents) {
            byId.put(a.id(), a);
            for (AgentEndpoint e : a.endpoints().values()) {
                byInterface.put(key(e.node(), e.memberInterface()), a);
                if (e.memberInterface() != null) {
                    byMemberName.putIfAbsent(e.memberInterface(), a);
                }
            }
        }
        // the PBX's member name when it gives one (the agent's name or id), else its interface
        for (Agent a : agents) {
            byMemberName.putIfAbsent(a.id(), a);
            if (a.name() != null) {
                byMemberName.putIfAbsent(a.name(), a);
            }
        }
        index = new Index(Map.copyOf(byId), Map.copyOf(byInterface), Map.copyOf(byMemberName));
    }

    public Collection<Agent> all() {
        return index.byId().values();
    }

    public Optional<Agent> agent(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(index.byId().get(id));
    }

    public Optional<Agent> agentAt(String node, String memberInterface) {
        if (node == null || memberInterface == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(index.byInterface().get(key(node, memberInterface)));
    }

    /**
     * The agent the metrics know by {@code key}: the member name or interface the PBX reports
     * (metrics count agents by that, without the node).
     */
    public Optional<Agent> byMetricsKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(index.byMemberName().get(key));
    }

    @Override
    public Optional<AgentRef> byInterface(String node, String memberInterface) {
        return agentAt(node, memberInterface).map(Agent::ref);
    }

    @Override
    public Optional<AgentRef> byId(String agentId) {
        return agent(agentId).map(Agent::ref);
    }

    private static String key(String node, String memberInterface) {
        return node + "\u0000" + memberInterface;
    }
}
