package io.switchboard.audit;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Requests of the audit tests: users whose password is {@code pw-<user>}. */
final class AuditApi {

    private AuditApi() {
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, "pw-" + user).contentType(ContentType.JSON);
    }

    /** The trail as {@code user} sees it, with these query parameters. */
    static JsonPath audit(String user, Map<String, ?> params) {
        return as(user).queryParams(params).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** An agent in queue support with a PJSIP phone on the simulated Asterisk. */
    static Map<String, Object> agentBody(String name, String device) {
        return Map.of("name", name, "queues", List.of("support"), "endpoints", List.of(Map.of("node", "sim",
                "memberInterface", "PJSIP/" + device, "dial", "PJSIP/" + device, "device", device)));
    }
}
