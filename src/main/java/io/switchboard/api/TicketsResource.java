package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.workflow.WorkflowRefusal;
import io.switchboard.workflow.tickets.NewTicket;
import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketEvent;
import io.switchboard.workflow.tickets.TicketFilter;
import io.switchboard.workflow.tickets.TicketKind;
import io.switchboard.workflow.tickets.TicketService;
import io.switchboard.workflow.tickets.TicketStore;
import io.switchboard.workflow.todos.Todo;
import io.switchboard.workflow.todos.TodoService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Tickets: opened by agents (desktop), integrations and calls; worked by their process. Agents
 * see the tickets they opened; supervisors and admins every ticket of their tenant.
 */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION})
@Blocking
public class TicketsResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    TicketService service;
    @Inject
    TicketStore store;
    @Inject
    TodoService todos;

    public record CreateTicket(@NotBlank @Size(max = 64) String kind, @NotBlank @Size(max = 255) String subject,
                               @Size(max = 4000) String description, @Size(max = 16) String priority,
                               @Size(max = 40) String callerNumber, @Size(max = 64) String customerId,
                               @Size(max = 160) String callId,
                               @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                               @Size(min = 3, max = 3) String currency, @Size(max = 64) String unit) {
    }

    /** Either field may be left out; {@code assignee} gives the ticket's open task to someone (supervisors). */
    public record TicketChange(@Size(max = 32) String status, @Size(max = 64) String assignee) {
    }

    public record TicketView(String id, String kind, String status, String priority, String subject, String description,
                             String callerNumber, String customerId, String callId, BigDecimal amount, String currency,
                             String agentId, String createdBy, String unit, String processKey, String processInstanceId,
                             String outcome, Instant createdAt, Instant updatedAt, Instant closedAt) {
        static TicketView of(Ticket t) {
            return new TicketView(t.id(), t.kind().id(), t.status(), t.priority(), t.subject(), t.description(),
                    t.callerNumber(), t.customerId(), t.callId(), t.amount(), t.currency(), t.agentId(), t.createdBy(),
                    t.unitId(), t.processKey(), t.processInstanceId(), t.outcome(), t.createdAt(), t.updatedAt(),
                    t.closedAt());
        }
    }

    public record TicketDetail(TicketView ticket, List<TicketEvent> events, List<Todo> tasks) {
    }

    @POST
    public Response create(@Valid @NotNull CreateTicket c) {
        Actor a = actor();
        TicketService.Opened opened = service.open(new NewTicket(a.tenant(), TicketKind.of(c.kind()), c.subject(),
                c.description(), c.priority(), c.callerNumber(), c.customerId(), c.callId(), c.amount(), c.currency(),
                a.agentId(), a.username(), c.unit(), null));
        return Response.status(201).entity(TicketView.of(opened.ticket())).build();
    }

    @GET
    public List<TicketView> list(@QueryParam("status") @Size(max = 32) String status, @QueryParam("kind") String kind,
                                 @QueryParam("customer") @Size(max = 64) String customer,
                                 @QueryParam("call") @Size(max = 160) String call,
                                 @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                 @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Actor a = actor();
        TicketFilter f = new TicketFilter(a.tenant(), status, kind == null ? null : TicketKind.of(kind), customer, call,
                overseer(a) ? null : a.username(), page, size);
        return store.list(f).stream().map(TicketView::of).toList();
    }

    @GET
    @Path("/{id}")
    public TicketDetail get(@PathParam("id") String id) {
        Ticket t = readable(id);
        return new TicketDetail(TicketView.of(t), store.events(id), todos.openTasks(t.processInstanceId()));
    }

    @PATCH
    @Path("/{id}")
    public TicketView change(@PathParam("id") String id, @Valid @NotNull TicketChange change) {
        Actor a = actor();
        Ticket t = readable(id);
        if (change.status() == null && change.assignee() == null) {
            throw ApiException.badRequest("nothing to change: give status and/or assignee");
        }
        if (change.assignee() != null) {
            if (t.processInstanceId() == null) {
                throw ApiException.badRequest("ticket " + id + " has no process with a task to assign");
            }
            todos.reassign(a, t.processInstanceId(), change.assignee());
        }
        if (change.status() != null) {
            t = service.setStatus(t, change.status(), a.username());
        }
        return TicketView.of(store.find(id).orElse(t));
    }

    private Ticket readable(String id) {
        Actor a = actor();
        Ticket t = store.find(id).filter(x -> x.tenant().equals(a.tenant()))
                .orElseThrow(() -> WorkflowRefusal.notFound("no ticket " + id));
        if (!overseer(a) && !a.username().equals(t.createdBy())) {
            throw WorkflowRefusal.forbidden("ticket " + id + " was opened by someone else");
        }
        return t;
    }

    private static boolean overseer(Actor a) {
        return a.isAdmin() || a.is(Roles.SUPERVISOR) || a.is(Roles.INTEGRATION);
    }

    private Actor actor() {
        return Actor.of(identity);
    }
}
