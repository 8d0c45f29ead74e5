package io.switchboard.it;

import io.switchboard.testing.ApiUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.Direction;
import io.switchboard.calls.Disposition;
import io.switchboard.persistence.CallRecordWriter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.switchboard.testing.Operators;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** The REST surface: filters, paging, errors, node state, health, OpenAPI, Prometheus. */
@QuarkusTest
class ApiTest {

    @Inject
    CallRecordWriter writer;

    /** Three finished calls on a node of their own, one minute apart. */
    private String seed() throws Exception {
        String node = "api-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-20T09:00:00Z");
        List<CallRecord> records = new ArrayList<>();
        records.add(record(node, "a", t0, "support", "Agent One", Disposition.ANSWERED, "5550100"));
        records.add(record(node, "b", t0.plusSeconds(60), "sales", null, Disposition.ABANDONED, "5550101"));
        records.add(record(node, "c", t0.plusSeconds(120), "support", "Agent Two", Disposition.ANSWERED, "5550102"));
        writer.write(records);
        return node;
    }

    private static CallRecord record(String node, String id, Instant start, String queue, String agent,
                                     Disposition d, String caller) {
        Instant answered = agent == null ? null : start.plusSeconds(5);
        return new CallRecord(node + ":" + id, node, "asterisk", id, Direction.INBOUND, caller, "Caller", null, queue,
                agent, agent == null ? null : "Local/x@agents/n", start, start.plusSeconds(1), answered,
                start.plusSeconds(30), 4000, agent == null ? 0 : 25000, 0, d, 16, "Normal Clearing", null, List.of(),
                List.of(), Map.of(), List.of());
    }

    @Test
    void filtersNarrowTheList() throws Exception {
        String node = seed();
        ApiUsers.reader().queryParam("node", node).get("/api/v1/calls").then().statusCode(200)
                .body("items.pbxCallId", equalTo(List.of("c", "b", "a"))).body("next", equalTo(null));
        ApiUsers.reader().queryParam("node", node).queryParam("queue", "support").get("/api/v1/calls").then()
                .body("items.pbxCallId", equalTo(List.of("c", "a")));
        ApiUsers.reader().queryParam("node", node).queryParam("agent", "Agent Two").get("/api/v1/calls").then()
                .body("items.pbxCallId", equalTo(List.of("c")));
        ApiUsers.reader().queryParam("node", node).queryParam("disposition", "abandoned").get("/api/v1/calls").then()
                .body("items.pbxCallId", equalTo(List.of("b")));
        ApiUsers.reader().queryParam("node", node).queryParam("caller", "5550100").get("/api/v1/calls").then()
                .body("items.pbxCallId", equalTo(List.of("a")));
        ApiUsers.reader().queryParam("node", node).queryParam("from", "2026-11-20T09:01:00Z")
                .queryParam("to", "2026-11-20T09:02:00Z").get("/api/v1/calls").then()
                .body("items.pbxCallId", equalTo(List.of("b")));
        ApiUsers.reader().queryParam("node", node).get("/api/v1/calls").then()
                .body("items[2].waitSeconds", equalTo(4.0f)).body("items[2].talkSeconds", equalTo(25.0f))
                .body("items[2].startedAt", equalTo("2026-11-20T09:00:00Z"));
    }

    @Test
    void cursorPagingVisitsEveryCallOnceNewestFirst() throws Exception {
        String node = seed();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = ApiUsers.reader().queryParam("node", node).queryParam("limit", 1)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/calls").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.pbxCallId"));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(seen).containsExactly("c", "b", "a");
    }

    @Test
    void badRequestsGetA400WithAMessage() {
        ApiUsers.reader().queryParam("disposition", "LOST").get("/api/v1/calls").then().statusCode(400)
                .body("status", equalTo(400)).body("message", containsString("ANSWERED"));
        ApiUsers.reader().queryParam("from", "yesterday").get("/api/v1/calls").then().statusCode(400)
                .body("message", containsString("ISO-8601"));
        ApiUsers.reader().queryParam("from", "2026-11-21T00:00:00Z").queryParam("to", "2026-11-20T00:00:00Z")
                .get("/api/v1/calls").then().statusCode(400).body("message", containsString("before"));
        ApiUsers.reader().queryParam("limit", 0).get("/api/v1/calls").then().statusCode(400)
                .body("details[0]", containsString("limit"));
        ApiUsers.reader().queryParam("limit", 501).get("/api/v1/calls").then().statusCode(400);
        ApiUsers.reader().queryParam("cursor", "%%%not-a-cursor").get("/api/v1/calls").then().statusCode(400)
                .body("message", containsString("cursor"));
    }

    @Test
    void unknownCallIs404Json() {
        ApiUsers.reader().get("/api/v1/calls/{id}", "nope:1.1").then().statusCode(404)
                .body("status", equalTo(404)).body("message", containsString("nope:1.1"));
    }

    @Test
    void activeCallsAndNodes() {
        ApiUsers.reader().get("/api/v1/calls/active").then().statusCode(200).body("$", notNullValue());
        Operators.supervisor().get("/api/v1/pbx/nodes").then().statusCode(200)
                .body("find { it.id == 'sim' }.type", equalTo("asterisk"))
                .body("find { it.id == 'sim' }", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
    }

    @Test
    void healthOpenApiAndPrometheus() {
        given().get(Operators.management("/q/health/ready")).then().body("checks.name", hasItem("pbx-nodes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/calls"));
        given().get(Operators.management("/q/metrics")).then().statusCode(200)
                .body(containsString("switchboard_pbx_events_received_total{node=\"sim\""))
                .body(containsString("switchboard_ingest_lag_seconds"))
                .body(containsString("switchboard_calls_active{node=\"sim\""));
    }
}
