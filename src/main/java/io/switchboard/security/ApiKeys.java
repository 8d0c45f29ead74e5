package io.switchboard.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Creating, listing and revoking a tenant's API keys (admins). Each change returns what an audit
 * record needs: the key before and after it. Blocking: call from worker threads.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    @Inject
    ApiKeyStore store;
    @Inject
    ApiKeyIdentities identities;

    /** A new key: {@code secret} is the whole key, to be shown once and never kept. */
    public record Created(ApiKey key, String secret) {
        @Override
        public String toString() {
            return "Created[" + key + "]"; // never the secret
        }
    }

    /** {@code before} is null for nothing; {@code after} equals {@code before} when it was revoked already. */
    public record Revoked(ApiKey before, ApiKey after) {
    }

    public static class NameInUse extends RuntimeException {
        NameInUse(String name) {
            super("an API key named '" + name + "' is in use: revoke it first");
        }
    }

    /** A key acting as {@code integration} for {@code actor}'s tenant; {@code validFor} null = no expiry. */
    public Created create(Actor actor, String name, Duration validFor) {
        if (store.nameInUse(actor.tenant(), name)) {
            throw new NameInUse(name);
        }
        String secret = ApiKeySecrets.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiKey key = store.insert(actor.tenant(), name, ApiKeySecrets.prefix(secret), ApiKeySecrets.hash(secret),
                Roles.INTEGRATION, actor.username(), now, validFor == null ? null : now.plus(validFor));
        LOG.infof("API key %d '%s' of tenant %s created by %s", key.id(), name, key.tenant(), actor.username());
        return new Created(key, secret);
    }

    /** The keys of {@code actor}'s tenant, newest first. */
    public List<ApiKey> list(Actor actor) {
        return store.list(actor.tenant());
    }

    /** Revokes a key of {@code actor}'s tenant; empty when there is none (another tenant's key included). */
    public Optional<Revoked> revoke(Actor actor, long id) {
        Optional<ApiKey> before = store.find(id).filter(k -> k.tenant().equals(actor.tenant()));
        if (before.isEmpty()) {
            return Optional.empty();
        }
        if (before.get().revokedAt() == null) {
            store.revoke(id, Instant.now());
        }
        // this instance stops accepting it now; others when their cache entry ends
        identities.evict(id);
        ApiKey after = store.find(id).orElseThrow();
        if (before.get().revokedAt() == null) {
            LOG.infof("API key %d '%s' of tenant %s revoked by %s", id, after.name(), after.tenant(), actor.username());
        }
        return Optional.of(new Revoked(before.get(), after));
    }
}
