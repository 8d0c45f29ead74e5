package io.switchboard.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.AmiTrace;
import io.switchboard.simulator.PlayOptions;
import io.switchboard.simulator.TraceRewriter;
import io.switchboard.simulator.esl.EslTrace;
import io.switchboard.simulator.esl.EslTraceRewriter;
import io.switchboard.workflow.alerts.AlertContact;
import io.switchboard.workflow.alerts.Alerts;
import io.switchboard.workflow.alerts.Delivery;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full run with DEBUG logging everywhere that matters: both collectors log in to their
 * simulators, calls flow and are recorded, logins fail and succeed (Basic and form), a CTI command
 * goes to a PBX, alerts are delivered (and fail); then no secret appears anywhere in the log.
 */
@QuarkusTest
@TestProfile(SecretsProfile.class)
class SecretsNotLoggedTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String USER = "sec-" + RUN;
    private static final String PASSWORD = "user-password-" + RUN;
    private static final String WRONG_PASSWORD = "wrong-password-" + RUN;
    private static final String AGENT_PASSWORD = "agent-password-" + RUN;
    private static final String FS_DEVICE = "8" + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 999_999);

    @Inject
    DemoSimulator demo;
    @Inject
    UserStore users;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    Alerts alerts;
    @Inject
    AgroalDataSource db;

    @Test
    void noSecretReachesTheLog() throws Exception {
        users.save(USER, PASSWORD, Set.of(Roles.ADMIN), null, Set.of(), "default");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive().basic(USER, PASSWORD)
                .get("/api/v1/pbx/nodes").jsonPath().getList("findAll { it.state == 'CONNECTED' }.id"),
                ids -> ids.containsAll(List.of("sim", "fssim")));

        // calls on both PBXs, recorded
        long amiBefore = records("sim");
        long fsBefore = records("fssim");
        demo.simulator().play(new TraceRewriter().rewrite(AmiTrace.load("simulator/asterisk/queue-calls.ami").frames()),
                PlayOptions.fullSpeed()).done().join();
        demo.eslSimulator().play(EslTraceRewriter.rewrite(EslTrace.load("simulator/freeswitch/callcenter-plain.esl")),
                PlayOptions.fullSpeed()).done().join();
        await().atMost(Duration.ofSeconds(30)).until(() -> records("sim") > amiBefore && records("fssim") > fsBefore);

        // logins: Basic and form, failed and successful
        given().auth().preemptive().basic(USER, WRONG_PASSWORD).get("/api/v1/session").then().statusCode(401);
        given().auth().preemptive().basic(USER, PASSWORD).get("/api/v1/session").then().statusCode(200);
        given().formParam("j_username", USER).formParam("j_password", WRONG_PASSWORD).post("/j_security_check")
                .then().statusCode(401);
        given().formParam("j_username", USER).formParam("j_password", PASSWORD).post("/j_security_check")
                .then().statusCode(200);

        // a CTI command on each PBX: click-to-dial from an agent's phone
        for (Map.Entry<String, AgentEndpoint> phone : Map.of(
                "sim", new AgentEndpoint("sim", "PJSIP/sec" + RUN, "PJSIP/sec" + RUN, "sec" + RUN),
                "fssim", new AgentEndpoint("fssim", FS_DEVICE, "user/" + FS_DEVICE, FS_DEVICE)).entrySet()) {
            String agent = "sec-" + phone.getKey() + "-" + RUN;
            Agent a = new Agent(agent, "Secret " + phone.getKey(), "default", List.of(), List.of("support"),
                    Map.of(phone.getKey(), phone.getValue()));
            roster.save(a);
            presence.defined(a);
            users.save(agent, AGENT_PASSWORD, Set.of(Roles.AGENT), agent, Set.of(), "default");
            int status = given().auth().preemptive().basic(agent, AGENT_PASSWORD).contentType(ContentType.JSON)
                    .body(Map.of("destination", "5551234", "node", phone.getKey())).post("/api/v1/cti/dial")
                    .statusCode();
            assertThat(status).as("dial on " + phone.getKey()).isBetween(200, 599).isNotIn(401, 403);
        }

        // alert deliveries: the webhook with its token in the URL, the SMS gateway with its key
        AlertContact to = new AlertContact("default", USER, "Secret Tester", null, "+15550100", null, null, "ops", Set.of());
        Delivery hook = alerts.test("webhook", to, "secrets test").toCompletableFuture().get();
        Delivery sms = alerts.test("sms", to, "secrets test").toCompletableFuture().get();
        assertThat(hook.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(sms.status()).isEqualTo(Delivery.Status.FAILED);

        // whatever logs a configured secret anyway is masked by the handlers' filter
        org.jboss.logging.Logger.getLogger("io.switchboard.it.secrets").infof(
                new IllegalStateException("refused key " + SecretsProfile.SMS_KEY),
                "masked on purpose: %s", SecretsProfile.AMI_SECRET);

        Path file = Path.of(SecretsProfile.LOG_FILE);
        String log = Files.readString(file, StandardCharsets.UTF_8);
        // the log saw the whole path, at DEBUG, from the libraries too
        assertThat(log).contains("AMI node sim connected").contains("DEBUG [org.asteriskjava")
                .contains("test alert through webhook").contains("test alert through sms")
                .contains("masked on purpose: ****").contains("IllegalStateException: refused key ****")
                .doesNotContain("Switchboard demo (dev mode only)"); // the demo logins are printed in dev mode only
        for (String secret : List.of(SecretsProfile.AMI_SECRET, SecretsProfile.ESL_PASSWORD, SecretsProfile.SESSION_KEY,
                SecretsProfile.HOOK_TOKEN, SecretsProfile.SMS_KEY, PASSWORD, WRONG_PASSWORD, AGENT_PASSWORD)) {
            assertThat(log).as("log file " + file + " must not contain " + secret).doesNotContain(secret);
        }
    }

    private long records(String node) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from call_records where node = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
