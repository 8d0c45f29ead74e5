package io.switchboard.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.org.OrgDirectory;
import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketKind;
import io.switchboard.workflow.tickets.TicketService;
import io.switchboard.workflow.tickets.TicketStore;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The discount approval: every route and threshold, rejection at each level, round robin, SLA timers. */
@QuarkusTest
class DiscountApprovalProcessTest {

    @Inject
    TicketService tickets;
    @Inject
    TicketStore store;
    @Inject
    TaskService tasks;
    @Inject
    HistoryService history;
    @Inject
    ManagementService management;
    @Inject
    OrgDirectory org;
    @Inject
    UserStore users;
    @Inject
    ProcessEngine engine;
    @Inject
    SlaBreaches breaches;

    private ProcessTestSupport p;
    private TestOrg o;

    @BeforeEach
    void setUp() {
        p = new ProcessTestSupport(tickets, store, tasks, history);
        o = TestOrg.create(org, users);
    }

    @ParameterizedTest(name = "{0}: decisions {1}")
    @CsvSource({
        "499.99,  y,     mainApproval,                               approved, resolved",
        "499.99,  n,     mainApproval,                               rejected, closed",
        "500,     y y,   mainApproval managerApproval,               approved, resolved",
        "500,     y n,   mainApproval managerApproval,               rejected, closed",
        "5000,    y y,   mainApproval managerApproval,               approved, resolved",
        "5000.01, y y y, mainApproval managerApproval headApproval,  approved, resolved",
        "5000.01, y y n, mainApproval managerApproval headApproval,  rejected, closed",
        "5000.01, n,     mainApproval,                               rejected, closed",
    })
    void everyRouteAndRejection(String amount, String decisions, String expectedTasks, String outcome, String status) {
        Ticket t = p.open(o, TicketKind.DISCOUNT, amount, null);
        assertThat(t.processKey()).isEqualTo("discount-approval");
        assertThat(t.status()).isEqualTo(Ticket.IN_PROGRESS);
        List<String> expected = Arrays.asList(expectedTasks.split(" "));
        List<String> seen = new ArrayList<>();
        for (String d : decisions.split(" ")) {
            Task task = p.task(t);
            seen.add(task.getTaskDefinitionKey());
            switch (task.getTaskDefinitionKey()) {
                case "mainApproval" -> {
                    assertThat(task.getAssignee()).isIn(o.user("lead1"), o.user("lead2"));
                    assertThat(p.candidateGroups(task)).containsExactly("frontline");
                }
                case "managerApproval" -> {
                    assertThat(task.getAssignee()).isEqualTo(o.user("mgr"));
                    assertThat(p.candidateGroups(task)).containsExactly("frontline");
                }
                case "headApproval" -> {
                    assertThat(task.getAssignee()).isEqualTo(o.user("head"));
                    assertThat(p.candidateGroups(task)).containsExactly("sales");
                }
                default -> throw new AssertionError(task.getTaskDefinitionKey());
            }
            tasks.complete(task.getId(), Map.of("approved", d.equals("y")));
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(p.ended(t)).isTrue();
        assertThat(p.userTasks(t)).isEqualTo(expected);
        Ticket done = p.reload(t);
        assertThat(done.outcome()).isEqualTo(outcome);
        assertThat(done.status()).isEqualTo(status);
        assertThat(done.closedAt()).isNotNull();
        assertThat(store.events(t.id())).extracting(e -> e.action())
                .startsWith("created", "process-started", "task-created", "status")
                .endsWith("task-completed", "closed");
    }

    @Test
    void aTenantWithItsOwnVersionRunsItOthersTheSharedOne() {
        engine.getRepositoryService().createDeployment().tenantId(o.tenant()).name("tenant-own")
                .addClasspathResource("bpmn/discount-approval.bpmn")
                .addClasspathResource("bpmn/discount-approval-route.dmn").deploy();
        Ticket own = p.open(o, TicketKind.DISCOUNT, "100", null);
        TestOrg other = TestOrg.create(org, users);
        Ticket shared = p.open(other, TicketKind.DISCOUNT, "100", null);
        var definitions = engine.getRepositoryService();
        assertThat(definitions.getProcessDefinition(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(own.processInstanceId()).singleResult().getProcessDefinitionId()).getTenantId())
                .isEqualTo(o.tenant());
        assertThat(definitions.getProcessDefinition(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(shared.processInstanceId()).singleResult().getProcessDefinitionId()).getTenantId())
                .isNull();
        assertThat(p.task(own).getTaskDefinitionKey()).isEqualTo("mainApproval");
    }

    @Test
    void mainApprovalGoesToTheLeadsInTurn() {
        List<String> assignees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assignees.add(p.task(p.open(o, TicketKind.DISCOUNT, "100", null)).getAssignee());
        }
        assertThat(assignees).containsExactly(o.user("lead1"), o.user("lead2"), o.user("lead1"));
    }

