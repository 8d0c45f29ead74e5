package io.switchboard.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad request bodies answer 400 with the error JSON (never 500), oversize ones 413. */
@QuarkusTest
class RequestLimitsTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ADMIN = "lim-admin-" + RUN;
    private static final String AGENT = "lim-agent-" + RUN;
    private static final String PASSWORD = "lim-pw-" + RUN;

    @Inject
    UserStore users;

    @BeforeEach
    void users() {
        users.save(ADMIN, PASSWORD, Set.of(Roles.ADMIN), null, Set.of(), "default");
        users.save(AGENT, PASSWORD, Set.of(Roles.AGENT), AGENT, Set.of(), "default");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON          | agent | /api/v1/cti/dial                  | {\"destination\": ",
            "not an object           | agent | /api/v1/cti/dial                  | [1,2]",
            "wrong type              | admin | /api/v1/routing/override          | {\"tenant\":\"t\",\"level\":\"high\",\"minutes\":5,\"reason\":\"r\"}",
            "required field missing  | agent | /api/v1/cti/dial                  | {}",
            "CR/LF bound for the PBX | agent | /api/v1/cti/dial                  | {\"destination\":\"100\\r\\nAction: Originate\"}",
            "CR/LF in a transfer     | agent | /api/v1/cti/calls/x/transfer      | {\"destination\":\"200\",\"context\":\"a\\nb\"}",
            "bad agent id            | agent | /api/v1/cti/dial                  | {\"destination\":\"100\",\"agentId\":\"a b;c\"}",
            "field too long          | agent | /api/v1/tickets                   | {\"kind\":\"@K65@\",\"subject\":\"s\"}",
            "too many variables      | admin | /api/v1/routing/decide            | {\"node\":\"sim\",\"variables\":{@VARS101@}}"})
    void badBodiesAnswer400WithAMessage(String name, String who, String path, String body) {
        Response r = given().auth().preemptive().basic(who.equals("admin") ? ADMIN : AGENT, PASSWORD)
                .contentType("application/json").body(expand(body)).post(path);
        assertThat(r.statusCode()).as(name + ": " + r.asString()).isEqualTo(400);
        assertThat(r.contentType()).as(name + ": " + r.asString()).startsWith("application/json");
        assertThat(r.jsonPath().getString("status")).as(name + ": " + r.asString()).isEqualTo("400");
        assertThat(r.jsonPath().getString("message")).as(name).isNotBlank();
    }

    @Test
    void aWrongTypeNamesTheFieldNotTheValue() {
        Response r = given().auth().preemptive().basic(ADMIN, PASSWORD).contentType("application/json")
                .body("{\"tenant\":\"t\",\"level\":\"s3cret-looking\",\"minutes\":5,\"reason\":\"r\"}")
                .post("/api/v1/routing/override");
        r.then().statusCode(400);
        assertThat(r.jsonPath().getString("message")).contains("level").contains("Integer").doesNotContain("s3cret");
        assertThat(r.jsonPath().getList("details", String.class)).singleElement().asString().startsWith("line 1");
    }

    @Test
    void aBodyOverTheLimitAnswers413() {
        String big = "{\"destination\":\"" + "1".repeat(3 * 1024 * 1024) + "\"}";
        given().auth().preemptive().basic(AGENT, PASSWORD).contentType("application/json").body(big)
                .post("/api/v1/cti/dial").then().statusCode(413);
    }

    @Test
    void aBodyUnderTheLimitIsRead() {
        // 1.5 MB reaches the resource (and is refused there for its content, not its size)
        String body = "{\"destination\":\"" + "1".repeat(1536 * 1024) + "\"}";
        given().auth().preemptive().basic(AGENT, PASSWORD).contentType("application/json").body(body)
                .post("/api/v1/cti/dial").then().statusCode(400);
    }

    private static String expand(String body) {
        if (body.contains("@K65@")) {
            return body.replace("@K65@", "k".repeat(65));
        }
        if (body.contains("@VARS101@")) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 101; i++) {
                b.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":\"x\"");
            }
            return body.replace("@VARS101@", b);
        }
        return body;
    }
}
