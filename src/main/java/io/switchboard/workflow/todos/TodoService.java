package io.switchboard.workflow.todos;

import io.switchboard.cti.ActionResult;
import io.switchboard.cti.CtiRefusal;
import io.switchboard.cti.CtiService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.workflow.WorkflowRefusal;
import io.switchboard.workflow.org.OrgDirectory;
import io.switchboard.workflow.process.Vars;
import io.switchboard.workflow.tickets.TicketStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The people's side of the processes: their todos, claim, unclaim, complete, decide. Everything is
 * tenant-scoped by the process's {@code tenant} variable. Agents act on tasks assigned or offered
 * to them (as candidate user or through their org units); supervisors and admins on all tasks of
 * their tenant. Claiming a callback task dials the customer from the claiming agent's phone.
 */
@ApplicationScoped
public class TodoService {

    private static final String CALLBACK_TASK = "callCustomer";
    private static final Duration DIAL_WAIT = Duration.ofSeconds(10);

    @Inject
    TaskService tasks;
    @Inject
    RuntimeService runtime;
    @Inject
    OrgDirectory org;
    @Inject
    TicketStore tickets;
    @Inject
    CtiService cti;

    /** The outcome of a claim; {@code dial} set when claiming started a call (callback tasks). */
    public record Claimed(Todo todo, ActionResult dial) {
    }

    /** Tasks assigned to the actor and unclaimed tasks offered to it; {@code all}: every task of the tenant (supervisors). */
    public List<Todo> todos(Actor actor, boolean all, int page, int size) {
        TaskQuery q = tasks.createTaskQuery().processVariableValueEquals(Vars.TENANT, actor.tenant());
        if (!(all && overseer(actor))) {
            List<String> units = org.unitsOf(actor.tenant(), actor.username());
            q = q.or().taskAssignee(actor.username()).taskCandidateUser(actor.username());
            if (!units.isEmpty()) {
                q = q.taskCandidateGroupIn(units);
            }
            q = q.endOr();
        }
        return q.orderByTaskCreateTime().asc().listPage(page * size, size).stream().map(this::todo).toList();
    }

    public Todo get(Actor actor, String taskId) {
        return todo(visible(actor, taskId));
    }

    /** Not one transaction: the claim is committed before a callback is dialled (the PBX may take seconds). */
    public Claimed claim(Actor actor, String taskId) {
        Task t = visible(actor, taskId);
        if (t.getAssignee() != null && !t.getAssignee().equals(actor.username())) {
            throw WorkflowRefusal.conflict("task " + taskId + " is claimed by " + t.getAssignee());
        }
        if (t.getAssignee() == null) {
            QuarkusTransaction.requiringNew().run(() -> {
                tasks.claim(taskId, actor.username());
                log(t, actor, "task-claimed", null, actor.username());
            });
        }
        ActionResult dial = CALLBACK_TASK.equals(t.getTaskDefinitionKey()) ? dial(actor, t) : null;
        return new Claimed(todo(tasks.createTaskQuery().taskId(taskId).singleResult()), dial);
    }

    @Transactional
    public Todo unclaim(Actor actor, String taskId) {
        Task t = visible(actor, taskId);
        if (t.getAssignee() == null) {
            return todo(t);
        }
        if (!t.getAssignee().equals(actor.username()) && !overseer(actor)) {
            throw WorkflowRefusal.forbidden("task " + taskId + " is claimed by " + t.getAssignee());
        }
        tasks.setAssignee(taskId, null);
        log(t, actor, "task-unclaimed", t.getAssignee(), null);
        return todo(tasks.createTaskQuery().taskId(taskId).singleResult());
    }

    /** Completes the task (claiming it first when it is free); the variables its decision needs are checked. */
    @Transactional
    public void complete(Actor actor, String taskId, Map<String, Object> variables) {
        Map<String, Object> vars = variables == null ? Map.of() : variables;
        vars.forEach(TodoService::checkVariable);
        Task t = visible(actor, taskId);
        TaskRules.check(t.getTaskDefinitionKey(), vars);
        if (t.getAssignee() == null) {
            tasks.claim(taskId, actor.username());
        } else if (!t.getAssignee().equals(actor.username())) {
            if (!overseer(actor)) {
                throw WorkflowRefusal.forbidden("task " + taskId + " is claimed by " + t.getAssignee());
            }
            // a supervisor completing for someone: the log says who really did it
            tasks.setAssignee(taskId, actor.username());
        }
        tasks.complete(taskId, vars);
    }

    /** An approval: approved or not, with an optional comment. */
    @Transactional
    public void decide(Actor actor, String taskId, boolean approved, String comment) {
        Task t = visible(actor, taskId);
        if (!TaskRules.APPROVAL.equals(TaskRules.decisionOf(t.getTaskDefinitionKey()))) {
            throw WorkflowRefusal.conflict("task " + taskId + " (" + t.getName() + ") is not an approval");
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.APPROVED, approved);
        vars.put(Vars.COMMENT, comment);
        complete(actor, taskId, vars);
    }