    @Test
    void slaWarnsTwiceThenEscalatesOneLevelUpAndStopsWhenDone() {
        try (EngineTime time = new EngineTime(engine)) {
            Ticket t = p.open(o, TicketKind.DISCOUNT, "100", null);
            String pid = t.processInstanceId();
            Task first = p.task(t);
            assertThat(first.getDueDate().toInstant()).isEqualTo(time.now().plus(Duration.ofHours(1)));

            assertThat(time.advance(Duration.ofMinutes(59), pid)).isZero();
            assertThat(breaches.of(pid)).isEmpty();
            assertThat(time.advance(Duration.ofMinutes(1), pid)).isEqualTo(1);
            assertThat(breaches.of(pid)).singleElement().satisfies(b -> {
                assertThat(b.level()).isEqualTo(1);
                assertThat(b.escalation()).isFalse();
                assertThat(b.tenant()).isEqualTo(o.tenant());
                assertThat(b.processKey()).isEqualTo("discount-approval");
                assertThat(b.taskId()).isEqualTo(first.getId());
                assertThat(b.taskName()).isEqualTo("Main approval");
                assertThat(b.ticketId()).isEqualTo(t.id());
                assertThat(b.assignee()).isEqualTo(first.getAssignee());
                assertThat(b.candidateGroups()).containsExactly("frontline");
                assertThat(b.dueAt()).isEqualTo(first.getDueDate().toInstant());
                assertThat(b.firedAt()).isEqualTo(time.now());
            });
            // the warning leaves the task where it is
            assertThat(p.task(t).getId()).isEqualTo(first.getId());

            assertThat(time.advance(Duration.ofHours(1), pid)).isEqualTo(1);
            assertThat(breaches.of(pid)).extracting(SlaBreached::level).containsExactly(1, 2);

            // the escalation takes the task away and gives it to the team's manager
            assertThat(time.advance(Duration.ofHours(2), pid)).isEqualTo(1);
            assertThat(breaches.of(pid).get(2)).satisfies(b -> {
                assertThat(b.level()).isEqualTo(3);
                assertThat(b.escalation()).isTrue();
                assertThat(b.taskId()).isEqualTo(first.getId());
            });
            Task escalated = p.task(t);
            assertThat(escalated.getId()).isNotEqualTo(first.getId());
            assertThat(escalated.getTaskDefinitionKey()).isEqualTo("mainApproval");
            assertThat(escalated.getAssignee()).isEqualTo(o.user("mgr"));
            assertThat(p.reload(t).status()).isEqualTo(Ticket.ESCALATED);

            // unanswered again: one more level up, the department head
            time.advance(Duration.ofHours(4), pid);
            assertThat(breaches.of(pid)).extracting(SlaBreached::level).containsExactly(1, 2, 3, 1, 2, 3);
            Task again = p.task(t);
            assertThat(again.getAssignee()).isEqualTo(o.user("head"));
            assertThat(p.candidateGroups(again)).containsExactly("sales");

            // done: its timers are gone with it, and later hours fire nothing
            tasks.complete(again.getId(), Map.of("approved", true));
            assertThat(management.createJobQuery().processInstanceId(pid).count()).isZero();
            assertThat(time.advance(Duration.ofHours(10), pid)).isZero();
            assertThat(breaches.of(pid)).hasSize(6);
            assertThat(p.reload(t).outcome()).isEqualTo("approved");
            assertThat(store.events(t.id())).extracting(e -> e.action())
                    .contains("sla-warning", "sla-escalation");
        }
    }

    @Test
    void anInstanceMayCarryItsOwnSla() {
        try (EngineTime time = new EngineTime(engine)) {
            String pid = engine.getRuntimeService().createProcessInstanceByKey("discount-approval")
                    .processDefinitionWithoutTenantId().setVariables(Map.of("tenant", o.tenant(), "unit", "frontline",
                            "amount", 100.0, "sla_mainApproval", "PT10M,PT20M,PT30M")).execute().getId();
            Task task = tasks.createTaskQuery().processInstanceId(pid).singleResult();
            assertThat(task.getDueDate().toInstant()).isEqualTo(time.now().plus(Duration.ofMinutes(10)));
            assertThat(time.advance(Duration.ofMinutes(20), pid)).isEqualTo(2);
            assertThat(time.advance(Duration.ofMinutes(10), pid)).isEqualTo(1);
            assertThat(breaches.of(pid)).extracting(SlaBreached::level).containsExactly(1, 2, 3);
            assertThat(breaches.of(pid).get(0).ticketId()).isNull();
            assertThat(tasks.createTaskQuery().processInstanceId(pid).singleResult().getAssignee()).isEqualTo(o.user("mgr"));
        }
    }

    @Test
    void completingATaskRemovesItsTimersAndTheNextTaskHasItsOwn() {
        Ticket t = p.open(o, TicketKind.DISCOUNT, "700", null);
        String pid = t.processInstanceId();
        assertThat(management.createJobQuery().processInstanceId(pid).timers().activityId("mainApprovalWarn1").count())
                .isEqualTo(1);
        tasks.complete(p.task(t).getId(), Map.of("approved", true));
        for (String gone : List.of("mainApprovalWarn1", "mainApprovalWarn2", "mainApprovalEscalate")) {
            assertThat(management.createJobQuery().processInstanceId(pid).activityId(gone).count()).as(gone).isZero();
        }
        for (String armed : List.of("managerApprovalWarn1", "managerApprovalWarn2", "managerApprovalEscalate")) {
            assertThat(management.createJobQuery().processInstanceId(pid).timers().activityId(armed).count()).as(armed)
                    .isEqualTo(1);
        }
    }
}
