package io.switchboard.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Who an API key is. A verified key is remembered for {@value #VERIFIED_MILLIS} ms by the hash of
 * its secret, so requests are answered on the I/O thread; a key revoked on another instance is
 * refused here once that time is up (on this instance at once: {@link #evict}). Expiry is checked
 * on every request. {@code last_used_at} is written off the request path, at most once a minute per key.
 */
@ApplicationScoped
public class ApiKeyIdentities {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentities.class);
    static final long VERIFIED_MILLIS = 30_000L;
    private static final long TOUCH_MILLIS = 60_000L;
    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    ApiKeyStore store;

    private record Verified(ApiKey key, SecurityIdentity identity, long until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastTouched = new ConcurrentHashMap<>();
    private final ExecutorService toucher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "api-key-last-used");
        t.setDaemon(true);
        return t;
    });

    /** The identity of a key verified lately, or null when the database must be asked. Never blocks. */
    SecurityIdentity remembered(String key) {
        Verified v = verified.get(ApiKeySecrets.hash(key));
        if (v == null || v.until <= System.currentTimeMillis()) {
            return null;
        }
        return accept(v.key, v.identity);
    }

    /** Looks the key up (blocking). */
    SecurityIdentity verify(String key) {
        String hash = ApiKeySecrets.hash(key);
        ApiKey found = store.findByHash(hash).filter(h -> ApiKeySecrets.sameHash(h.secretHash(), hash))
                .map(ApiKeyStore.Hashed::key)
                .filter(k -> k.revokedAt() == null)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
        SecurityIdentity identity = identity(found);
        if (verified.size() > MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(hash, new Verified(found, identity, System.currentTimeMillis() + VERIFIED_MILLIS));
        return accept(found, identity);
    }

    /** Forget a key at once (revoked). */
    public void evict(long id) {
        verified.values().removeIf(v -> v.key.id() == id);
    }

    private SecurityIdentity accept(ApiKey key, SecurityIdentity identity) {
        Instant now = Instant.now();
        if (!key.usable(now)) {
            throw new AuthenticationFailedException("API key expired");
        }
        touch(key.id(), now);
        return identity;
    }

    private void touch(long id, Instant now) {
        long millis = now.toEpochMilli();
        Long previous = lastTouched.get(id);
        if (previous != null && millis - previous < TOUCH_MILLIS) {
            return;
        }
        // only the caller that moves the time on writes it
        boolean mine = previous == null ? lastTouched.putIfAbsent(id, millis) == null
                : lastTouched.replace(id, previous, millis);
        if (!mine) {
            return;
        }
        try {
            toucher.execute(() -> {
                try {
                    store.touch(id, now);
                } catch (RuntimeException e) {
                    LOG.warnf("recording the use of API key %d failed: %s", id, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    static SecurityIdentity identity(ApiKey key) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.principal()))
                .addRoles(key.roles())
                .addAttribute(Actor.QUEUES, Set.of())
                .addAttribute(Actor.TENANT, key.tenant())
                .build();
    }

    @PreDestroy
    void stop() {
        toucher.shutdown();
    }

    @ApplicationScoped
    static class Provider implements IdentityProvider<ApiKeyRequest> {
        @Inject
        ApiKeyIdentities identities;

        @Override
        public Class<ApiKeyRequest> getRequestType() {
            return ApiKeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
            String key = request.key();
            if (!ApiKeySecrets.wellFormed(key)) {
                return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
            }
            try {
                SecurityIdentity known = identities.remembered(key);
                if (known != null) {
                    return Uni.createFrom().item(known);
                }
            } catch (AuthenticationFailedException e) {
                return Uni.createFrom().failure(e);
            }
            return context.runBlocking(() -> identities.verify(key));
        }
    }
}
