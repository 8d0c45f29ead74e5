package io.switchboard.security;

import java.util.Set;

/** A user of the API and desktop. {@code agentId} links an agent user to the agent it is. */
public record UserAccount(String username, String passwordHash, Set<String> roles, String agentId,
                          Set<String> queues, String tenant, boolean enabled) {
    public UserAccount {
        roles = Set.copyOf(roles);
        queues = queues == null ? Set.of() : Set.copyOf(queues);
    }
}
