package io.switchboard.workflow.process;

import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketStore;
import io.switchboard.workflow.org.OrgDirectory;
import io.switchboard.workflow.org.OrgUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Every user task's listener ({@code ${taskPeople}} on create and complete). On create it finds
 * the task's people in the org directory from the task's inputs (unit, levels up, role), offers
 * the task to the unit (candidate group) and its people (candidate users), assigns it by the
 * task's strategy, sets its due date (the first SLA level) and logs the step on the ticket.
 * After an SLA escalation the task comes back one level further up, straight to that unit's
 * manager. On complete it logs who decided what.
 */
@ApplicationScoped
@Named("taskPeople")
public class TaskPeople implements TaskListener {

    private static final Logger LOG = Logger.getLogger(TaskPeople.class);

    @Inject
    OrgDirectory org;
    @Inject
    Assignment assignment;
    @Inject
    SlaTimers sla;
    @Inject
    TicketStore tickets;

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> created(task);
            case EVENTNAME_COMPLETE -> completed(task);
            default -> {
                // only create and complete are wired in the processes
            }
        }
    }

    private void created(DelegateTask task) {
        String tenant = Vars.string(task, Vars.TENANT);
        String key = task.getTaskDefinitionKey();
        int escalations = Vars.integer(task, Vars.ESCALATIONS_PREFIX + key, 0);
        String baseRole = Vars.string(task, Vars.ASSIGN_ROLE);
        String baseUnit = Vars.string(task, Vars.ASSIGN_UNIT);
        int up = Vars.integer(task, Vars.ASSIGN_UP, 0);
        String role = baseRole;
        String strategy = Vars.string(task, Vars.ASSIGN_STRATEGY);
        if (escalations > 0) {
            // one level up: a lead's or member's task goes to their unit's manager, a manager's to the next manager
            role = OrgDirectory.MANAGER;
            strategy = Assignment.ROUND_ROBIN;
            up += OrgDirectory.MANAGER.equals(baseRole) ? escalations : escalations - 1;
        }

        Optional<OrgUnit> unit = org.up(tenant, baseUnit, up);
        String group = unit.map(OrgUnit::id).orElse(baseUnit);
        String peopleRole = role == null ? OrgDirectory.MEMBER : role;
        List<String> people = unit.map(u -> org.people(u, peopleRole)).orElse(List.of());
        if (group != null) {
            task.addCandidateGroup(group);
            task.getExecution().getProcessInstance().setVariable(Vars.PEOPLE_PREFIX + key, group);
        }
        task.addCandidateUsers(people);
        Optional<String> assignee = assignment.choose(strategy, tenant + "/" + group + "/" + role, people);
        assignee.ifPresent(task::setAssignee);
        Instant due = sla.dueAt(task.getExecution(), key, 1, task.getCreateTime().toInstant());
        task.setDueDate(Date.from(due));
        if (unit.isEmpty()) {
            LOG.warnf("task %s of process %s: no org unit %s (tenant %s) - offered to the group only", key,
                    task.getProcessInstanceId(), baseUnit, tenant);
        }

        String ticketId = Vars.string(task, Vars.TICKET_ID);
        if (ticketId != null) {
            StringJoiner detail = new StringJoiner("; ");
            detail.add("group " + group);
            detail.add("candidates " + people);
            detail.add("strategy " + strategy);
            detail.add("due " + due);
            tickets.event(ticketId, tenant, "system", "task-created", null, task.getName() + " -> "
                    + assignee.orElse("(unassigned)"), detail.toString());
            String status = escalations > 0 ? Ticket.ESCALATED : Ticket.IN_PROGRESS;
            tickets.setStatus(ticketId, status).filter(before -> !before.equals(status))
                    .ifPresent(before -> tickets.event(ticketId, tenant, "system", "status", before, status, null));
        }
    }

    private void completed(DelegateTask task) {
        String ticketId = Vars.string(task, Vars.TICKET_ID);
        if (ticketId == null) {
            return;
        }
        StringJoiner result = new StringJoiner(", ");
        for (String name : List.of(Vars.APPROVED, Vars.RESOLVED, Vars.OUTCOME)) {
            Object v = task.getVariable(name);
            if (v != null) {
                result.add(name + "=" + v);
            }
        }
        tickets.event(ticketId, Vars.string(task, Vars.TENANT), task.getAssignee(), "task-completed", task.getName(),
                result.toString(), Vars.string(task, Vars.COMMENT));
    }
}
