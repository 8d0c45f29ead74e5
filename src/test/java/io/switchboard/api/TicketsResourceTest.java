package io.switchboard.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.TestOrg;
import io.switchboard.workflow.org.OrgDirectory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Tickets and todos over REST: creation and its checks, roles, tenant scoping, the approval chain by hand. */
@QuarkusTest
class TicketsResourceTest {

    @Inject
    OrgDirectory org;
    @Inject
    UserStore users;

    private TestOrg o;

    @BeforeEach
    void org() {
        o = TestOrg.create(org, users);
    }

    private RequestSpecification as(String user) {
        return given().auth().preemptive().basic(o.user(user), TestOrg.PASSWORD).contentType(ContentType.JSON);
    }

    private static Map<String, Object> discount(String amount) {
        return Map.of("kind", "discount", "subject", "10% off the renewal", "amount", amount, "unit", "frontline");
    }

    @Test
    void anAgentOpensADiscountAndTheChainApprovesItThroughTodos() {
        String id = as("agent1").body(discount("1200.50")).post("/api/v1/tickets").then().statusCode(201)
                .body("kind", equalTo("discount")).body("status", equalTo("in-progress"))
                .body("amount", equalTo(1200.50f)).body("currency", equalTo("EUR"))
                .body("createdBy", equalTo(o.user("agent1"))).body("processKey", equalTo("discount-approval"))
                .extract().path("id");

        JsonPath detail = as("agent1").get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("tasks.taskKey", String.class)).containsExactly("mainApproval");
        assertThat(detail.getList("events.action", String.class)).startsWith("created", "process-started", "task-created");
        String lead = detail.getString("tasks[0].assignee");
        String leadName = lead.substring(0, lead.indexOf('-'));
        String taskId = detail.getString("tasks[0].id");

        // the lead sees it; another agent of the unit may not decide it
        as(leadName).get("/api/v1/todos").then().statusCode(200).body("id", hasItem(taskId))
                .body("find { it.id == '" + taskId + "' }.decision", equalTo("approval"));
        as("agent2").body(Map.of("approved", true)).post("/api/v1/todos/" + taskId + "/decision").then().statusCode(403)
                .body("message", containsString("claimed by " + lead));
        as(leadName).body(Map.of()).post("/api/v1/todos/" + taskId + "/complete").then().statusCode(400)
                .body("message", containsString("approved"));
        as(leadName).body(Map.of("comment", "fine")).post("/api/v1/todos/" + taskId + "/decision").then().statusCode(400);
        as(leadName).body(Map.of("approved", true, "comment", "loyal customer")).post("/api/v1/todos/" + taskId + "/decision")
                .then().statusCode(200).body("outcome", equalTo("approved"));