    /** Gives the ticket's one open task to {@code username} (supervisors and admins). */
    @Transactional
    public Todo reassign(Actor actor, String processInstanceId, String username) {
        if (!overseer(actor)) {
            throw WorkflowRefusal.forbidden("only supervisors and admins reassign tasks");
        }
        List<Task> open = tasks.createTaskQuery().processInstanceId(processInstanceId).list();
        if (open.size() != 1) {
            throw WorkflowRefusal.conflict("the ticket has " + open.size() + " open tasks, not one");
        }
        Task t = open.getFirst();
        tasks.setAssignee(t.getId(), username);
        log(t, actor, "task-assigned", t.getAssignee(), username);
        return todo(tasks.createTaskQuery().taskId(t.getId()).singleResult());
    }

    /** The open tasks of a process instance (for a ticket's detail). */
    public List<Todo> openTasks(String processInstanceId) {
        if (processInstanceId == null) {
            return List.of();
        }
        return tasks.createTaskQuery().processInstanceId(processInstanceId).orderByTaskCreateTime().asc().list()
                .stream().map(this::todo).toList();
    }

    private ActionResult dial(Actor actor, Task t) {
        String number = (String) tasks.getVariable(t.getId(), Vars.CALLBACK_NUMBER);
        ActionResult r;
        try {
            if (actor.agentId() == null) {
                throw CtiRefusal.conflict(actor.username() + " is no agent: there is no phone to call from");
            }
            r = cti.dial(actor, actor.agentId(), number, null).get(DIAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CtiRefusal e) {
            r = new ActionResult("originate", null, null, e.outcome(), e.getMessage(), 0, Map.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            r = new ActionResult("originate", null, null, cause instanceof CtiRefusal c ? c.outcome() : "failed",
                    cause.getMessage(), 0, Map.of());
        } catch (TimeoutException e) {
            r = new ActionResult("originate", null, null, "timeout", "no answer from the PBX in time", 0, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dialling", e);
        }
        log(t, actor, "callback-dialled", null, number, r.outcome() + (r.message() == null ? "" : ": " + r.message()));
        return r;
    }

    private Task visible(Actor actor, String taskId) {
        Task t = tasks.createTaskQuery().taskId(taskId).processVariableValueEquals(Vars.TENANT, actor.tenant())
                .singleResult();
        if (t == null) {
            throw WorkflowRefusal.notFound("no open task " + taskId);
        }
        if (overseer(actor) || actor.username().equals(t.getAssignee())) {
            return t;
        }
        List<String> units = org.unitsOf(actor.tenant(), actor.username());
        for (IdentityLink l : tasks.getIdentityLinksForTask(taskId)) {
            if (IdentityLinkType.CANDIDATE.equals(l.getType())
                    && (actor.username().equals(l.getUserId()) || (l.getGroupId() != null && units.contains(l.getGroupId())))) {
                return t;
            }
        }
        throw WorkflowRefusal.forbidden("task " + taskId + " is not offered to " + actor.username());
    }

    private static boolean overseer(Actor actor) {
        return actor.isAdmin() || actor.is(Roles.SUPERVISOR);
    }

    /** Plain values only: the engine would store anything else as a serialized Java object. */
    private static void checkVariable(String name, Object value) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("variable names are letters, digits and _ (at most 64)");
        }
        boolean plain = value == null || value instanceof Boolean || value instanceof Number
                || value instanceof String s && s.length() <= 4000;
        if (!plain) {
            throw new IllegalArgumentException("variable " + name + " must be a string (up to 4000), number or boolean");
        }
    }

    private void log(Task t, Actor actor, String action, String before, String after) {
        log(t, actor, action, before, after, t.getName());
    }

    private void log(Task t, Actor actor, String action, String before, String after, String detail) {
        Object ticketId = runtime.getVariable(t.getExecutionId(), Vars.TICKET_ID);
        if (ticketId != null) {
            tickets.event(ticketId.toString(), actor.tenant(), actor.username(), action, before, after, detail);
        }
    }

    private Todo todo(Task t) {
        String processKey = Optional.ofNullable(t.getProcessDefinitionId()).map(d -> d.split(":")[0]).orElse(null);
        Object ticketId = t.getExecutionId() == null ? null : runtime.getVariable(t.getExecutionId(), Vars.TICKET_ID);
        return new Todo(t.getId(), t.getName(), t.getTaskDefinitionKey(), processKey, t.getProcessInstanceId(),
                Objects.toString(ticketId, null), t.getAssignee(), t.getCreateTime().toInstant(),
                t.getDueDate() == null ? null : t.getDueDate().toInstant(), TaskRules.decisionOf(t.getTaskDefinitionKey()));
    }
}
