package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.dialplans.DialplanHistory;
import io.switchboard.dialplans.DialplanService;
import io.switchboard.dialplans.DialplanService.SaveResult;
import io.switchboard.dialplans.DialplanStore;
import io.switchboard.dialplans.DialplanText;
import io.switchboard.dialplans.DialplanType;
import io.switchboard.dialplans.Problem;
import io.switchboard.security.Roles;
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

/**
 * Dialplans of the PBX nodes: versions, validation, deployment to the nodes (file + reload) and
 * roll-back. Admins change them; supervisors read them. A name may exist for both PBX types
 * ({@code inbound.conf}, {@code inbound.xml}): then {@code ?type=} says which one is meant.
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

    public record DeployRequest(@Min(1) Integer version) {
    }

    public record RollbackRequest(@NotNull @Min(1) Integer version, @Size(max = 255) String comment) {
    }

    public record RolledBack(View saved, DialplanService.Deployment deployment) {
    }

    @GET
    public List<Listed> list() {
        Map<String, Map<String, Integer>> deployed = history.deployed();
        return store.latestAll(null).stream().map(v -> new Listed(v.name(), v.type().id(), v.version(), v.savedBy(),
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
        return store.versions(resolve(name, type), name);
    }

    @GET
    @Path("/{name}/history")
    public List<DialplanHistory.Entry> history(@PathParam("name") String name, @QueryParam("type") String type,
                                               @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return history.of(resolve(name, type), name, limit);
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    public View save(@PathParam("name") String name, @Valid @NotNull Update update) {
        checkName(name);
        DialplanType type = type(update.type());
        return View.of(saved(name, dialplans.save(name, type, update.content(), update.expectedVersion(), user(),
                update.comment(), DialplanHistory.SAVE), update.expectedVersion()));
    }

    @POST
    @Path("/{name}/validate")
    public Validation validate(@PathParam("name") String name, @Valid @NotNull Check check) {
        checkName(name);
        DialplanType type = check.type() != null ? type(check.type()) : resolve(name, null);
        List<Problem> problems = dialplans.validate(name, type, check.content());
        return new Validation(problems.isEmpty(), problems);
    }

    @POST
    @Path("/{name}/deploy")
    @RolesAllowed(Roles.ADMIN)
    public DialplanService.Deployment deploy(@PathParam("name") String name, @QueryParam("type") String type,
                                             @Valid DeployRequest request) {
        DialplanStore.Version v = find(name, type, request == null ? null : request.version());
        return dialplans.deploy(v, user());
    }

    /** Saves an older version's text as the newest version (history is never rewritten) and deploys it. */
    @POST
    @Path("/{name}/rollback")
    @RolesAllowed(Roles.ADMIN)
    public RolledBack rollback(@PathParam("name") String name, @QueryParam("type") String type,
                               @Valid @NotNull RollbackRequest request) {
        DialplanStore.Version old = find(name, type, request.version());
        int current = store.latest(old.type(), name).orElseThrow().version();
        String comment = request.comment() != null ? request.comment() : "rollback to version " + old.version();
        DialplanStore.Version v = saved(name, dialplans.save(name, old.type(), old.content(), current, user(), comment,
                DialplanHistory.ROLLBACK), current);
        return new RolledBack(View.of(v), dialplans.deploy(v, user()));
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
        return (version == null ? store.latest(t, name) : store.version(t, name, version))
                .orElseThrow(() -> ApiException.notFound("no " + t.id() + " dialplan " + name
                        + (version == null ? "" : " version " + version)));
    }

    /** The type asked for, or the only type that has this name. */
    private DialplanType resolve(String name, String type) {
        checkName(name);
        if (type != null) {
            return type(type);
        }
        List<DialplanType> types = store.typesOf(name);
        if (types.isEmpty()) {
            throw ApiException.notFound("no dialplan " + name);
        }
        if (types.size() > 1) {
            throw ApiException.badRequest("dialplan " + name + " exists for asterisk and freeswitch: add ?type=");
        }
        return types.get(0);
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
}
