package io.switchboard.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.Presence;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.InteractiveCall;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.switchboard.audit.AuditApi.agentBody;
import static io.switchboard.audit.AuditApi.as;
import static io.switchboard.audit.AuditApi.audit;
import static io.switchboard.audit.AuditApi.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** CTI actions on the simulated Asterisk land in the audit trail, and {@code /api/v1/cti/audit} reads them there. */
@QuarkusTest
class CtiAuditTrailTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    UserStore users;
    @Inject
    DemoSimulator demo;
    @Inject
    PbxRegistry registry;
    @Inject
    AgentPresence presence;

    @Test
    void aCtiActionLandsInTheTrailAndTheCtiAudit() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String admin = "aud-adm-" + run;
        String supervisor = "aud-sup-" + run;
        String otherAdmin = "aud-oth-" + run;
        users.save(admin, "pw-" + admin, Set.of(Roles.ADMIN), null, Set.of(), "default");
        users.save(supervisor, "pw-" + supervisor, Set.of(Roles.SUPERVISOR), null, Set.of("support"), "default");
        users.save(otherAdmin, "pw-" + otherAdmin, Set.of(Roles.ADMIN), null, Set.of(), "aud-t-" + run);
        String device = "7" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String agent = "aud-cti-" + run;
        as(admin).body(agentBody("Desk " + run, device)).put("/api/v1/agents/" + agent).then().statusCode(200);
        users.save(agent, "pw-" + agent, Set.of(Roles.AGENT), agent, Set.of(), "default");
        await().atMost(WAIT).until(() -> registry.control("sim").map(CallControl::connected).orElse(false));
        as(agent).post("/api/v1/agents/" + agent + "/login").then().statusCode(200);
        await().atMost(WAIT).until(() -> presenceOf(agent) == Presence.AVAILABLE);
        InteractiveCall call = demo.simulator().offer("support", "5550177", "Audit Caller", "PJSIP/" + device, Map.of());
        String callId = "sim:" + call.callId();
        await().atMost(WAIT).until(() -> presenceOf(agent) == Presence.RINGING);
        as(agent).post("/api/v1/cti/calls/" + callId + "/answer").then().statusCode(200);
        await().atMost(WAIT).until(() -> presenceOf(agent) == Presence.ON_CALL);
        as(agent).post("/api/v1/cti/calls/" + callId + "/hangup").then().statusCode(200)
                .body("outcome", equalTo("ok"));
        // a try on a call that is not there is refused, and recorded as such
        as(admin).post("/api/v1/cti/calls/" + callId + "-nope/hangup").then().statusCode(404);

        List<Map<String, Object>> hangups = await().atMost(WAIT).until(() -> audit(admin, Map.of("actor", agent,
                "action", "cti.hangup")).getList("items"), l -> !l.isEmpty());
        Map<String, Object> hangup = hangups.getFirst();
        assertThat(hangup).containsEntry("tenant", "default").containsEntry("targetType", "call")
                .containsEntry("targetId", callId).containsEntry("agentId", agent).containsEntry("outcome", "ok");
        assertThat(map(hangup.get("after"))).containsEntry("node", "sim").containsEntry("outcome", "ok");
        List<Map<String, Object>> refused = await().atMost(WAIT).until(() -> audit(admin, Map.of("actor", admin,
                "action", "cti.")).getList("items"), l -> !l.isEmpty());
        assertThat(refused.getFirst()).containsEntry("action", "cti.hangup").containsEntry("outcome", "refused");
        assertThat(map(refused.getFirst().get("after"))).containsEntry("outcome", "not-found");
        // a CTI prefix finds the agent's actions and no admin change
        assertThat(audit(admin, Map.of("actor", agent, "action", "cti.")).getList("items.action", String.class))
                .contains("cti.login", "cti.answer", "cti.hangup").allMatch(a -> a.startsWith("cti."));

        // the CTI audit reads the same trail
        as(supervisor).queryParam("agent", agent).get("/api/v1/cti/audit").then().statusCode(200)
                .body("action", hasItem("hangup"))
                .body("find { it.action == 'hangup' }.callId", equalTo(callId))
                .body("find { it.action == 'hangup' }.node", equalTo("sim"))
                .body("find { it.action == 'hangup' }.outcome", equalTo("ok"));
        // another tenant sees none of it
        assertThat(audit(otherAdmin, Map.of("actor", agent)).getList("items")).isEmpty();
        as(otherAdmin).queryParam("agent", agent).get("/api/v1/cti/audit").then().statusCode(200)
                .body("size()", equalTo(0));
        as(agent).post("/api/v1/agents/" + agent + "/logout").then().statusCode(200);
    }

    private Presence presenceOf(String agent) {
        return presence.status(agent).map(s -> s.presence()).orElse(null);
    }
}
