package io.switchboard.workflow;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.org.OrgDirectory;
import io.switchboard.workflow.tickets.NewTicket;
import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketKind;
import io.switchboard.workflow.tickets.TicketService;
import io.switchboard.workflow.tickets.TicketStore;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Claiming a VIP callback dials the customer from the claiming agent's phone through the PBX; the outcome ends it. */
@QuarkusTest
class CallbackDialTest {

    @Inject
    OrgDirectory org;
    @Inject
    UserStore users;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    TicketService tickets;
    @Inject
    TicketStore store;
    @Inject
    TaskService tasks;
    @Inject
    DemoSimulator demo;
    @Inject
    PbxRegistry registry;

    @Test
    void claimDialsTheCustomerAndTheOutcomeClosesTheTicket() {
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.control("sim").map(CallControl::connected).orElse(false));
        String suffix = Long.toString(System.nanoTime(), 36);
        String tenant = "cb-" + suffix;
        String device = "7" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        AgentEndpoint phone = new AgentEndpoint("sim", "PJSIP/" + device, "PJSIP/" + device, device);
        Agent agent = new Agent("cb" + device, "Callback " + device, tenant, List.of(), List.of("support"),
                Map.of("sim", phone));
        roster.save(agent);
        presence.defined(agent);
        String user = "cb-agent-" + suffix;
        users.save(user, "pw", Set.of(Roles.AGENT), agent.id(), Set.of(), tenant);
        org.saveUnit(new io.switchboard.workflow.org.OrgUnit(tenant, "callbacks", "Callbacks", null, null));
        org.saveMember(tenant, "callbacks", user, OrgDirectory.MEMBER);

        Ticket t = tickets.open(new NewTicket(tenant, TicketKind.CALLBACK, "Call back VIP", null, "high", "+4930555123",
                null, null, null, null, null, "trigger", "callbacks", null)).ticket();
        String taskId = tasks.createTaskQuery().processInstanceId(t.processInstanceId()).singleResult().getId();
        // least loaded among one member: it is already the agent's; unclaim so the claim is the agent's act
        given().auth().preemptive().basic(user, "pw").post("/api/v1/todos/" + taskId + "/unclaim").then().statusCode(200);

        int mark = demo.simulator().receivedActions().size();
        given().auth().preemptive().basic(user, "pw").post("/api/v1/todos/" + taskId + "/claim").then().statusCode(200)
                .body("todo.assignee", equalTo(user)).body("dial.action", equalTo("originate"));
        List<AmiFrame> all = demo.simulator().receivedActions();
        assertThat(all.subList(mark, all.size())).filteredOn(f -> "Originate".equalsIgnoreCase(f.get("Action")))
                .singleElement().satisfies(f -> {
                    assertThat(f.get("Channel")).isEqualTo(phone.dial());
                    assertThat(f.get("Exten")).isEqualTo("+4930555123");
                });
        assertThat(store.events(t.id())).extracting(e -> e.action()).contains("task-claimed", "callback-dialled");

        given().auth().preemptive().basic(user, "pw").contentType("application/json")
                .body(Map.of("variables", Map.of("outcome", "maybe"))).post("/api/v1/todos/" + taskId + "/complete")
                .then().statusCode(400);
        given().auth().preemptive().basic(user, "pw").contentType("application/json")
                .body(Map.of("variables", Map.of("outcome", "reached"))).post("/api/v1/todos/" + taskId + "/complete")
                .then().statusCode(200);
        assertThat(store.find(t.id()).orElseThrow()).satisfies(x -> {
            assertThat(x.status()).isEqualTo(Ticket.RESOLVED);
            assertThat(x.outcome()).isEqualTo("reached");
        });
    }
}
