package io.switchboard.workflow.process;

import io.switchboard.workflow.SlaBreached;
import io.switchboard.workflow.WorkflowConfig;
import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SLA timers of user tasks ({@code ${sla}} in the processes). Each user task carries three
 * boundary timers counted from its creation: levels 1 and 2 are non-interrupting warnings, level
 * 3 interrupts the task and sends it one level up the org tree. The durations come from the
 * instance's {@code sla_<taskId>} variable, else {@code switchboard.workflow.sla.task."<tenant>:<taskId>"},
 * else {@code switchboard.workflow.sla.task."<taskId>"}, else {@code switchboard.workflow.sla.defaults}. The timers belong to the task: when it completes
 * they are gone, so the clock stops.
 */
@ApplicationScoped
@Named("sla")
public class SlaTimers {

    public static final int ESCALATION_LEVEL = 3;

    @Inject
    WorkflowConfig config;
    @Inject
    HistoryService history;
    @Inject
    TicketStore tickets;
    @Inject
    Event<SlaBreached> breaches;

    /** The timer's ISO-8601 duration for {@code level} of task {@code taskId} (used in the BPMN timer definitions). */
    public String due(DelegateExecution execution, String taskId, int level) {
        return durations(execution, taskId).get(level - 1).toString();
    }

    /** When level {@code level} of the task is due, the task being created at {@code created}. */
    public Instant dueAt(VariableScope scope, String taskId, int level, Instant created) {
        return created.plus(durations(scope, taskId).get(level - 1));
    }

    List<Duration> durations(VariableScope scope, String taskId) {
        List<Duration> found = null;
        Object own = scope.getVariable(Vars.SLA_PREFIX + taskId);
        if (own instanceof String s && !s.isBlank()) {
            found = new ArrayList<>();
            for (String part : s.split(",")) {
                found.add(Duration.parse(part.strip()));
            }
        }
        if (found == null) {
            Map<String, List<Duration>> perTask = config.sla().task();
            found = perTask.getOrDefault(Vars.string(scope, Vars.TENANT) + ":" + taskId,
                    perTask.getOrDefault(taskId, config.sla().defaults()));
        }
        if (found.size() != ESCALATION_LEVEL) {
            throw new IllegalArgumentException("SLA of task " + taskId + " needs three durations (warning 1, warning 2, "
                    + "escalation), got " + found);
        }
        return found;
    }

    /** A warning timer fired (the task goes on). */
    public void warn(DelegateExecution execution, String taskId, int level) {
        fire(execution, taskId, level, false);
    }

    /** The escalation timer fired: the task was taken away; it comes back one level up. */
    public void escalate(DelegateExecution execution, String taskId) {
        fire(execution, taskId, ESCALATION_LEVEL, true);
        String counter = Vars.ESCALATIONS_PREFIX + taskId;
        execution.getProcessInstance().setVariable(counter, Vars.integer(execution, counter, 0) + 1);
        String ticketId = Vars.string(execution, Vars.TICKET_ID);
        if (ticketId != null) {
            String tenant = Vars.string(execution, Vars.TENANT);
            tickets.setStatus(ticketId, Ticket.ESCALATED).filter(b -> !b.equals(Ticket.ESCALATED))
                    .ifPresent(b -> tickets.event(ticketId, tenant, "system", "status", b, Ticket.ESCALATED, null));
        }
    }

    private void fire(DelegateExecution execution, String taskId, int level, boolean escalation) {
        HistoricTaskInstance task = history.createHistoricTaskInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(taskId)
                .orderByHistoricActivityInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no task " + taskId + " in " + execution.getProcessInstanceId()));
        String tenant = Vars.string(execution, Vars.TENANT);
        String group = Vars.string(execution, Vars.PEOPLE_PREFIX + taskId);
        Instant firedAt = ClockUtil.getCurrentTime().toInstant();
        Instant dueAt = task.getDueDate() == null ? firedAt : task.getDueDate().toInstant();
        String ticketId = Vars.string(execution, Vars.TICKET_ID);
        breaches.fire(new SlaBreached(tenant == null ? "default" : tenant, level, escalation,
                execution.getProcessDefinitionId().split(":")[0], execution.getProcessInstanceId(), task.getId(),
                task.getName(), ticketId, task.getAssignee(), group == null ? Set.of() : Set.of(group), dueAt, firedAt));
        if (ticketId != null) {
            tickets.event(ticketId, tenant, "system", escalation ? "sla-escalation" : "sla-warning", null,
                    "level " + level, task.getName() + (task.getAssignee() == null ? "" : " (" + task.getAssignee() + ")"));
        }
    }
}
