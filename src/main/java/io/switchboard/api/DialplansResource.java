package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.dialplans.DialplanDeployer;
import io.switchboard.dialplans.DialplanHistory;
import io.switchboard.dialplans.DialplanService;
import io.switchboard.dialplans.DialplanService.SaveResult;
import io.switchboard.dialplans.DialplanStore;
import io.switchboard.dialplans.DialplanText;
import io.switchboard.dialplans.DialplanType;
import io.switchboard.dialplans.Problem;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.security.Tenancy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dialplans of the PBX nodes: versions, validation, deployment to the nodes (file + reload) and
 * roll-back. Admins change them; supervisors read them. A name may exist for both PBX types
 * ({@code inbound.conf}, {@code inbound.xml}): then {@code ?type=} says which one is meant.
 * Every dialplan belongs to a tenant: another tenant's is not found (404), and a deployment goes
 * only to nodes the caller's tenant owns ({@link Tenancy#ownsNode}).
 */
@Path("/api/v1/dialplans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
@Blocking
public class DialplansResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    DialplanService dialplans;
    @Inject
    DialplanStore store;
    @Inject
    DialplanHistory history;
    @Inject
    AuditedChanges audited;
    @Inject
    DialplanDeployer deployer;
    @Inject
    Tenancy tenancy;

    /** A dialplan in the list: its newest version and the version each node runs (last successful deployment). */
    /** Characters of a dialplan (the largest shipped one is a few KB; the body limit is 2 MB). */
    static final int MAX_CONTENT = 1_000_000;

    public record Listed(String name, String type, int latestVersion, String savedBy, Instant savedAt,
                         Map<String, Integer> deployed) {
    }

    public record View(String name, String type, int version, String content, String savedBy, Instant savedAt,
                       String comment) {
        static View of(DialplanStore.Version v) {
            return new View(v.name(), v.type().id(), v.version(), v.content(), v.savedBy(), v.savedAt(), v.comment());
        }
    }

    /** {@code expectedVersion}: the version edited (0 for a new dialplan); a later save in between is a 409. */
    public record Update(@NotNull @Size(max = 16) String type, @NotNull @Size(max = MAX_CONTENT) String content,
                         @NotNull @Min(0) Integer expectedVersion,
                         @Size(max = 255) String comment) {
    }

    /** A dry run; {@code type} may be left out for a dialplan that exists. */
    public record Check(@Size(max = 16) String type, @NotNull @Size(max = MAX_CONTENT) String content) {
    }

    public record Validation(boolean valid, List<Problem> problems) {
    }

    /** {@code nodes}: where to deploy (all of them the tenant's); left out: every node of the tenant that can take it. */
    public record DeployRequest(@Min(1) Integer version, @Size(max = 100) List<String> nodes) {
    }

    public record RollbackRequest(@NotNull @Min(1) Integer version, @Size(max = 255) String comment) {
    }

    public record RolledBack(View saved, DialplanService.Deployment deployment) {
    }

    @GET
    public List<Listed> list() {
        Map<String, Map<String, Integer>> deployed = history.deployed(tenant());
        return store.latestAll(tenant(), null).stream().map(v -> new Listed(v.name(), v.type().id(), v.version(), v.savedBy(),
                v.savedAt(), deployed.getOrDefault(DialplanHistory.key(v.type(), v.name()), Map.of()))).toList();
    }

    @GET
    @Path("/{name}")
    public View get(@PathParam("name") String name, @QueryParam("type") String type,
                    @QueryParam("version") @Min(1) Integer version) {
        return View.of(find(name, type, version));
    }

    @GET
    @Path("/{name}/versions")
    public List<DialplanStore.Summary> versions(@PathParam("name") String name, @QueryParam("type") String type) {
        DialplanType t = resolve(name, type);
        List<DialplanStore.Summary> versions = store.versions(tenant(), t, name);
        if (versions.isEmpty()) {
            throw ApiException.notFound("no " + t.id() + " dialplan " + name);
        }
        return versions;
    }

    @GET
    @Path("/{name}/history")
    public List<DialplanHistory.Entry> history(@PathParam("name") String name, @QueryParam("type") String type,
                                               @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        DialplanStore.Version v = find(name, type, null); // another tenant's dialplan is not found either
        return history.of(tenant(), v.type(), name, limit);
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    public View save(@PathParam("name") String name, @Valid @NotNull Update update) {
        checkName(name);
        DialplanType type = type(update.type());
        return View.of(audited.run(Actor.of(identity), "dialplan.save", "dialplan", target(type, name),
                AuditSnapshots.dialplan(store.latest(tenant(), type, name).orElse(null)),
                () -> saved(name, dialplans.save(tenant(), name, type, update.content(), update.expectedVersion(), user(),
                        update.comment(), DialplanHistory.SAVE), update.expectedVersion()), AuditSnapshots::dialplan));
    }

    @POST
    @Path("/{name}/validate")
    public Validation validate(@PathParam("name") String name, @Valid @NotNull Check check) {
        checkName(name);
        DialplanType type = check.type() != null ? type(check.type()) : resolve(name, null);
        List<Problem> problems = dialplans.validate(tenant(), name, type, check.content());
        return new Validation(problems.isEmpty(), problems);
    }

    @POST
    @Path("/{name}/deploy")
    @RolesAllowed(Roles.ADMIN)
    public DialplanService.Deployment deploy(@PathParam("name") String name, @QueryParam("type") String type,
                                             @Valid DeployRequest request) {
        DialplanStore.Version v = find(name, type, request == null ? null : request.version());
        Set<String> targets = targets(v.type(), request == null ? null : request.nodes());
        return audited.run(Actor.of(identity), "dialplan.deploy", "dialplan", target(v.type(), name),
                AuditSnapshots.dialplan(v), () -> dialplans.deploy(v, targets, user()), AuditSnapshots::deployment);
    }

    /** Saves an older version's text as the newest version (history is never rewritten) and deploys it. */
    @POST
    @Path("/{name}/rollback")
    @RolesAllowed(Roles.ADMIN)
    public RolledBack rollback(@PathParam("name") String name, @QueryParam("type") String type,
                               @Valid @NotNull RollbackRequest request) {
        DialplanStore.Version old = find(name, type, request.version());
        Set<String> targets = targets(old.type(), null); // refused before anything is saved
        DialplanStore.Version latest = store.latest(tenant(), old.type(), name).orElseThrow();
        int current = latest.version();
        String comment = request.comment() != null ? request.comment() : "rollback to version " + old.version();
        Actor actor = Actor.of(identity);
        DialplanStore.Version v = audited.run(actor, "dialplan.rollback", "dialplan", target(old.type(), name),
                AuditSnapshots.dialplan(latest), () -> saved(name, dialplans.save(tenant(), name, old.type(),
                        old.content(), current, user(), comment, DialplanHistory.ROLLBACK), current),
                AuditSnapshots::dialplan);
        return new RolledBack(View.of(v), audited.run(actor, "dialplan.deploy", "dialplan", target(v.type(), name),
                AuditSnapshots.dialplan(v), () -> dialplans.deploy(v, targets, user()), AuditSnapshots::deployment));
    }

    /** The trail's target id: {@code <type>/<name>}, since a name may exist for both types. */
    private static String target(DialplanType type, String name) {
        return type.id() + "/" + name;
    }

    private DialplanStore.Version saved(String name, SaveResult result, int expected) {
        return switch (result) {
            case SaveResult.Saved s -> s.version();
            case SaveResult.Invalid i -> throw new ApiException(400, "dialplan " + name + " has "
                    + i.problems().size() + " problem(s)", i.problems().stream().map(Problem::toString).toList());
            case SaveResult.Conflict c -> throw new ApiException(409, "dialplan " + name
                    + " was changed by someone else (now version " + c.current() + ", you edited " + expected
                    + "): reload and apply your change again");
        };
    }

    private DialplanStore.Version find(String name, String type, Integer version) {
        DialplanType t = resolve(name, type);
        return (version == null ? store.latest(tenant(), t, name) : store.version(tenant(), t, name, version))
                .orElseThrow(() -> ApiException.notFound("no " + t.id() + " dialplan " + name
                        + (version == null ? "" : " version " + version)));
    }

    /** The type asked for, or the only type that has this name. */
    private DialplanType resolve(String name, String type) {
        checkName(name);
        if (type != null) {
            return type(type);
        }
        List<DialplanType> types = store.typesOf(tenant(), name);
        if (types.isEmpty()) {
            throw ApiException.notFound("no dialplan " + name);
        }
        if (types.size() > 1) {
            throw ApiException.badRequest("dialplan " + name + " exists for asterisk and freeswitch: add ?type=");
        }
        return types.get(0);
    }

    /**
     * The nodes a deployment goes to: those asked for, each the tenant's own (else 403, whether it
     * exists or not), or every node of the tenant that takes this type. A tenant owning none of the
     * nodes that take it is refused too: the other tenants' nodes are not its to change.
     */
    private Set<String> targets(DialplanType type, List<String> asked) {
        String tenant = tenant();
        Set<String> candidates = deployer.candidates(type);
        if (asked != null && !asked.isEmpty()) {
            for (String node : asked) {
                if (node == null || !tenancy.ownsNode(tenant, node)) {
                    throw new ApiException(403, "node " + node + " is not a node of tenant " + tenant
                            + ": dialplans are deployed only to the tenant's own nodes");
                }
                if (!candidates.contains(node)) {
                    throw ApiException.badRequest("node " + node + " takes no " + type.id()
                            + " dialplans (another PBX type, or no switchboard.dialplans.nodes." + node + ".directory)");
                }
            }
            return new TreeSet<>(asked);
        }
        Set<String> own = new TreeSet<>(candidates);
        own.removeIf(node -> !tenancy.ownsNode(tenant, node));
        if (own.isEmpty() && !candidates.isEmpty()) {
            throw new ApiException(403, "tenant " + tenant + " owns no " + type.id()
                    + " node with a dialplan directory: dialplans are deployed only to the tenant's own nodes");
        }
        return own;
    }

    private static void checkName(String name) {
        DialplanText.nameProblem(name).ifPresent(p -> {
            throw ApiException.badRequest(p);
        });
    }

    private static DialplanType type(String id) {
        return DialplanType.of(id).orElseThrow(() -> ApiException.badRequest("type: asterisk or freeswitch"));
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private String tenant() {
        return Actor.of(identity).tenant();
    }
}
