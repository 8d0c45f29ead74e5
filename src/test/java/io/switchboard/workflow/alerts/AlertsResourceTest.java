package io.switchboard.workflow.alerts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.SlaBreached;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** {@code /api/v1/alerts}: the tenant's alerts for supervisors and admins, paged and filtered; test messages for admins. */
@QuarkusTest
class AlertsResourceTest {

    @Inject
    UserStore users;
    @Inject
    Alerts alerts;
    @Inject
    AgroalDataSource db;

    String tenant;
    String admin;
    String supervisor;
    String agent;
    String platformAdmin;

    @BeforeEach
    void users() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        tenant = "api-" + run;
        admin = "adm-" + run;
        supervisor = "sup-" + run;
        agent = "agt-" + run;
        platformAdmin = "padm-" + run;
        users.save(admin, "pw", Set.of(Roles.ADMIN), null, Set.of(), tenant);
        users.save(supervisor, "pw", Set.of(Roles.SUPERVISOR), null, Set.of("support"), tenant);
        users.save(agent, "pw", Set.of(Roles.AGENT), null, Set.of(), tenant);
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, "pw").contentType(ContentType.JSON);
    }

    void alert(String taskId, int level, String ticket) throws Exception {
        Instant now = Instant.now();
        alerts.dispatch(new SlaBreached(tenant, level, false, "p", "pi", taskId, "Check", ticket, "nobody", Set.of(),
                now, now)).get();
    }

    @Test
    void supervisorsPageAndFilterTheirTenantsAlerts() throws Exception {
        for (int i = 1; i <= 3; i++) {
            alert("task-" + tenant + "-" + i, 1, i == 2 ? "T-2" : "T-1");
        }
        var first = as(supervisor).queryParam("limit", 2).get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(2)).extract().jsonPath();
        assertThat(first.getList("items.taskId", String.class)).containsExactly("task-" + tenant + "-3",
                "task-" + tenant + "-2");
        assertThat(first.getString("items[0].status")).isEqualTo("SKIPPED");
        assertThat(first.getString("items[0].deliveries[0].detail")).isEqualTo("no recipient");
        long next = first.getLong("next");
        as(supervisor).queryParam("limit", 2).queryParam("before", next).get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].taskId", equalTo("task-" + tenant + "-1"))
                .body("next", nullValue());
        as(admin).queryParam("ticketId", "T-2").get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].ticketId", equalTo("T-2"));
        as(admin).queryParam("taskId", "task-" + tenant + "-1").queryParam("status", "SKIPPED").get("/api/v1/alerts")
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void otherTenantsAndOtherRolesSeeNothing() {
        as(supervisor).queryParam("tenant", "someone-else").get("/api/v1/alerts").then().statusCode(403);
        // a tenant's admin reads its own tenant only; the platform tenant's admins any tenant
        as(admin).queryParam("tenant", "someone-else").get("/api/v1/alerts").then().statusCode(403);
        users.save(platformAdmin, "pw", Set.of(Roles.ADMIN), null, Set.of(), "default");
        as(platformAdmin).queryParam("tenant", "someone-else").get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(0));
        as(agent).get("/api/v1/alerts").then().statusCode(403);
        as(supervisor).queryParam("status", "LOST").get("/api/v1/alerts").then().statusCode(400)
                .body("message", containsString("status must be one of"));
        as(supervisor).queryParam("limit", 501).get("/api/v1/alerts").then().statusCode(400);
    }

    @Test
    void adminsSendTestMessagesThroughOneChannel() throws Exception {
        String marker = "test " + UUID.randomUUID();
        as(admin).body(Map.of("channel", "webhook", "webhook", "ding", "text", marker)).post("/api/v1/alerts/test")
                .then().statusCode(200).body("status", equalTo("SENT")).body("detail", equalTo("webhook ding: HTTP 200"));
        assertThat(AlertEndpoints.server.requests("/ding", marker).getFirst().body())
                .isEqualTo("{\"msgtype\":\"text\",\"text\":{\"content\":\"" + marker + "\"}}");

        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into alert_contacts (tenant, username, mobile) values (?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, "carol");
            ps.setString(3, "+4915199999");
            ps.executeUpdate();
        }
        as(admin).body(Map.of("channel", "sms", "username", "carol", "text", marker)).post("/api/v1/alerts/test")
                .then().statusCode(200).body("status", equalTo("SENT"));
        assertThat(AlertEndpoints.server.requests("/sms", marker).getFirst().body()).contains("+4915199999");
        as(admin).body(Map.of("channel", "email", "text", marker)).post("/api/v1/alerts/test")
                .then().statusCode(200).body("status", equalTo("SKIPPED"))
                .body("detail", equalTo(admin + " has no e-mail address"));

        as(admin).body(Map.of("channel", "fax")).post("/api/v1/alerts/test").then().statusCode(400)
                .body("message", containsString("no alert channel fax"));
        as(admin).body(Map.of("channel", "sms", "username", "nobody")).post("/api/v1/alerts/test").then()
                .statusCode(404);
        as(admin).body(Map.of("channel", "phone", "phone", "1001\r\nAction: Hangup")).post("/api/v1/alerts/test")
                .then().statusCode(400);
        as(admin).body(Map.of("text", "no channel")).post("/api/v1/alerts/test").then().statusCode(400);
        // the tenant owns no node here (sim and fssim are the default tenant's): no test call from them
        as(admin).body(Map.of("channel", "phone", "phone", "1001", "node", "sim")).post("/api/v1/alerts/test")
                .then().statusCode(403).body("message", containsString("is not a node of tenant " + tenant));
        as(supervisor).body(Map.of("channel", "webhook")).post("/api/v1/alerts/test").then().statusCode(403);
        assertThat(List.of(AlertEndpoints.server.requests("/ding", marker).size())).containsExactly(1);
    }
}
