package io.switchboard.workflow;

import io.switchboard.workflow.tickets.NewTicket;
import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketKind;
import io.switchboard.workflow.tickets.TicketService;
import io.switchboard.workflow.tickets.TicketStore;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared steps of the process tests: open tickets, find and complete the one open task, read history. */
record ProcessTestSupport(TicketService tickets, TicketStore store, TaskService tasks, HistoryService history) {

    Ticket open(TestOrg org, TicketKind kind, String amount, String number) {
        return tickets.open(new NewTicket(org.tenant(), kind, kind.id() + " test", null, null, number, "C-1", null,
                amount == null ? null : new BigDecimal(amount), null, null, org.user("agent1"), "frontline", null))
                .ticket();
    }

    Task task(Ticket t) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(t.processInstanceId()).list();
        assertThat(open).as("open tasks of ticket %s", t.id()).hasSize(1);
        return open.getFirst();
    }

    void complete(Ticket t, String taskKey, Map<String, Object> vars) {
        Task task = task(t);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(taskKey);
        tasks.complete(task.getId(), vars);
    }

    List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
                .filter(java.util.Objects::nonNull).toList();
    }

    /** The user tasks the instance went through, in order. */
    List<String> userTasks(Ticket t) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(t.processInstanceId())
                .activityType("userTask").orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc().list().stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    Ticket reload(Ticket t) {
        return store.find(t.id()).orElseThrow();
    }

    boolean ended(Ticket t) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(t.processInstanceId()).finished().count() == 1;
    }
}
