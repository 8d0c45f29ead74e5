package io.switchboard.cti;

import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Agents with users of their own, fresh for each test, so tests never share a phone or a state. */
final class TestAgents {

    record TestAgent(String id, String user, String password, AgentEndpoint endpoint) {
    }

    private TestAgents() {
    }

    /** An Asterisk agent on {@code node} with a PJSIP phone, in {@code queue}. */
    static TestAgent asterisk(AgentRoster roster, AgentPresence presence, UserStore users, String node, String queue) {
        String device = "7" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        return create(roster, presence, users, queue,
                new AgentEndpoint(node, "PJSIP/" + device, "PJSIP/" + device, device));
    }

    /** A FreeSWITCH (mod_callcenter) agent on {@code node}. */
    static TestAgent freeswitch(AgentRoster roster, AgentPresence presence, UserStore users, String node, String queue) {
        String device = "8" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        return create(roster, presence, users, queue, new AgentEndpoint(node, device, "user/" + device, device));
    }

    private static TestAgent create(AgentRoster roster, AgentPresence presence, UserStore users, String queue,
                                    AgentEndpoint endpoint) {
        String id = "t" + endpoint.device();
        Agent agent = new Agent(id, "Test " + endpoint.device(), "default", List.of(), List.of(queue),
                Map.of(endpoint.node(), endpoint));
        roster.save(agent);
        presence.defined(agent);
        users.save(id, "pw-" + id, Set.of(Roles.AGENT), id, Set.of(), "default");
        return new TestAgent(id, id, "pw-" + id, endpoint);
    }

    /** A supervisor of {@code queue} with a phone on {@code node}. */
    static TestAgent supervisor(AgentRoster roster, AgentPresence presence, UserStore users, String node, String queue,
                                boolean freeswitch) {
        TestAgent phone = freeswitch ? freeswitch(roster, presence, users, node, "none")
                : asterisk(roster, presence, users, node, "none");
        users.save(phone.user(), phone.password(), Set.of(Roles.SUPERVISOR), phone.id(), Set.of(queue), "default");
        return phone;
    }
}
