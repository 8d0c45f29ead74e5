package io.switchboard.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * API keys of downstream systems: {@code X-API-Key: <key>} or {@code Authorization: ApiKey <key>},
 * beside HTTP Basic, the form login and OpenID Connect bearer tokens. A request without a key is
 * left to those; a request with a bad key is refused (401).
 */
@ApplicationScoped
public class ApiKeyAuthentication implements HttpAuthenticationMechanism {

    static final String HEADER = "X-API-Key";
    private static final String SCHEME = "ApiKey ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = presented(context);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key), context));
    }

    /** Whether the request carries an API key (good or bad). */
    public static boolean presentsKey(RoutingContext context) {
        return presented(context) != null;
    }

    static String presented(RoutingContext context) {
        String header = context.request().getHeader(HEADER);
        if (header != null) {
            return header.trim();
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return authorization.substring(SCHEME.length()).trim();
        }
        return null;
    }

    /** No challenge of its own: clients without credentials get Basic's, which keeps today's answer. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }

    /** After the built-in mechanisms, whose challenge a client without credentials gets. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 100;
    }
}
