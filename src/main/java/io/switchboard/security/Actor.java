package io.switchboard.security;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.Set;

/** Who is asking: the authenticated user, its roles, the agent it is and the queues it oversees. */
public record Actor(String username, Set<String> roles, String agentId, Set<String> queues, String tenant) {

    static final String AGENT_ID = "switchboard.agentId";
    static final String QUEUES = "switchboard.queues";
    static final String TENANT = "switchboard.tenant";

    public Actor {
        roles = Set.copyOf(roles);
        queues = queues == null ? Set.of() : Set.copyOf(queues);
    }

    @SuppressWarnings("unchecked")
    public static Actor of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        Object queues = identity.getAttribute(QUEUES);
        return new Actor(identity.getPrincipal().getName(), identity.getRoles(), identity.getAttribute(AGENT_ID),
                queues instanceof Set<?> s ? (Set<String>) s : Set.of(), identity.getAttribute(TENANT));
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    /** Supervisors oversee their queues; admins everything. */
    public boolean supervises(String queue) {
        return isAdmin() || (roles.contains(Roles.SUPERVISOR) && queue != null && queues.contains(queue));
    }
}
