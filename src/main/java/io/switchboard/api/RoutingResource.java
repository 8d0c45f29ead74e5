package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.audit.AuditSnapshot;
import io.switchboard.routing.LevelStatus;
import io.switchboard.routing.LoadModel;
import io.switchboard.routing.LoadSnapshot;
import io.switchboard.routing.NodeGroups;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RouteDecision;
import io.switchboard.routing.RouteRequest;
import io.switchboard.routing.RoutingConfig;
import io.switchboard.routing.RoutingEvent;
import io.switchboard.routing.RoutingEvents;
import io.switchboard.routing.RoutingPolicy;
import io.switchboard.routing.RoutingService;
import io.switchboard.routing.TrafficControl;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.security.RoutingScope;
import io.switchboard.security.Tenancy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The control console: the routing policy (versioned), the state of load, degradation levels and
 * node groups, manual overrides, and a dry run of a decision. The policy and trial decisions are
 * shared by every tenant: read by the platform tenant's supervisors and admins, changed by its
 * admins only. State, events and overrides are the caller's tenant's ({@link RoutingScope}).
 */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
@Blocking
public class RoutingResource {

    private static final Set<String> EVENT_KINDS = Set.of("level", "override", "failover", "failback", "policy",
            "breaker");

    @Inject
    SecurityIdentity identity;
    @Inject
    RoutingService routing;
    @Inject
    PolicyStore store;
    @Inject
    TrafficControl control;
    @Inject
    LoadModel load;
    @Inject
    NodeGroups groups;
    @Inject
    RoutingEvents events;
    @Inject
    RoutingConfig config;
    @Inject
    AuditedChanges audited;
    @Inject
    RoutingScope scope;
    @Inject
    Tenancy tenancy;

    /** The policy in force with its version, and the strategies a rule may name. */
    public record PolicyView(int version, String savedBy, Instant savedAt, String comment, RoutingPolicy policy,
                             List<String> strategies) {
    }

    /**
     * A new policy. {@code expectedVersion} is the version the editor started from: when someone
     * saved in between, the save is refused with 409 instead of overwriting their change.
     */
    public record PolicyUpdate(@NotNull Integer expectedVersion, @Size(max = 255) String comment,
                               @NotNull RoutingPolicy policy) {
    }

    public record Rollback(@NotNull @Min(0) Integer version, @Size(max = 255) String comment) {
    }

    /** Everything the console page shows. */
    public record State(Instant at, int policyVersion, List<LevelStatus> levels, LoadSnapshot load,
                        List<NodeGroups.GroupStatus> groups, List<RoutingService.Decided> recentDecisions,
                        long deadlineMillis) {
    }

    /** A manual degradation level for a tenant, for {@code minutes} (at most the configured maximum). */
    public record OverrideRequest(@NotBlank @Size(max = 64) String tenant, @NotNull @Min(0) @Max(3) Integer level,
                                  @NotNull @Min(1) Integer minutes, @NotBlank @Size(max = 200) String reason) {
    }

    /** A call to try the policy on, without a PBX. */
    public record TrialCall(@NotBlank @Size(max = 64) String node, @Size(max = 80) String callerNumber,
                            @Size(max = 80) String dialed,
                            @Size(max = 100) Map<@Size(max = 64) String, @Size(max = 1000) String> variables) {
    }

    @GET
    @Path("/policy")
    public PolicyView policy() {
        platformOnly();
        PolicyStore.Version v = routing.policy();
        return new PolicyView(v.version(), v.savedBy(), v.savedAt(), v.comment(), v.policy(),
                strategyNames());
    }

    @PUT
    @Path("/policy")
    @RolesAllowed(Roles.ADMIN)
    public PolicyView save(@Valid @NotNull PolicyUpdate update) {
        return save("routing.policy.update", update);
    }

    private PolicyView save(String action, PolicyUpdate update) {
        platformAdminOnly();
        AuditSnapshot before = AuditSnapshots.policy(routing.policy());
        PolicyStore.Version v = audited.run(Actor.of(identity), action, "routing-policy", "routing-policy", before,
                () -> routing.save(update.policy(), update.expectedVersion(), user(), update.comment())
                        .orElseThrow(() -> new ApiException(409, "the policy was changed by someone else (now version "
                                + routing.policy().version() + ", you edited " + update.expectedVersion()
                                + "): reload and apply your change again")), AuditSnapshots::policy);
        return new PolicyView(v.version(), v.savedBy(), v.savedAt(), v.comment(), v.policy(),
                strategyNames());
    }

