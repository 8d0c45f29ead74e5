package io.switchboard.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Users signed in at an OpenID Connect provider: of the token's roles only Switchboard's four
 * count, and the tenant, agent and supervised queues come from the claims named in
 * {@code switchboard.security.oidc.*}, set as the attributes {@link Actor#of} reads. Other identities
 * (Basic, form login, API keys) pass unchanged.
 */
@ApplicationScoped
public class OidcIdentities implements SecurityIdentityAugmentor {

    static final Set<String> ROLES = Set.of(Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION);

    @Inject
    SecurityConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getCredential(AccessTokenCredential.class) == null
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        try {
            return Uni.createFrom().item(augment(identity, token));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }

    SecurityIdentity augment(SecurityIdentity identity, JsonWebToken token) {
        SecurityConfig.Oidc claims = config.oidc();
        String tenant = text(token.getClaim(claims.tenantClaim()));
        if (tenant == null || tenant.isBlank()) {
            throw new AuthenticationFailedException("token without a tenant claim");
        }
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(identity.getRoles().stream().filter(ROLES::contains).collect(Collectors.toSet()))
                .addAttribute(Actor.TENANT, tenant.trim())
                .addAttribute(Actor.QUEUES, names(token.getClaim(claims.queuesClaim())));
        String agent = text(token.getClaim(claims.agentClaim()));
        if (agent != null && !agent.isBlank()) {
            b.addAttribute(Actor.AGENT_ID, agent.trim());
        }
        return b.build();
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString s) {
            return s.getString();
        }
        return claim instanceof String s ? s : null;
    }

    /** An array claim or a comma-separated string, as a set of names. */
    private static Set<String> names(Object claim) {
        Collection<?> items;
        if (claim instanceof JsonArray a) {
            items = a;
        } else if (claim instanceof Collection<?> c) {
            items = c;
        } else {
            String s = text(claim);
            items = s == null ? Set.of() : Arrays.asList(s.split(","));
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object item : items) {
            String name = text(item);
            if (name != null && !name.isBlank()) {
                out.add(name.trim());
            }
        }
        return Set.copyOf(out);
    }
}
