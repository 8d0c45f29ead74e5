package io.switchboard.security;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key, without its secret: what lists show and what an audit record of a change
 * holds before and after it.
 */
public record ApiKey(long id, String tenant, String name, String prefix, Set<String> roles, String createdBy,
                     Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        roles = Set.copyOf(roles);
    }

    public enum Status { ACTIVE, REVOKED, EXPIRED }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? Status.EXPIRED : Status.ACTIVE;
    }

    public boolean usable(Instant now) {
        return status(now) == Status.ACTIVE;
    }

    /** The name requests made with the key act under (tickets' creator, logs). */
    public String principal() {
        return "apikey:" + name;
    }
}