    @GET
    @Path("/policy/versions")
    public List<PolicyStore.Summary> versions(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        platformOnly();
        return store.history(limit);
    }

    @GET
    @Path("/policy/versions/{version}")
    public PolicyView version(@PathParam("version") int version) {
        platformOnly();
        PolicyStore.Version v = store.version(version)
                .orElseThrow(() -> ApiException.notFound("no routing policy version " + version));
        return new PolicyView(v.version(), v.savedBy(), v.savedAt(), v.comment(), v.policy(),
                strategyNames());
    }

    /** Puts an older version back in force, as a new version (history is never rewritten). */
    @POST
    @Path("/policy/rollback")
    @RolesAllowed(Roles.ADMIN)
    public PolicyView rollback(@Valid @NotNull Rollback request) {
        platformAdminOnly();
        PolicyStore.Version old = store.version(request.version())
                .orElseThrow(() -> ApiException.notFound("no routing policy version " + request.version()));
        String comment = request.comment() != null ? request.comment() : "rollback to version " + old.version();
        return save("routing.policy.rollback", new PolicyUpdate(routing.policy().version(), comment, old.policy()));
    }

    @GET
    @Path("/state")
    public State state() {
        Actor a = actor();
        return new State(Instant.now(), routing.policy().version(), scope.levels(a, control.statuses()),
                scope.load(a, load.current()), scope.groups(a, groups.groups()),
                scope.decisions(a, routing.recentDecisions()), config.deadline().toMillis());
    }

    @POST
    @Path("/override")
    public LevelStatus override(@Valid @NotNull OverrideRequest request) {
        ownTenant(request.tenant());
        Duration d = Duration.ofMinutes(request.minutes());
        if (d.compareTo(config.control().maxOverride()) > 0) {
            throw ApiException.badRequest("minutes: at most " + config.control().maxOverride().toMinutes()
                    + " (switchboard.routing.control.max-override)");
        }
        return audited.run(Actor.of(identity), "routing.override.set", "tenant", request.tenant(),
                AuditSnapshots.level(control.status(request.tenant())),
                () -> control.override(request.tenant(), request.level(), d, user(), request.reason()),
                AuditSnapshots::level);
    }

    @DELETE
    @Path("/override/{tenant}")
    public List<LevelStatus> clearOverride(@PathParam("tenant") String tenant) {
        ownTenant(tenant);
        audited.run(Actor.of(identity), "routing.override.clear", "tenant", tenant,
                AuditSnapshots.level(control.status(tenant)), () -> {
                    control.clearOverride(tenant, user());
                    return control.status(tenant);
                }, AuditSnapshots::level);
        return scope.levels(actor(), control.statuses());
    }

    @GET
    @Path("/events")
    public List<RoutingEvent> events(@QueryParam("kind") String kind,
                                     @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        if (kind != null && !EVENT_KINDS.contains(kind)) {
            throw ApiException.badRequest("kind must be one of " + EVENT_KINDS.stream().sorted().toList());
        }
        Actor a = actor();
        return events.recent(kind, limit, e -> scope.sees(a, e));
    }

    /** What the policy in force would do with a call like this one (nothing is sent to a PBX). */
    @POST
    @Path("/decide")
    public RouteDecision decide(@Valid @NotNull TrialCall call) throws Exception {
        platformOnly();
        String type = "trial";
        RouteRequest r = new RouteRequest(call.node(), type, "trial-" + System.nanoTime(), "trial",
                call.callerNumber(), null, call.dialed(), "route", List.of(), call.variables(), Instant.now());
        return routing.route(r).get(2, TimeUnit.SECONDS);
    }

    private List<String> strategyNames() {
        return routing.strategies().keySet().stream().sorted().toList();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private Actor actor() {
        return Actor.of(identity);
    }

    private void platformOnly() {
        if (!scope.platform(actor())) {
            throw new ApiException(403, "the routing policy is shared by every tenant: only users of the platform"
                    + " tenant (" + tenancy.platformTenant() + ") read it");
        }
    }

    private void platformAdminOnly() {
        if (!tenancy.isPlatformAdmin(actor())) {
            throw new ApiException(403, "the routing policy is shared by every tenant: only admins of the platform"
                    + " tenant (" + tenancy.platformTenant() + ") change it");
        }
    }

    private void ownTenant(String tenant) {
        if (!scope.mayOverride(actor(), tenant)) {
            throw new ApiException(403, "overrides are set and cleared only for your own tenant ("
                    + actor().tenant() + ")");
        }
    }
}
