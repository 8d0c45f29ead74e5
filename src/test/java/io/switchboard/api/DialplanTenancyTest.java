package io.switchboard.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.security.Roles;
import io.switchboard.security.TenantNodesProfile;
import io.switchboard.security.UserStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.switchboard.security.TenantUsers.as;
import static io.switchboard.security.TenantUsers.save;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Dialplans across tenants: another tenant's dialplan is not found by any endpoint and nothing of it
 * changes; deployments go only to the nodes of the caller's tenant ({@code fssim} is acme's here,
 * {@code sim} the default tenant's).
 */
@QuarkusTest
@TestProfile(TenantNodesProfile.class)
class DialplanTenancyTest {

    private static final String BASE = "/api/v1/dialplans/";
    private static final Path DEPLOYED = Path.of("target/dialplans-deployed");

    @Inject
    UserStore users;
    @Inject
    PbxRegistry registry;

    private String platformAdmin;
    private String acmeAdmin;
    private String otherAdmin;
    private String otherSupervisor;

    @BeforeEach
    void users() {
        platformAdmin = save(users, "dt-platform-admin", Roles.ADMIN, "default");
        acmeAdmin = save(users, "dt-acme-admin", Roles.ADMIN, TenantNodesProfile.ACME);
        otherAdmin = save(users, "dt-globex-admin", Roles.ADMIN, "globex");
        otherSupervisor = save(users, "dt-globex-super", Roles.SUPERVISOR, "globex");
    }

    private static String fresh(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static Map<String, Object> update(String type, String content, int expected) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", type);
        m.put("content", content);
        m.put("expectedVersion", expected);
        return m;
    }

    private static String asterisk(String name, String queue) {
        return "[" + name + "]\nexten => s,1,Answer()\n same => n,Queue(" + queue + ",t)\n";
    }

    private static String freeswitch(String name) {
        return """
                <include>
                  <context name="%s">
                    <extension name="q">
                      <condition field="destination_number" expression="^q$">
                        <action application="transfer" data="q XML default"/>
                      </condition>
                    </extension>
                  </context>
                </include>
                """.formatted(name);
    }

    /** One request of another tenant's user and the status it must get (supervisors: 403 where only admins may). */
    private record Case(String what, Function<String, Response> request, int status, boolean adminOnly) {
        Case(String what, Function<String, Response> request, int status) {
            this(what, request, status, false);
        }
    }

    @Test
    void anotherTenantsDialplanIsNotFoundAndStaysAsItWas() {
        String name = fresh("dt-own");
        String path = BASE + name;
        as(platformAdmin).body(update("asterisk", asterisk(name, "support"), 0)).put(path).then().statusCode(200);
        as(platformAdmin).body(update("asterisk", asterisk(name, "sales"), 1)).put(path).then().statusCode(200);
        String history = as(platformAdmin).get(path + "/history").then().statusCode(200).extract().asString();

        List<Case> cases = List.of(
                new Case("get", u -> as(u).get(path), 404),
                new Case("get typed", u -> as(u).get(path + "?type=asterisk"), 404),
                new Case("get version", u -> as(u).get(path + "?type=asterisk&version=1"), 404),
                new Case("versions", u -> as(u).get(path + "/versions"), 404),
                new Case("versions typed", u -> as(u).get(path + "/versions?type=asterisk"), 404),
                new Case("history", u -> as(u).get(path + "/history"), 404),
                new Case("history typed", u -> as(u).get(path + "/history?type=asterisk"), 404),
                new Case("validate untyped", u -> as(u).body(Map.of("content", "[x]\n")).post(path + "/validate"), 404),
                new Case("deploy", u -> as(u).body(Map.of()).post(path + "/deploy"), 404, true),
                new Case("deploy version", u -> as(u).body(Map.of("version", 1)).post(path + "/deploy?type=asterisk"),
                        404, true),
                new Case("rollback", u -> as(u).body(Map.of("version", 1)).post(path + "/rollback"), 404, true),
                // its own namespace has no version 2 to edit: a conflict about its own (empty) dialplan
                new Case("save over", u -> as(u).body(update("asterisk", "[x]\n", 2)).put(path), 409, true));
        for (String user : List.of(otherAdmin, otherSupervisor)) {
            for (Case c : cases) {
                int expected = user.equals(otherSupervisor) && c.adminOnly() ? 403 : c.status();
                assertThat(c.request().apply(user).statusCode()).as(user + ": " + c.what()).isEqualTo(expected);
            }
            assertThat(as(user).get("/api/v1/dialplans").then().statusCode(200).extract().jsonPath()
                    .getList("name", String.class)).as(user + ": list").doesNotContain(name)
                    .doesNotContain("fixture-queues");
        }

        as(platformAdmin).get(path).then().statusCode(200).body("version", equalTo(2))
                .body("content", equalTo(asterisk(name, "sales")));
        as(platformAdmin).get(path + "/history").then().statusCode(200).body(equalTo(history));
        assertThat(DEPLOYED.resolve("sim").resolve(name + ".conf")).doesNotExist();
    }

