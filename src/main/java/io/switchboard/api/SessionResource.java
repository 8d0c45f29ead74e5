package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.switchboard.security.Actor;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * The browser's session: who the session cookie belongs to, and the end of it. The login itself
 * is Quarkus' form login ({@code POST /j_security_check}). Answers 200 without a session too, so
 * a page can ask without provoking an authentication challenge.
 */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class SessionResource {

    @Inject
    SecurityIdentity identity;

    /** {@code serverTime} lets the page count times in state on the server's clock. */
    public record Session(boolean authenticated, String user, List<String> roles, String agentId,
                          Instant serverTime) {
    }

    @GET
    public Session get() {
        Actor actor = Actor.of(identity);
        if (actor == null) {
            return new Session(false, null, List.of(), null, Instant.now());
        }
        return new Session(true, actor.username(), actor.roles().stream().sorted().toList(), actor.agentId(),
                Instant.now());
    }

    /**
     * Ends the browser's session by expiring its cookie (http-only, so the page cannot). The
     * cookie is self-contained and encrypted, not a server-side session: a copy taken before
     * stays valid until its timeout ({@code quarkus.http.auth.form.timeout}).
     */
    @POST
    @Path("/logout")
    public Response logout(RoutingContext rc) {
        FormAuthenticationMechanism.logout(rc);
        return Response.noContent().build();
    }
}
