package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.workflow.todos.Todo;
import io.switchboard.workflow.todos.TodoService;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** The current user's tasks from the processes: list, claim, unclaim, complete, decide. */
@Path("/api/v1/todos")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
@Blocking
public class TodosResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    TodoService todos;

    public record Completion(@Size(max = 100) Map<@Size(max = 64) String, Object> variables) {
    }

    public record Decision(@NotNull Boolean approved, @Size(max = 1000) String comment) {
    }

    public record Done(String id, String outcome) {
    }

    /** {@code all=true}: every open task of the tenant (supervisors and admins; ignored for agents). */
    @GET
    public List<Todo> list(@QueryParam("all") @DefaultValue("false") boolean all,
                           @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                           @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return todos.todos(actor(), all, page, size);
    }

    @GET
    @Path("/{id}")
    public Todo get(@PathParam("id") String id) {
        return todos.get(actor(), id);
    }

    @POST
    @Path("/{id}/claim")
    public TodoService.Claimed claim(@PathParam("id") String id) {
        return todos.claim(actor(), id);
    }

    @POST
    @Path("/{id}/unclaim")
    public Todo unclaim(@PathParam("id") String id) {
        return todos.unclaim(actor(), id);
    }

    @POST
    @Path("/{id}/complete")
    public Done complete(@PathParam("id") String id, @Valid Completion body) {
        todos.complete(actor(), id, body == null || body.variables() == null ? Map.of() : body.variables());
        return new Done(id, "completed");
    }

    @POST
    @Path("/{id}/decision")
    public Done decide(@PathParam("id") String id, @Valid @NotNull Decision d) {
        todos.decide(actor(), id, d.approved(), d.comment());
        return new Done(id, d.approved() ? "approved" : "rejected");
    }

    private Actor actor() {
        return Actor.of(identity);
    }
}
