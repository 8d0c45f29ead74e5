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
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Unresolved-call escalation and VIP callback: every path, least-loaded assignment, the retry timer. */
@QuarkusTest
class EscalationAndCallbackProcessTest {

    @Inject
    TicketService tickets;
    @Inject
    TicketStore store;
    @Inject
    TaskService tasks;
    @Inject
    HistoryService history;
    @Inject
    OrgDirectory org;
    @Inject
    UserStore users;
    @Inject
    ProcessEngine engine;

    private ProcessTestSupport p;
    private TestOrg o;

    @BeforeEach
    void setUp() {
        p = new ProcessTestSupport(tickets, store, tasks, history);
        o = TestOrg.create(org, users);
    }

    @ParameterizedTest(name = "tier 2 resolved: {0}, department resolved: {1}")
    @CsvSource({
        "true,  , tier2Handling, resolved, resolved",
        "false, true, tier2Handling departmentEscalation, resolved, resolved",
        "false, false, tier2Handling departmentEscalation, closed, closed",
    })
    void unresolvedCallPaths(boolean tier2, Boolean department, String expectedTasks, String outcome, String status) {
        Ticket t = p.open(o, TicketKind.UNRESOLVED, null, null);
        assertThat(t.processKey()).isEqualTo("unresolved-escalation");
        Task first = p.task(t);
        assertThat(first.getAssignee()).isIn(o.user("t2a"), o.user("t2b"));
        assertThat(p.candidateGroups(first)).containsExactly("tier2");
        tasks.complete(first.getId(), Map.of("resolved", tier2));
        if (department != null) {
            Task second = p.task(t);
            assertThat(second.getTaskDefinitionKey()).isEqualTo("departmentEscalation");
            assertThat(second.getAssignee()).isEqualTo(o.user("supporthead"));
            assertThat(p.candidateGroups(second)).containsExactly("support");
            tasks.complete(second.getId(), Map.of("resolved", department));
        }
        assertThat(p.ended(t)).isTrue();
        assertThat(p.userTasks(t)).isEqualTo(List.of(expectedTasks.split(" ")));
        assertThat(p.reload(t)).satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(outcome);
            assertThat(x.status()).isEqualTo(status);
        });
    }

    @Test
    void tier2WorkGoesToWhoeverHasFewestOpenTasks() {
        Task a = p.task(p.open(o, TicketKind.COMPLAINT, null, null));
        Task b = p.task(p.open(o, TicketKind.UNRESOLVED, null, null));
        // a tie goes by name; then the one with nothing open
        assertThat(a.getAssignee()).isEqualTo(o.user("t2a"));
        assertThat(b.getAssignee()).isEqualTo(o.user("t2b"));
        tasks.complete(a.getId(), Map.of("resolved", true));
        assertThat(p.task(p.open(o, TicketKind.UNRESOLVED, null, null)).getAssignee()).isEqualTo(o.user("t2a"));
    }

    @Test
    void aTaskOfAUnitNobodyIsInWaitsForItsGroup() {
        Ticket t = tickets.open(new io.switchboard.workflow.tickets.NewTicket(o.tenant(), TicketKind.DISCOUNT, "x", null,
                null, null, null, null, new java.math.BigDecimal("10"), null, null, "someone", "nowhere", null)).ticket();
        Task task = p.task(t);
        assertThat(task.getAssignee()).isNull();
        assertThat(p.candidateGroups(task)).containsExactly("nowhere");
    }

    @ParameterizedTest(name = "outcomes {0}")
    @CsvSource({
        "reached,                                  callCustomer,                           reached",
        "no-answer reached,                        callCustomer callCustomer,              reached",
        "unreachable,                              callCustomer,                           unreachable",
        "busy no-answer no-answer,                 callCustomer callCustomer callCustomer, unreachable",
    })
    void vipCallbackTriesUntilReachedOrOutOfTries(String outcomes, String expectedTasks, String outcome) {
        try (EngineTime time = new EngineTime(engine)) {
            Ticket t = p.open(o, TicketKind.CALLBACK, null, "+4930123456");
            assertThat(t.processKey()).isEqualTo("vip-callback");
            for (String out : outcomes.split(" ")) {
                Task task = p.task(t);
                assertThat(task.getAssignee()).isIn(o.user("agent1"), o.user("agent2"), o.user("lead1"), o.user("lead2"));
                tasks.complete(task.getId(), Map.of("outcome", out));
                if (!p.ended(t)) {
                    // waits before the next try: no task until the retry timer fires
                    assertThat(tasks.createTaskQuery().processInstanceId(t.processInstanceId()).count()).isZero();
                    assertThat(time.advance(Duration.ofMinutes(15), t.processInstanceId())).isEqualTo(1);
                }
            }
            assertThat(p.ended(t)).isTrue();
            assertThat(p.userTasks(t)).isEqualTo(List.of(expectedTasks.split(" ")));
            assertThat(p.reload(t).outcome()).isEqualTo(outcome);
        }
    }
}
