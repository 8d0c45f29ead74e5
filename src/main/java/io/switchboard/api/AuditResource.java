package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.audit.AuditLogEntry;
import io.switchboard.audit.AuditQuery;
import io.switchboard.audit.AuditTrail;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit trail of the admin's tenant: admin changes and CTI actions, newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class AuditResource {

    /** One page; pass {@code next} as {@code cursor} for the following one (null on the last page). */
    public record AuditPage(List<AuditLogEntry> items, String next) {
    }

    @Inject
    SecurityIdentity identity;
    @Inject
    AuditTrail trail;

    @GET
    public AuditPage list(@QueryParam("actor") @Size(max = 128) String actor,
                          @QueryParam("action") @Size(max = 64) String action,
                          @QueryParam("targetType") @Size(max = 32) String targetType,
                          @QueryParam("targetId") @Size(max = 200) String targetId,
                          @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("cursor") @Pattern(regexp = "\\d{1,19}-\\d{1,19}",
                                  message = "must be the next value of the previous page") String cursor,
                          @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.badRequest("from must be before to");
        }
        AuditQuery.Cursor after = cursor == null ? null : AuditQuery.Cursor.parse(cursor)
                .orElseThrow(() -> ApiException.badRequest("cursor: must be the next value of the previous page"));
        List<AuditLogEntry> items = trail.page(new AuditQuery(Actor.of(identity).tenant(), blank(actor), blank(action),
                blank(targetType), blank(targetId), null, start, end, after, limit));
        String next = items.size() < limit ? null
                : new AuditQuery.Cursor(micros(items.getLast().at()), items.getLast().id()).toString();
        return new AuditPage(items, next);
    }

    private static Instant instant(String name, String value) {
        try {
            return value == null || value.isBlank() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + ": an ISO-8601 instant, e.g. 2026-11-24T08:00:00Z");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static long micros(Instant at) {
        return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