        // 1,200.50 needs the manager too
        String managerTask = as("mgr").get("/api/v1/todos").then().statusCode(200).extract().jsonPath()
                .getString("find { it.ticketId == '" + id + "' }.id");
        assertThat(managerTask).isNotNull();
        as("mgr").body(Map.of("approved", false, "comment", "too much")).post("/api/v1/todos/" + managerTask + "/decision")
                .then().statusCode(200);
        as("agent1").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("ticket.status", equalTo("closed")).body("ticket.outcome", equalTo("rejected"))
                .body("tasks.size()", equalTo(0))
                .body("events.findAll { it.action == 'task-completed' }.detail", equalTo(List.of("loyal customer", "too much")));
    }

    @Test
    void badTicketsAreRefusedWithTheReason() {
        as("agent1").body(Map.of("kind", "discount", "subject", "x")).post("/api/v1/tickets").then().statusCode(400)
                .body("message", containsString("amount"));
        as("agent1").body(Map.of("kind", "refund", "subject", "x")).post("/api/v1/tickets").then().statusCode(400)
                .body("message", containsString("kind must be one of"));
        as("agent1").body(Map.of("kind", "general", "subject", " ")).post("/api/v1/tickets").then().statusCode(400);
        as("agent1").body(Map.of("kind", "discount", "subject", "x", "amount", "12.345")).post("/api/v1/tickets")
                .then().statusCode(400).body("details[0]", containsString("amount"));
        as("agent1").body(Map.of("kind", "discount", "subject", "x", "amount", "12", "currency", "E1R"))
                .post("/api/v1/tickets").then().statusCode(400).body("message", containsString("currency"));
        as("agent1").body(Map.of("kind", "callback", "subject", "call me")).post("/api/v1/tickets").then().statusCode(400)
                .body("message", containsString("callerNumber"));
        as("agent1").body(Map.of("kind", "callback", "subject", "x", "callerNumber", "123\r\nAction: Originate"))
                .post("/api/v1/tickets").then().statusCode(400);
        as("agent1").body(Map.of("kind", "general", "subject", "x", "priority", "whenever")).post("/api/v1/tickets")
                .then().statusCode(400).body("message", containsString("priority"));
        given().contentType(ContentType.JSON).body(Map.of("kind", "general", "subject", "x")).post("/api/v1/tickets")
                .then().statusCode(401);
    }

    @Test
    void agentsSeeTheirOwnSupervisorsTheirTenantNobodyAnotherTenant() {
        String mine = as("agent1").body(Map.of("kind", "general", "subject", "printer")).post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");
        String theirs = as("agent2").body(Map.of("kind", "general", "subject", "headset")).post("/api/v1/tickets")
                .then().statusCode(201).body("processKey", nullValue()).body("status", equalTo("open")).extract().path("id");
        assertThat(as("agent1").get("/api/v1/tickets").then().statusCode(200).extract().jsonPath().getList("id"))
                .containsExactly(mine);
        as("agent1").get("/api/v1/tickets/" + theirs).then().statusCode(403);
        assertThat(as("super").get("/api/v1/tickets?kind=general").then().statusCode(200).extract().jsonPath()
                .getList("id")).containsExactly(theirs, mine);
        assertThat(as("super").get("/api/v1/tickets?status=closed").then().statusCode(200).extract().jsonPath()
                .getList("id")).isEmpty();
        as("super").get("/api/v1/tickets?kind=nonsense").then().statusCode(400);

        TestOrg other = TestOrg.create(org, users);
        given().auth().preemptive().basic(other.user("super"), TestOrg.PASSWORD).get("/api/v1/tickets/" + mine)
                .then().statusCode(404);
        assertThat(given().auth().preemptive().basic(other.user("super"), TestOrg.PASSWORD).get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("id")).isEmpty();

        // a ticket without a process is closed by hand, and the step is logged
        as("agent1").body(Map.of("status", "resolved")).patch("/api/v1/tickets/" + mine).then().statusCode(200)
                .body("status", equalTo("resolved")).body("closedAt", notNullValue());
        as("agent1").body(Map.of("status", "whatever")).patch("/api/v1/tickets/" + mine).then().statusCode(400);
        as("agent1").get("/api/v1/tickets/" + mine).then()
                .body("events.find { it.action == 'status' }.after", equalTo("resolved"))
                .body("events.find { it.action == 'status' }.actor", equalTo(o.user("agent1")));
    }

    @Test
    void aProcessOwnsItsTicketsStatusButASupervisorMayReassignItsTask() {
        String id = as("agent1").body(discount("100")).post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        as("agent1").body(Map.of("status", "closed")).patch("/api/v1/tickets/" + id).then().statusCode(409);
        as("agent1").body(Map.of("assignee", o.user("agent2"))).patch("/api/v1/tickets/" + id).then().statusCode(403);
        as("super").body(Map.of("assignee", o.user("lead2"))).patch("/api/v1/tickets/" + id).then().statusCode(200);
        String task = as("super").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("tasks[0].assignee", equalTo(o.user("lead2"))).extract().path("tasks[0].id");

        // pool work: unclaim, then anyone of the unit claims; a second claim conflicts
        as("lead2").post("/api/v1/todos/" + task + "/unclaim").then().statusCode(200).body("assignee", nullValue());
        as("agent2").get("/api/v1/todos").then().statusCode(200).body("id", hasItem(task));
        as("lead1").post("/api/v1/todos/" + task + "/claim").then().statusCode(200)
                .body("todo.assignee", equalTo(o.user("lead1"))).body("dial", nullValue());
        as("agent2").post("/api/v1/todos/" + task + "/claim").then().statusCode(409);
        as("super").get("/api/v1/todos?all=true").then().statusCode(200).body("id", hasItem(task));
        TestOrg other = TestOrg.create(org, users);
        given().auth().preemptive().basic(other.user("super"), TestOrg.PASSWORD).post("/api/v1/todos/" + task + "/claim")
                .then().statusCode(404);
        as("t2a").post("/api/v1/todos/" + task + "/claim").then().statusCode(403);
        as("t2a").body(Map.of("approved", true)).post("/api/v1/todos/" + task + "/decision").then().statusCode(403);
    }
}
