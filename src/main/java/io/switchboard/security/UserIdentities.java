package io.switchboard.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users from the {@code users} table, for HTTP Basic (API clients) and the desktop's form login.
 * A successful password check is remembered for a few minutes as a peppered digest, so a client
 * sending Basic credentials on every request does not pay for PBKDF2 each time.
 */
@ApplicationScoped
public class UserIdentities {

    private static final long REMEMBER_MILLIS = 5 * 60_000L;
    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    UserStore users;

    private final byte[] pepper = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private static final long SESSION_REFRESH_MILLIS = 30_000L;

    private record Session(long until, SecurityIdentity identity) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private record Remembered(byte[] digest, long until, SecurityIdentity identity) {
    }

    UserIdentities() {
        new SecureRandom().nextBytes(pepper);
    }

    /**
     * The identity of a login remembered from an earlier password check, or null. Never blocks:
     * called on the I/O thread, so a client sending Basic credentials on every request is answered
     * there without a hop to a worker thread.
     */
    SecurityIdentity remembered(String username, String password) {
        Remembered r = remembered.get(username);
        return r != null && r.until > System.currentTimeMillis()
                && MessageDigest.isEqual(r.digest, digest(username, password)) ? r.identity : null;
    }

    SecurityIdentity login(String username, String password) {
        byte[] digest = digest(username, password);
        Remembered r = remembered.get(username);
        long now = System.currentTimeMillis();
        if (r != null && r.until > now && MessageDigest.isEqual(r.digest, digest)) {
            return r.identity;
        }
        UserAccount user = users.find(username).filter(UserAccount::enabled)
                .filter(u -> PasswordHash.verify(password, u.passwordHash()))
                .orElseThrow(() -> new AuthenticationFailedException("invalid credentials"));
        SecurityIdentity identity = identity(user);
        if (remembered.size() > MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(username, new Remembered(digest, now + REMEMBER_MILLIS, identity));
        return identity;
    }

    /** The identity of a session user looked up less than {@value #SESSION_REFRESH_MILLIS} ms ago, or null. Never blocks. */
    SecurityIdentity trustedRemembered(String username) {
        Session s = sessions.get(username);
        return s != null && s.until > System.currentTimeMillis() ? s.identity : null;
    }

    /**
     * The identity of a user whose session cookie was already verified; looked up again at most
     * every {@value #SESSION_REFRESH_MILLIS} ms, so a disabled user loses access soon after.
     */
    SecurityIdentity trusted(String username) {
        long now = System.currentTimeMillis();
        Session s = sessions.get(username);
        if (s != null && s.until > now) {
            return s.identity;
        }
        SecurityIdentity identity = users.find(username).filter(UserAccount::enabled).map(UserIdentities::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown user"));
        if (sessions.size() > MAX_REMEMBERED) {
            sessions.clear();
        }
        sessions.put(username, new Session(now + SESSION_REFRESH_MILLIS, identity));
        return identity;
    }

    /** Forget remembered logins (after a password or role change). */
    public void forget(String username) {
        remembered.remove(username);
        sessions.remove(username);
    }

    static SecurityIdentity identity(UserAccount u) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(u.username()))
                .addRoles(u.roles())
                .addAttribute(Actor.QUEUES, u.queues())
                .addAttribute(Actor.TENANT, u.tenant());
        if (u.agentId() != null) {
            b.addAttribute(Actor.AGENT_ID, u.agentId());
        }
        return b.build();
    }

    private byte[] digest(String username, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(pepper);
            md.update(username.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ApplicationScoped
    static class PasswordProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
        @Inject
        UserIdentities identities;
        @Inject
        LoginThrottle throttle;
        @Inject
        SecurityConfig hardening;

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            String username = request.getUsername();
            String address = LoginGate.address(HttpSecurityUtils.getRoutingContextAttribute(request));
            // before any password check: a locked user name or address costs nothing more
            Optional<Duration> wait = throttle.check(username, address);
            if (wait.isPresent()) {
                return Uni.createFrom().failure(LoginGate.throttled(wait.get()));
            }
            String password = new String(request.getPassword().getPassword());
            if (hardening.refuseDemoCredentials() && DemoCredentials.isDemoLogin(username, password)) {
                throttle.failed(username, address);
                return Uni.createFrom().failure(new AuthenticationFailedException("invalid credentials"));
            }
            SecurityIdentity known = identities.remembered(username, password);
            if (known != null) {
                throttle.succeeded(username);
                return Uni.createFrom().item(known);
            }
            // the database and PBKDF2 only when the login is not remembered
            return context.runBlocking(() -> identities.login(username, password))
                    .onItem().invoke(() -> throttle.succeeded(username))
                    .onFailure(AuthenticationFailedException.class).invoke(() -> throttle.failed(username, address));
        }
    }

    @ApplicationScoped
    static class SessionProvider implements IdentityProvider<TrustedAuthenticationRequest> {
        @Inject
        UserIdentities identities;

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            SecurityIdentity known = identities.trustedRemembered(request.getPrincipal());
            if (known != null) {
                return Uni.createFrom().item(known);
            }
            return context.runBlocking(() -> identities.trusted(request.getPrincipal()));
        }
    }
}
