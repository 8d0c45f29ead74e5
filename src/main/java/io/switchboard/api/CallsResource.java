package io.switchboard.api;

import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallPipeline;
import io.switchboard.calls.Disposition;
import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.persistence.CallQueries;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.security.Tenancy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls", description = "Finished call records and calls in progress, of the caller's tenant")
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION})
public class CallsResource {

    @Inject
    CallQueries queries;
    @Inject
    CallPipeline pipeline;
    @Inject
    SecurityIdentity identity;
    @Inject
    Tenancy tenancy;

    @GET
    @Operation(summary = "Finished calls, newest first, with filters and cursor paging")
    public CallPage list(
            @Parameter(description = "ISO-8601 instant; calls started at or after it") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant; calls started before it") @QueryParam("to") String to,
            @QueryParam("queue") String queue,
            @Parameter(description = "agent name or interface") @QueryParam("agent") String agent,
            @Parameter(description = "ANSWERED, ABANDONED, TIMEOUT, NO_ANSWER, BUSY or FAILED")
            @QueryParam("disposition") String disposition,
            @Parameter(description = "caller number") @QueryParam("caller") String caller,
            @QueryParam("node") String node,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @Parameter(description = "the 'next' value of the previous page") @QueryParam("cursor") String cursor) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (f != null && t != null && !f.isBefore(t)) {
            throw ApiException.badRequest("'from' must be before 'to'");
        }
        CallFilter filter = new CallFilter(f, t, blankToNull(queue), blankToNull(agent), disposition(disposition),
                blankToNull(caller), blankToNull(node));
        return queries.list(tenant(), filter, limit, blankToNull(cursor));
    }

    @GET
    @Path("/active")
    @Operation(summary = "Calls in progress on all nodes, of the caller's tenant")
    public List<ActiveCall> active() {
        String tenant = tenant();
        return pipeline.activeCalls().stream().filter(c -> tenant.equals(tenancy.ofCall(c.node(), c.queue()))).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One finished call with its ordered timeline of normalized events")
    public CallDetail get(@PathParam("id") String id) {
        return queries.find(tenant(), id).orElseThrow(() -> ApiException.notFound(
                "no finished call '" + id + "' (calls in progress are at /api/v1/calls/active)"));
    }

    private String tenant() {
        return TenantScope.of(Actor.of(identity));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
        }
    }

    private static Disposition disposition(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Disposition.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'disposition' must be one of " + Arrays.toString(Disposition.values()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
