package io.switchboard.it;

import io.switchboard.testing.ApiUsers;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentPush;
import io.switchboard.agents.AgentRoster;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The agent desktop in a real browser (Debian's Chromium, headless): sign-in, the state badge
 * following the agent's real state, state controls reaching the server, screen-pop cards with the
 * controls their status allows, and wrap-up.
 *
 * <p>Apart from the demo login, the checks use an agent of their own on the simulated Asterisk
 * node, which no simulated call ever reaches: nothing else changes its state meanwhile.
 */
@QuarkusTest
class AgentDesktopBrowserTest {

    private static final String AGENT = "desktest";
    private static final String PASSWORD = "desk-test-secret";
    private static final String MEMBER = "Local/desktest@agents/n";
    private static final String QUEUE = "support";
    private static final String ADMIN = "desk-admin-default";
    private static final String ADMIN_PASSWORD = "pw-" + ADMIN;

    @Inject
    DemoSimulator demo;
    @Inject
    AgentPush push;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    UserStore users;
    @Inject
    AgroalDataSource db;
    @Inject
    io.switchboard.pbx.PbxRegistry pbx;

    @TestHTTPResource("/agent")
    URL page;

    @BeforeEach
    void agentOfItsOwn() {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(30))).isTrue();
        // the default tenant's: the test profile's queue 'support' names no tenant, so its calls are that tenant's
        Agent agent = new Agent(AGENT, "Dana Desk", "default", List.of(QUEUE), List.of(QUEUE),
                Map.of("sim", new AgentEndpoint("sim", MEMBER, "PJSIP/" + AGENT, AGENT)));
        roster.save(agent);
        presence.defined(agent);
        users.save(AGENT, PASSWORD, Set.of(Roles.AGENT), AGENT, Set.of(), "default");
        users.save(ADMIN, ADMIN_PASSWORD, Set.of(Roles.ADMIN), null, Set.of(), "default");
        // Out of the queue, on the PBX and as it reports it: every check starts logged out.
        pbx.control("sim").orElseThrow().execute(new io.switchboard.pbx.PbxCommand.QueueLogout(
                agent.endpoints().get("sim"), QUEUE), Duration.ofSeconds(5)).join();
        member("QueueMemberRemoved", false, null);
        awaitPresence(AGENT, "LOGGED_OUT");
    }

    @Test
    void theDemoAgentSignsInSeesItsStateAndSignsOut() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 900)) {
            DeskPage desk = new DeskPage(chromium);
            desk.open(page.toString());

            desk.signIn("agent1", "not-the-password");
            desk.await("the refusal", p -> p.path("alerts").toString().contains("Wrong user name or password"));
            assertThat(desk.probe().path("signedIn").asBoolean()).isFalse();

            desk.fill("Password", "agent1");
            desk.click("Sign in");
            JsonNode shown = desk.await("agent1's desk with its real state", p -> "live".equals(p.path("mode").asText())
                    && p.path("presence").asText().equals(presenceOf("agent1")));
            assertThat(shown.path("agent").asText()).isEqualTo("Agent 1");
            assertThat(shown.path("inState").asText()).matches("\\d+:\\d\\d(:\\d\\d)?");

            // A dropped socket comes back by itself, with a fresh hello.
            desk.evaluate("""
                    (() => { const connection = document.querySelector('desk-app').connection;
                      window.modes = [];
                      connection.addEventListener('status', (e) => window.modes.push(e.detail.mode));
                      connection.socket.close(); })()""");
            await("reconnect").atMost(DeskPage.PAGE_WAIT).until(
                    () -> desk.evaluate("JSON.stringify(window.modes)").asText(),
                    modes -> modes.contains("reconnecting") && modes.endsWith("\"live\"]"));

            desk.click("Sign out");
            desk.await("the sign-in form again", p -> p.path("loginForm").asBoolean() && !p.path("signedIn").asBoolean());
            // The cookie is gone: the server no longer knows this browser.
            assertThat(desk.evaluate("fetch('/api/v1/session').then((r) => r.json()).then((s) => s.authenticated)")
                    .asBoolean()).isFalse();

            // A session that ends behind the page's back (another tab signed out) brings the form back.
            desk.signInLive("agent1", "agent1");
            desk.evaluate("""
                    fetch('/api/v1/session/logout', { method: 'POST' })
                      .then(() => document.querySelector('desk-app').connection.socket.close())""");
            shown = desk.await("the sign-in form after the session ended", p -> p.path("loginForm").asBoolean());
            assertThat(desk.evaluate("document.querySelector('sign-in-form .notice')?.textContent ?? ''").asText())
                    .contains("session has ended");
        }
    }

    @Test
    void stateControlsReachTheServerAndTheBadgeFollowsThePbx() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 900)) {
            DeskPage desk = new DeskPage(chromium);
            desk.open(page.toString());
            JsonNode shown = desk.signInLive(AGENT, PASSWORD);
            shown = desk.await("logged out", p -> "LOGGED_OUT".equals(p.path("presence").asText()));
            assertThat(shown.path("agent").asText()).isEqualTo("Dana Desk");
            assertThat(shown.path("buttons").path("Log in").asBoolean()).isTrue();
            assertThat(shown.path("buttons").path("Pause").asBoolean()).isFalse();

            desk.click("Log in");
            awaitAudit(start, "login");
            // The PBX adds the member: the state comes from its events, not from the button.
            member("QueueMemberAdded", false, null);
            shown = desk.await("ready", p -> "AVAILABLE".equals(p.path("presence").asText()));
            assertThat(shown.path("badge").asText()).isEqualTo("Ready");
            assertThat(shown.path("buttons").path("Ready").asBoolean()).isFalse();

            desk.fill("Pause reason", "lunch");
            desk.click("Pause");
            AuditRow pause = awaitAudit(start, "pause");
            if (!"ok".equals(pause.outcome())) {
                // the PBX's refusal is shown where the agent clicked
                desk.await("the pause refusal", p -> p.path("alerts").toString().contains("Pause failed"));
            }
            member("QueueMemberPause", true, "lunch");
            shown = desk.await("paused for lunch", p -> "PAUSED".equals(p.path("presence").asText()));
            assertThat(shown.path("badge").asText()).isEqualTo("Paused · Lunch");

            desk.click("Ready");
            awaitAudit(start, "unpause");
        }
    }

    @Test
    void thePopCardFollowsTheCallAndWrapUpTakesADisposition() throws Exception {
        String callId = "desk-" + UUID.randomUUID();
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 900)) {
            DeskPage desk = new DeskPage(chromium);
            desk.open(page.toString());
            desk.signInLive(AGENT, PASSWORD);
            desk.await("no call", p -> p.path("card").isNull());

            push.push(AGENT, "card", "card", card(callId, 1, "RINGING", "PENDING", false));
            JsonNode shown = desk.await("the ringing card", p -> "RINGING".equals(p.path("card").path("status").asText()));
            JsonNode fields = shown.path("card").path("fields");
            assertThat(fields.path("callerNumber").asText()).isEqualTo("+49301234567");
            assertThat(fields.path("callerName").asText()).isEqualTo("E. Mustermann");
            assertThat(fields.path("queue").asText()).isEqualTo(QUEUE);
            assertThat(fields.path("wait").asText()).isEqualTo("0:42");
            assertThat(fields.path("intent").asText()).isEqualTo("billing");
            assertThat(fields.path("accountId").asText()).isEqualTo("A-7731");
            assertThat(fields.path("language").asText()).isEqualTo("de");
            assertThat(shown.path("card").path("customer").asText()).isEqualTo("pending");
            assertThat(shown.path("card").path("customerText").asText()).contains("loading…");
            assertThat(shown.path("buttons").path("Answer").asBoolean()).isTrue();
            assertThat(shown.path("buttons").path("Hold").asBoolean()).isFalse();
            assertThat(shown.path("buttons").path("Hang up").asBoolean()).isFalse();

            push.push(AGENT, "card", "card", card(callId, 2, "TALKING", "FOUND", true));
            shown = desk.await("the answered, enriched card", p -> "TALKING".equals(p.path("card").path("status").asText()));
            assertThat(shown.path("card").path("fields").path("customerName").asText()).isEqualTo("Erika Mustermann");
            assertThat(shown.path("card").path("fields").path("vip").asText()).isEqualTo("VIP");
            assertThat(shown.path("buttons").path("Hold").asBoolean()).isTrue();
            assertThat(shown.path("buttons").path("Hang up").asBoolean()).isTrue();
            assertThat(shown.path("buttons").path("Transfer").asBoolean()).isTrue();
            assertThat(shown.path("buttons").path("Consult").asBoolean()).isTrue();
            assertThat(shown.path("buttons").path("Answer").asBoolean()).isFalse();

            // An update that was overtaken changes nothing; a second call shows, with the first one a click away.
            String second = "desk-" + UUID.randomUUID();
            push.push(AGENT, "card", "card", card(callId, 1, "RINGING", "PENDING", false));
            push.push(AGENT, "card", "card", card(second, 1, "RINGING", "UNAVAILABLE", true));
            shown = desk.await("the second call", p -> second.equals(p.path("card").path("callId").asText()));
            assertThat(shown.path("card").path("customer").asText()).isEqualTo("unavailable");
            assertThat(shown.path("card").path("customerText").asText()).contains("directory unavailable");
            desk.click("Show call from +49301234567");
            shown = desk.await("the first call again", p -> callId.equals(p.path("card").path("callId").asText()));
            assertThat(shown.path("card").path("status").asText()).isEqualTo("TALKING");

            // The server knows no such call: its refusal is shown on the card.
            desk.click("Hold");
            desk.await("the hold refusal", p -> p.path("alerts").toString().contains("Hold failed")
                    && p.path("alerts").toString().contains("(404)"));

            // Consult, then cancel: the PBX is not part of this check, the page's own handling is
            // (requests are recorded and answered as the server would answer a successful one).
            desk.evaluate("""
                    (() => { const connection = document.querySelector('desk-app').connection;
                      window.sent = [];
                      connection.request = (action, params) => {
                        window.sent.push({ action, ...params });
                        return Promise.resolve({ action, callId: params.callId, outcome: 'ok' });
                      }; })()""");
            desk.fill("Transfer destination", "2040");
            desk.click("Consult");
            shown = desk.await("the consultation", p -> p.path("buttons").path("Complete transfer").asBoolean());
            assertThat(shown.path("card").path("fields").path("consulting").asText()).isEqualTo("2040");
            assertThat(shown.path("buttons").path("Transfer").asBoolean()).isFalse();
            assertThat(shown.path("buttons").path("Cancel transfer").asBoolean()).isTrue();
            desk.click("Cancel transfer");
            shown = desk.await("the consultation over", p -> p.path("buttons").path("Consult").asBoolean());
            assertThat(shown.path("buttons").has("Complete transfer")).isFalse();
            assertThat(desk.evaluate("JSON.stringify(window.sent)").asText()).isEqualTo(
                    "[{\"action\":\"attended-transfer\",\"callId\":\"" + callId + "\",\"destination\":\"2040\"},"
                            + "{\"action\":\"attended-transfer-cancel\",\"callId\":\"" + callId + "\"}]");
            desk.evaluate("(() => { const c = document.querySelector('desk-app').connection; delete c.request; })()");

            Instant now = Instant.now();
            Map<String, Object> wrapUp = new LinkedHashMap<>();
            wrapUp.put("agentId", AGENT);
            wrapUp.put("presence", "WRAP_UP");
            wrapUp.put("since", now.toString());
            wrapUp.put("callId", callId);
            wrapUp.put("wrapUpUntil", now.plusSeconds(60).toString());
            wrapUp.put("paused", false);
            push.push(AGENT, "state", "state", wrapUp);
            shown = desk.await("the wrap-up panel", p -> p.path("wrapUp").asBoolean());
            assertThat(shown.path("presence").asText()).isEqualTo("WRAP_UP");
            assertThat(shown.path("buttons").path("Done").asBoolean()).isFalse();
            desk.fill("Disposition", "follow-up");
            desk.fill("Wrap-up note", "refund promised by Friday");
            desk.await("Done enabled", p -> p.path("buttons").path("Done").asBoolean());
            desk.click("Done");
            await("the disposition saved").atMost(Duration.ofSeconds(30))
                    .until(() -> disposition(callId), d -> d.equals("follow-up|refund promised by Friday"));
        }
    }

    /** A real call from the simulated Asterisk: the page pops it, answers, holds and hangs up through the PBX. */
    @Test
    void theSimulatorRingsTheAgentAndThePageControlsTheCall() throws Exception {
        io.switchboard.cti.Customers.seed(db, "default", "C-DESK", "Erika Mustermann", "+4930555012", "T-DESK");
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 900)) {
            DeskPage desk = new DeskPage(chromium);
            desk.open(page.toString());
            desk.signInLive(AGENT, PASSWORD);
            desk.click("Log in");
            desk.await("ready", p -> "AVAILABLE".equals(p.path("presence").asText()));

            var call = demo.simulator().offer(QUEUE, "+4930555012", "Erika Mustermann", MEMBER,
                    Map.of("INTENT", "billing", "CUSTOMER_ID", "C-DESK", "LANGUAGE", "de"));
            String callId = "sim:" + call.callId();
            JsonNode shown = desk.await("the ringing, enriched card", p -> callId.equals(p.path("card").path("callId").asText())
                    && "RINGING".equals(p.path("card").path("status").asText())
                    && "found".equalsIgnoreCase(p.path("card").path("customer").asText()));
            assertThat(shown.path("card").path("customerText").asText()).contains("Erika Mustermann");
            assertThat(shown.path("presence").asText()).isEqualTo("RINGING");
            assertThat(shown.path("buttons").path("Answer").asBoolean()).isTrue();

            int mark = demo.simulator().receivedActions().size();
            desk.click("Answer");
            desk.await("talking", p -> "TALKING".equals(p.path("card").path("status").asText())
                    && "ON_CALL".equals(p.path("presence").asText()));
            assertThat(demo.simulator().receivedActions().subList(mark, demo.simulator().receivedActions().size()))
                    .anySatisfy(a -> assertThat(a.get("Action")).isEqualTo("PJSIPNotify"));

            desk.click("Hold");
            desk.await("held", p -> "HELD".equals(p.path("card").path("status").asText()));
            await("the PBX holds").atMost(DeskPage.PAGE_WAIT)
                    .until(() -> call.state() == io.switchboard.simulator.InteractiveCall.State.HELD);
            desk.click("Unhold");
            desk.await("talking again", p -> "TALKING".equals(p.path("card").path("status").asText()));

            desk.click("Hang up");
            desk.await("wrap-up", p -> p.path("wrapUp").asBoolean() && "WRAP_UP".equals(p.path("presence").asText()));
            await("the PBX ends the call").atMost(DeskPage.PAGE_WAIT)
                    .until(() -> call.state() == io.switchboard.simulator.InteractiveCall.State.ENDED);
        }
    }

    @Test
    void servesThePageAndTheSession() {
        given().get("/agent").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<desk-app>"), containsString("/static/bundle/agent"));
        given().get("/api/v1/session").then().statusCode(200).body("authenticated", equalTo(false));
        // No Basic challenge: a browser would answer it with its own password dialog.
        given().formParam("j_username", AGENT).formParam("j_password", "wrong").post("/j_security_check")
                .then().statusCode(401).header("WWW-Authenticate", nullValue());

        Response login = given().formParam("j_username", AGENT).formParam("j_password", PASSWORD)
                .post("/j_security_check");
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.getCookie("quarkus-credential");
        assertThat(cookie).isNotBlank();
        given().cookie("quarkus-credential", cookie).get("/api/v1/session").then().statusCode(200)
                .body("authenticated", equalTo(true), "user", equalTo(AGENT), "agentId", equalTo(AGENT));
        Response logout = given().cookie("quarkus-credential", cookie).post("/api/v1/session/logout");
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.getHeaders().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("quarkus-credential=").containsIgnoringCase("Max-Age=0"));
    }

    /**
     * Only on request ({@code -Dagent.screenshot=docs/agent-desktop.png}): the demo's first agent
     * on a call with a known customer, a few calls behind it, captured at 1440×900.
     */
    @Test
    @EnabledIfSystemProperty(named = "agent.screenshot", matches = ".+")
    void screenshot() throws Exception {
        new WallboardCalls(demo.simulator()).play(QUEUE, 9, 0); // agents 1, 2 and 3 take three each
        await("agent1's calls recorded").atMost(Duration.ofSeconds(30)).until(() -> ApiUsers.reader()
                .queryParam("agent", "Local/agent1@agents/n").get("/api/v1/calls").then().extract()
                .jsonPath().getList("items").size() >= 3);
        io.switchboard.cti.Customers.seed(db, "default", "C-1001", "Erika Mustermann", "+4930555019", "T-4711");
        presence.wrapUpDone("agent1"); // the played calls left agent1 in wrap-up
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 900)) {
            DeskPage desk = new DeskPage(chromium);
            desk.open(page.toString());
            desk.signInLive("agent1", "agent1");
            desk.await("recent calls", p -> p.path("recent").size() >= 3);
            if ("LOGGED_OUT".equals(desk.probe().path("presence").asText())) {
                desk.click("Log in");
                desk.await("ready", p -> "AVAILABLE".equals(p.path("presence").asText()));
            }
            // a real call from the simulated Asterisk, answered from the page
            var call = demo.simulator().offer(QUEUE, "+4930555019", "Erika Mustermann", "Local/agent1@agents/n",
                    Map.of("INTENT", "billing", "CUSTOMER_ID", "C-1001", "ACCOUNT_ID", "A-7731", "LANGUAGE", "de"));
            desk.await("the ringing card", p -> "RINGING".equals(p.path("card").path("status").asText())
                    && "found".equalsIgnoreCase(p.path("card").path("customer").asText()));
            desk.click("Answer");
            desk.await("the card", p -> "TALKING".equals(p.path("card").path("status").asText())
                    && "ON_CALL".equals(p.path("presence").asText()));
            desk.fill("Transfer destination", "2040");
            Path file = Path.of(System.getProperty("agent.screenshot"));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, desk.screenshot());
            call.hangupCaller();
        }
    }

    /** A pop card as the screen-pop service sends it. */
    private static Map<String, Object> card(String callId, long seq, String status, String customerStatus,
                                            boolean enriched) {
        Instant offered = Instant.now().minusSeconds(5);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("INTENT", "billing");
        variables.put("CUSTOMER_ID", "C-1001");
        variables.put("ACCOUNT_ID", "A-7731");
        variables.put("LANGUAGE", "de");
        variables.put("CALL_TYPE", "invoice-question");
        Map<String, Object> ivr = new LinkedHashMap<>();
        ivr.put("variables", variables);
        ivr.put("intent", "billing");
        ivr.put("customerId", "C-1001");
        ivr.put("accountId", "A-7731");
        ivr.put("language", "de");
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("callId", callId);
        card.put("node", "sim");
        card.put("seq", seq);
        card.put("status", status);
        card.put("agentId", AGENT);
        card.put("callerNumber", "+49301234567");
        card.put("callerName", "E. Mustermann");
        card.put("queue", QUEUE);
        card.put("queuedAt", offered.minusSeconds(42).toString());
        card.put("offeredAt", offered.toString());
        card.put("answeredAt", status.equals("RINGING") ? null : offered.plusSeconds(3).toString());
        card.put("waitSeconds", 42.0);
        card.put("ivr", ivr);
        card.put("customer", customerStatus.equals("FOUND") ? Map.of("id", "C-1001", "name", "Erika Mustermann",
                "segment", "business", "vip", true, "accountId", "A-7731", "language", "de",
                "notes", "Prefers e-mail. Invoice dispute open since March.", "extra", Map.of("contract", "Business Plus"))
                : null);
        card.put("customerStatus", customerStatus);
        card.put("recentCalls", enriched ? List.of(
                Map.of("callId", "c-1", "startedAt", offered.minus(2, ChronoUnit.DAYS).toString(), "queue", QUEUE,
                        "agent", "Agent 3", "disposition", "ANSWERED", "talkSeconds", 312.0),
                Map.of("callId", "c-2", "startedAt", offered.minus(9, ChronoUnit.DAYS).toString(), "queue", "billing",
                        "agent", "Agent 2", "disposition", "ABANDONED", "talkSeconds", 0.0)) : List.of());
        card.put("openTickets", enriched ? List.of(Map.of("id", "T-4711", "subject", "Invoice 2026-03 disputed",
                "status", "open", "createdAt", offered.minus(20, ChronoUnit.DAYS).toString())) : List.of());
        card.put("enriched", enriched);
        return card;
    }

    /** A queue member event for this test's agent, as the simulated Asterisk would send it. */
    private void member(String event, boolean paused, String reason) {
        demo.simulator().emit(AmiFrame.of("Event", event, "Privilege", "agent,all", "Queue", QUEUE,
                "MemberName", "Dana Desk", "Interface", MEMBER, "StateInterface", MEMBER, "Membership", "dynamic",
                "Penalty", "0", "CallsTaken", "0", "InCall", "0", "Status", "1", "Paused", paused ? "1" : "0",
                "PausedReason", reason == null ? "" : reason));
    }

    /** As an admin of the agent's tenant: this test's agent is the default tenant's, the demo's agents the demo's. */
    private static String presenceOf(String agent) {
        boolean ours = AGENT.equals(agent);
        return given().auth().preemptive().basic(ours ? ADMIN : "admin", ours ? ADMIN_PASSWORD : "admin")
                .get("/api/v1/agents/{id}", agent)
                .then().statusCode(200).extract().jsonPath().getString("status.presence");
    }

    private static void awaitPresence(String agent, String expected) {
        await(agent + " " + expected).atMost(Duration.ofSeconds(30)).until(() -> presenceOf(agent), expected::equals);
    }

    record AuditRow(String action, String outcome, String message) {
    }

    /** Waits for the audit of this test's agent to hold the action since {@code start}. */
    private static AuditRow awaitAudit(Instant start, String action) {
        List<Map<String, Object>> rows = await("audited " + action).atMost(Duration.ofSeconds(30)).until(
                () -> given().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD).queryParam("agent", AGENT)
                        .queryParam("since", start.toString()).get("/api/v1/cti/audit")
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> list.stream().anyMatch(r -> action.equals(r.get("action")) && AGENT.equals(r.get("username"))));
        Map<String, Object> row = rows.stream().filter(r -> action.equals(r.get("action"))).findFirst().orElseThrow();
        return new AuditRow(action, String.valueOf(row.get("outcome")), String.valueOf(row.get("message")));
    }

    private String disposition(String callId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select code, note from call_dispositions where call_id = ? and agent_id = ?")) {
            ps.setString(1, callId);
            ps.setString(2, AGENT);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + "|" + rs.getString(2) : "";
            }
        }
    }
}