    @Test
    void theSameNameInTwoTenantsIsTwoDialplans() {
        String name = fresh("dt-same");
        as(platformAdmin).body(update("asterisk", asterisk(name, "support"), 0)).put(BASE + name).then()
                .statusCode(200);
        as(otherAdmin).body(update("asterisk", "[" + name + "]\nexten => s,1,Hangup()\n", 0)).put(BASE + name)
                .then().statusCode(200).body("version", equalTo(1));
        as(otherSupervisor).get(BASE + name).then().statusCode(200).body("content", containsString("Hangup"));
        as(platformAdmin).get(BASE + name).then().statusCode(200).body("content", containsString("Queue(support"));
        as(platformAdmin).get(BASE + name + "/history").then().statusCode(200)
                .body("by", equalTo(List.of(platformAdmin)));
    }

    @Test
    void deploymentsGoOnlyToTheTenantsOwnNodes() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.control("fssim").map(CallControl::connected)
                .orElse(false));
        String fs = fresh("dt-fs");
        String ast = fresh("dt-ast");
        as(acmeAdmin).body(update("freeswitch", freeswitch(fs), 0)).put(BASE + fs).then().statusCode(200);
        as(acmeAdmin).body(update("asterisk", "[" + ast + "]\nexten => s,1,Hangup()\n", 0)).put(BASE + ast).then()
                .statusCode(200);
        String platformFs = fresh("dt-pfs");
        as(platformAdmin).body(update("freeswitch", freeswitch(platformFs), 0)).put(BASE + platformFs).then()
                .statusCode(200);

        // acme owns fssim: its FreeSWITCH dialplan goes there and nowhere else
        as(acmeAdmin).body(Map.of()).post(BASE + fs + "/deploy").then().statusCode(200)
                .body("nodes.node", equalTo(List.of("fssim"))).body("nodes[0].outcome", equalTo("DEPLOYED"));
        assertThat(Files.readString(DEPLOYED.resolve("fssim").resolve(fs + ".xml"))).isEqualTo(freeswitch(fs));

        record Refusal(String what, String user, String path, Map<String, Object> body, String message) {
        }
        List<Refusal> refusals = List.of(
                new Refusal("acme to the default tenant's sim", acmeAdmin, BASE + ast + "/deploy",
                        Map.of("nodes", List.of("sim")), "node sim is not a node of tenant acme"),
                new Refusal("acme owns no Asterisk node", acmeAdmin, BASE + ast + "/deploy", Map.of(),
                        "tenant acme owns no asterisk node"),
                new Refusal("an unknown node is not acme's either", acmeAdmin, BASE + ast + "/deploy",
                        Map.of("nodes", List.of("nowhere")), "node nowhere is not a node of tenant acme"),
                new Refusal("acme roll back with no Asterisk node", acmeAdmin, BASE + ast + "/rollback",
                        Map.of("version", 1), "tenant acme owns no asterisk node"),
                new Refusal("the platform to acme's fssim", platformAdmin, BASE + platformFs + "/deploy",
                        Map.of("nodes", List.of("fssim")), "node fssim is not a node of tenant default"),
                new Refusal("the platform owns no FreeSWITCH node here", platformAdmin, BASE + platformFs + "/deploy",
                        Map.of(), "tenant default owns no freeswitch node"));
        for (Refusal r : refusals) {
            JsonPath body = as(r.user()).body(r.body()).post(r.path()).then().extract().jsonPath();
            assertThat(body.getInt("status")).as(r.what()).isEqualTo(403);
            assertThat(body.getString("message")).as(r.what()).startsWith(r.message());
        }

        // nothing was written or saved by the refused requests
        assertThat(DEPLOYED.resolve("sim").resolve(ast + ".conf")).doesNotExist();
        assertThat(DEPLOYED.resolve("fssim").resolve(platformFs + ".xml")).doesNotExist();
        as(acmeAdmin).get(BASE + ast + "/versions").then().statusCode(200).body("version", equalTo(List.of(1)));
        as(acmeAdmin).get(BASE + ast + "/history").then().statusCode(200).body("action", equalTo(List.of("save")));
        as(platformAdmin).get(BASE + platformFs + "/history").then().statusCode(200)
                .body("action", equalTo(List.of("save")));
        as(acmeAdmin).get("/api/v1/dialplans").then().statusCode(200)
                .body("find { it.name == '" + fs + "' }.deployed.fssim", equalTo(1))
                .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(platformFs)));
        as(platformAdmin).get(BASE + fs).then().statusCode(404).body("message", startsWith("no dialplan " + fs));
    }
}
