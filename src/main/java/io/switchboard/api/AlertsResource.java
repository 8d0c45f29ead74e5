package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.pbx.PbxText;
import io.switchboard.audit.AuditSnapshot;
import io.switchboard.audit.AuditTrail;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.security.Tenancy;
import io.switchboard.workflow.alerts.AlertContact;
import io.switchboard.workflow.alerts.AlertRecipients;
import io.switchboard.workflow.alerts.AlertStore;
import io.switchboard.workflow.alerts.Delivery;
import io.switchboard.workflow.alerts.Alerts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * SLA alerts: what was sent to whom (supervisors and admins, their tenant; admins of the platform
 * tenant any tenant's), and test messages (admins, from the nodes of their tenant).
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class AlertsResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    AlertStore store;
    @Inject
    Alerts alerts;
    @Inject
    AlertRecipients recipients;
    @Inject
    AuditTrail trail;
    @Inject
    Tenancy tenancy;

    private static final java.util.concurrent.Executor AUDIT_WRITES =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alert-test-audit").factory());

    /** One page, newest first; pass {@code next} as {@code before} for the following page. */
    public record AlertPage(List<AlertStore.AlertRecord> items, Long next) {
    }

    /**
     * A test message through {@code channel}: to the contact {@code username} of the admin's tenant,
     * or to the addresses given.
     */
    /** Values a phone call or SMS carries to a PBX or gateway: no CR/LF or other control characters. */
    private static final String ONE_LINE = "[^\\p{Cntrl}]*";

    public record TestRequest(@NotBlank @Size(max = 32) String channel, @Size(max = 64) String username,
                              @Size(max = 255) String email, @Size(max = 32) @Pattern(regexp = ONE_LINE) String mobile,
                              @Size(max = 80) @Pattern(regexp = ONE_LINE) String phone,
                              @Size(max = 64) @Pattern(regexp = ONE_LINE) String node,
                              @Size(max = 64) String webhook, @Size(max = 1000) String text) {
    }

    public record TestResult(String channel, String status, String detail) {
    }

    @GET
    @Blocking
    public AlertPage list(@QueryParam("tenant") String tenant, @QueryParam("ticketId") String ticketId,
                          @QueryParam("taskId") String taskId, @QueryParam("status") String status,
                          @QueryParam("before") @Min(1) Long before,
                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Actor actor = Actor.of(identity);
        String scope = tenant == null ? actor.tenant() : tenant;
        if (!scope.equals(actor.tenant()) && !tenancy.isPlatformAdmin(actor)) {
            throw new ApiException(403, "alerts of tenant " + scope + " are not visible to this user");
        }
        if (status != null && !Set.of("PENDING", "SENT", "PARTIAL", "FAILED", "SKIPPED").contains(status)) {
            throw ApiException.badRequest("status must be one of PENDING, SENT, PARTIAL, FAILED, SKIPPED");
        }
        List<AlertStore.AlertRecord> items = store.page(new AlertStore.Query(scope, ticketId, taskId, status, before,
                limit));
        return new AlertPage(items, items.size() == limit ? items.getLast().id() : null);
    }

    @POST
    @Path("/test")
    @RolesAllowed(Roles.ADMIN)
    @Blocking
    public CompletionStage<TestResult> test(@Valid @NotNull TestRequest request) {
        Actor actor = Actor.of(identity);
        for (String v : new String[] {request.phone(), request.node(), request.webhook(), request.mobile()}) {
            if (PbxText.hasControlCharacters(v)) {
                throw ApiException.badRequest("addresses must not contain line breaks or control characters");
            }
        }
        if (request.node() != null && !tenancy.ownsNode(actor.tenant(), request.node())) {
            throw new ApiException(403, "node " + request.node() + " is not a node of tenant " + actor.tenant()
                    + ": test calls are placed from the tenant's own nodes");
        }
        AlertContact to = request.username() != null
                ? recipients.contact(actor.tenant(), request.username()).orElseThrow(() -> ApiException.notFound(
                        "no alert contact " + request.username() + " in tenant " + actor.tenant()))
                : new AlertContact(actor.tenant(), actor.username(), actor.username(), request.email(),
                        request.mobile(), request.phone(), request.node(), request.webhook(), Set.of());
        String text = request.text() == null || request.text().isBlank()
                ? "Test alert from Switchboard, sent by " + actor.username() : request.text();
        String recipient = request.username() != null ? request.username() : "(addresses in the request)";
        // the send may complete on an I/O thread: the blocking audit write goes to a virtual thread
        return alerts.test(request.channel(), to, text).thenApplyAsync(d -> {
            trail.record(actor, "alert.test", "alert-channel", request.channel(), null,
                    new AuditSnapshot.AlertTest(request.channel(), recipient, d.status().name(), d.detail()),
                    d.status() == Delivery.Status.FAILED ? AuditTrail.FAILED : AuditTrail.OK, null);
            return new TestResult(request.channel(), d.status().name(), d.detail());
        }, AUDIT_WRITES);
    }
}
