package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.cti.ActionResult;
import io.switchboard.cti.AuditEntry;
import io.switchboard.cti.CtiAudit;
import io.switchboard.cti.CtiService;
import io.switchboard.pbx.PbxCommand.SpyMode;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Call control. Each action answers with the PBX's outcome: 200 done, 502 the PBX refused
 * (its message included), 503 node not connected, 504 no answer within the deadline; 400, 403,
 * 404 and 409 before anything reaches the PBX. A call or agent of another tenant is 404, and
 * the audit lists the caller's tenant's entries only.
 */
@Path("/api/v1/cti")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
public class CtiResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    CtiService cti;
    @Inject
    CtiAudit audit;

    @POST
    @Path("/calls/{callId}/answer")
    public CompletionStage<Response> answer(@PathParam("callId") String callId) {
        return reply(cti.answer(actor(), callId));
    }

    @POST
    @Path("/calls/{callId}/hangup")
    public CompletionStage<Response> hangup(@PathParam("callId") String callId) {
        return reply(cti.hangup(actor(), callId));
    }

    @POST
    @Path("/calls/{callId}/hold")
    public CompletionStage<Response> hold(@PathParam("callId") String callId) {
        return reply(cti.hold(actor(), callId, true));
    }

    @POST
    @Path("/calls/{callId}/unhold")
    public CompletionStage<Response> unhold(@PathParam("callId") String callId) {
        return reply(cti.hold(actor(), callId, false));
    }

    @POST
    @Path("/calls/{callId}/transfer")
    public CompletionStage<Response> transfer(@PathParam("callId") String callId,
                                              @Valid @NotNull AgentRequests.Transfer body) {
        return reply(cti.blindTransfer(actor(), callId, body.destination(), body.context()));
    }

    @POST
    @Path("/calls/{callId}/attended-transfer")
    public CompletionStage<Response> attended(@PathParam("callId") String callId,
                                              @Valid @NotNull AgentRequests.Transfer body) {
        return reply(cti.attendedTransfer(actor(), callId, body.destination(), body.context()));
    }

    @POST
    @Path("/calls/{callId}/attended-transfer/complete")
    public CompletionStage<Response> complete(@PathParam("callId") String callId) {
        return reply(cti.completeTransfer(actor(), callId));
    }

    @POST
    @Path("/calls/{callId}/attended-transfer/cancel")
    public CompletionStage<Response> cancel(@PathParam("callId") String callId) {
        return reply(cti.cancelTransfer(actor(), callId));
    }

    @POST
    @Path("/calls/{callId}/{mode: listen|whisper|barge}")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    public CompletionStage<Response> spy(@PathParam("callId") String callId, @PathParam("mode") String mode) {
        return reply(cti.spy(actor(), callId, SpyMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT))));
    }

    @POST
    @Path("/dial")
    public CompletionStage<Response> dial(@Valid @NotNull AgentRequests.Dial body) {
        Actor actor = actor();
        String agent = body.agentId() == null ? actor.agentId() : body.agentId();
        if (agent == null) {
            throw ApiException.badRequest("agentId is required: user " + actor.username() + " is not an agent");
        }
        return reply(cti.dial(actor, agent, body.destination(), body.node()));
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Blocking
    public List<AuditEntry> audit(@QueryParam("agent") String agent, @QueryParam("since") String since,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000");
        }
        Instant from;
        try {
            from = since == null ? Instant.now().minus(Duration.ofDays(1)) : Instant.parse(since);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("since must be an ISO-8601 instant, e.g. 2026-11-24T08:00:00Z");
        }
        return audit.recent(TenantScope.of(actor()), agent, from, limit);
    }

    private Actor actor() {
        return Actor.of(identity);
    }

    static CompletionStage<Response> reply(CompletionStage<ActionResult> result) {
        return result.thenApply(r -> Response.status(io.switchboard.cti.CtiStatus.of(r.outcome())).type(MediaType.APPLICATION_JSON)
                .entity(r).build());
    }

}
