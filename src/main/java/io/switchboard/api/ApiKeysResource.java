package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.audit.AuditSnapshot;
import io.switchboard.security.Actor;
import io.switchboard.security.ApiKey;
import io.switchboard.security.ApiKeys;
import io.switchboard.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * API keys of downstream systems (admins, their own tenant's keys). A key is shown once, in the
 * answer to its creation; lists show its prefix only.
 */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class ApiKeysResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    ApiKeys keys;
    @Inject
    AuditedChanges audited;

    /** {@code name}: printable, no line breaks (it appears in logs and as the key's user name). */
    public record CreateApiKey(@NotBlank @Size(max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*",
            message = "must not contain control characters or line breaks") String name,
                               @Min(1) @Max(3650) Integer expiresInDays) {
    }

    public record CreatedApiKey(long id, String name, String prefix, String key, Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "CreatedApiKey[" + id + ", " + name + "]"; // never the key
        }
    }

    public record ApiKeyView(long id, String name, String prefix, String status, String createdBy, Instant createdAt,
                             Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        static ApiKeyView of(ApiKey k, Instant now) {
            return new ApiKeyView(k.id(), k.name(), k.prefix(), k.status(now).name().toLowerCase(), k.createdBy(),
                    k.createdAt(), k.expiresAt(), k.lastUsedAt(), k.revokedAt());
        }
    }

    @POST
    public Response create(@Valid @NotNull CreateApiKey c) {
        Duration validFor = c.expiresInDays() == null ? null : Duration.ofDays(c.expiresInDays());
        String name = c.name().trim();
        ApiKeys.Created created = audited.run(actor(), "apikey.create", "api-key", name, null, () -> {
            try {
                return keys.create(actor(), name, validFor);
            } catch (ApiKeys.NameInUse e) {
                throw new ApiException(409, e.getMessage());
            }
        }, made -> state(made.key()));
        ApiKey k = created.key();
        return Response.status(201).entity(new CreatedApiKey(k.id(), k.name(), k.prefix(), created.secret(),
                k.createdAt(), k.expiresAt())).build();
    }

    @GET
    public List<ApiKeyView> list() {
        Instant now = Instant.now();
        return keys.list(actor()).stream().map(k -> ApiKeyView.of(k, now)).toList();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") long id) {
        ApiKeys.Revoked revoked = keys.revoke(actor(), id).orElseThrow(() -> ApiException.notFound("no API key " + id));
        audited.run(actor(), "apikey.revoke", "api-key", revoked.after().name(), state(revoked.before()),
                () -> revoked, r -> state(r.after()));
        return Response.noContent().build();
    }

    private static AuditSnapshot.IntegrationAccess state(ApiKey k) {
        return new AuditSnapshot.IntegrationAccess(k.id(), k.name(), k.prefix(), k.status(Instant.now()).name().toLowerCase(),
                k.expiresAt(), k.revokedAt());
    }

    private Actor actor() {
        return Actor.of(identity);
    }
}
