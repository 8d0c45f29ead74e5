package io.switchboard.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.security.Roles;
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
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * Dialplans end to end against the built-in simulators: edit, validate, save, deploy (the file
 * and the reload on the PBX's wire), roll back; roles, refusals, conflicts.
 */
@QuarkusTest
class DialplansResourceTest {

    private static final String ADMIN = "dialplan-admin";
    private static final String SUPERVISOR = "dialplan-super";
    private static final String AGENT = "dialplan-agent";
    private static final Path DEPLOYED = Path.of("target/dialplans-deployed");

    @Inject
    UserStore users;
    @Inject
    DemoSimulator demo;
    @Inject
    PbxRegistry registry;

    @BeforeEach
    void users() {
        users.save(ADMIN, "pw-admin", Set.of(Roles.ADMIN), null, Set.of(), "default");
        users.save(SUPERVISOR, "pw-super", Set.of(Roles.SUPERVISOR), null, Set.of(), "default");
        users.save(AGENT, "pw-agent", Set.of(Roles.AGENT), null, Set.of(), "default");
    }

    private static RequestSpecification as(String user) {
        String password = user.equals(ADMIN) ? "pw-admin" : user.equals(SUPERVISOR) ? "pw-super" : "pw-agent";
        return given().auth().preemptive().basic(user, password).contentType(ContentType.JSON);
    }

    /** A name of its own per test, so runs against the same database never meet. */
    private static String fresh(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static Map<String, Object> update(String type, String content, int expected, String comment) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", type);
        m.put("content", content);
        m.put("expectedVersion", expected);
        m.put("comment", comment);
        return m;
    }

    private void connected(String node) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registry.control(node).map(CallControl::connected).orElse(false));
    }

    @Test
    void theFixturesWereImportedAsVersionOne() {
        JsonPath list = as(SUPERVISOR).get("/api/v1/dialplans").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("findAll { it.name == 'fixture-inbound' }.type", String.class))
                .containsExactlyInAnyOrder("asterisk", "freeswitch");
        as(SUPERVISOR).get("/api/v1/dialplans/fixture-inbound").then().statusCode(400)
                .body("message", startsWith("dialplan fixture-inbound exists for asterisk and freeswitch"));
        as(SUPERVISOR).get("/api/v1/dialplans/fixture-queues?type=freeswitch&version=1").then().statusCode(200)
                .body("savedBy", equalTo("import")).body("content", org.hamcrest.Matchers.containsString("callcenter"));
        as(SUPERVISOR).get("/api/v1/dialplans/no-such-plan").then().statusCode(404);
    }

    @Test
    void anAsteriskDialplanIsValidatedSavedDeployedAndRolledBack() throws Exception {
        connected("sim");
        String name = fresh("e2e-ast");
        String v1 = "[" + name + "]\nexten => s,1,Goto(fixture-queues,support,1)\n";
        String broken = "[" + name + "]\nexten => s,1,Goto(nowhere,s,1)\n same => n,Queue(nobody)\n same => x,Hangup()\n";
        String v2 = "[" + name + "]\nexten => s,1,Answer()\n same => n,Queue(sales,t)\n";
        String base = "/api/v1/dialplans/" + name;

        as(ADMIN).body(update("asterisk", v1, 0, "first")).put(base).then().statusCode(200)
                .body("version", equalTo(1)).body("savedBy", equalTo(ADMIN));

        // the dry run and the refused save name every problem with its line
        JsonPath dry = as(ADMIN).body(Map.of("content", broken)).post(base + "/validate").then().statusCode(200)
                .body("valid", equalTo(false)).extract().jsonPath();
        assertThat(dry.getList("problems.line", Integer.class)).containsExactly(2, 3, 4);
        List<String> details = as(ADMIN).body(update("asterisk", broken, 1, null)).put(base).then().statusCode(400)
                .extract().jsonPath().getList("details", String.class);
        assertThat(details).hasSize(3);
        assertThat(details.get(0)).startsWith("line 2: Goto(nowhere,...): context 'nowhere'");
        assertThat(details.get(1)).startsWith("line 3: Queue(nobody): queue 'nobody'");
        assertThat(details.get(2)).startsWith("line 4: priority 'x'");

        as(ADMIN).body(update("asterisk", v2, 1, "sales")).put(base).then().statusCode(200).body("version", equalTo(2));
        as(ADMIN).body(update("asterisk", v1, 1, "stale")).put(base).then().statusCode(409);

        int mark = demo.simulator().receivedActions("Command").size();
        as(ADMIN).body(Map.of()).post(base + "/deploy").then().statusCode(200)
                .body("version", equalTo(2))
                .body("nodes.node", equalTo(List.of("sim")))
                .body("nodes[0].outcome", equalTo("DEPLOYED"))
                .body("nodes[0].message", equalTo("Dialplan reloaded.")); // the CLI's output, as Asterisk 22 prints it
        Path file = DEPLOYED.resolve("sim").resolve(name + ".conf");
        assertThat(Files.readString(file)).isEqualTo(v2);
        List<AmiFrame> commands = demo.simulator().receivedActions("Command");
        assertThat(commands.subList(mark, commands.size())).extracting(a -> a.get("Command"))
                .containsExactly("dialplan reload");

        // roll back: version 1's text becomes version 3 and is on the node again
        mark = commands.size();
        as(ADMIN).body(Map.of("version", 1)).post(base + "/rollback").then().statusCode(200)
                .body("saved.version", equalTo(3)).body("saved.comment", equalTo("rollback to version 1"))
                .body("deployment.nodes[0].outcome", equalTo("DEPLOYED"));
        assertThat(Files.readString(file)).isEqualTo(v1);
        commands = demo.simulator().receivedActions("Command");
        assertThat(commands.subList(mark, commands.size())).extracting(a -> a.get("Command"))
                .containsExactly("dialplan reload");

        as(SUPERVISOR).get(base + "/versions").then().statusCode(200).body("version", equalTo(List.of(3, 2, 1)));
        JsonPath history = as(SUPERVISOR).get(base + "/history").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("action", String.class))
                .containsExactly("deploy", "rollback", "deploy", "save", "save");
        assertThat(history.getList("by", String.class)).containsOnly(ADMIN);
        assertThat(history.getInt("[0].fromVersion")).as("deployed before on sim").isEqualTo(2);
        assertThat(history.getInt("[0].version")).isEqualTo(3);
        assertThat(history.getInt("[1].fromVersion")).isEqualTo(2);
        as(SUPERVISOR).get("/api/v1/dialplans").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.deployed.sim", equalTo(3))
                .body("find { it.name == '" + name + "' }.latestVersion", equalTo(3));
    }

    @Test
    void aFreeSwitchDialplanIsDeployedWithReloadxml() throws Exception {
        connected("fssim");
        String name = fresh("e2e-fs");
        String xml = """
                <include>
                  <context name="%s">
                    <extension name="q">
                      <condition field="destination_number" expression="^q$">
                        <action application="transfer" data="support XML fixture-queues"/>
                      </condition>
                    </extension>
                  </context>
                </include>
                """.formatted(name);
        String base = "/api/v1/dialplans/" + name;
        as(ADMIN).body(update("freeswitch", xml.replace("fixture-queues", "gone"), 0, null)).put(base).then()
                .statusCode(400).body("details[0]", startsWith("line 5: transfer ... XML gone: context 'gone'"));
        as(ADMIN).body(update("freeswitch", xml, 0, null)).put(base).then().statusCode(200);

        int mark = demo.eslSimulator().receivedCommands().size();
        as(ADMIN).body(Map.of("version", 1)).post(base + "/deploy?type=freeswitch").then().statusCode(200)
                .body("nodes.node", equalTo(List.of("fssim")))
                .body("nodes[0].outcome", equalTo("DEPLOYED"))
                .body("nodes[0].message", equalTo("+OK [Success]"));
        assertThat(Files.readString(DEPLOYED.resolve("fssim").resolve(name + ".xml"))).isEqualTo(xml);
        List<String> wire = demo.eslSimulator().receivedCommands();
        assertThat(wire.subList(mark, wire.size())).anyMatch(c -> c.startsWith("bgapi reloadxml"));
    }

    @Test
    void onlyAdminsChangeDialplans() {
        given().get("/api/v1/dialplans").then().statusCode(401);
        as(AGENT).get("/api/v1/dialplans").then().statusCode(403);
        as(SUPERVISOR).get("/api/v1/dialplans").then().statusCode(200).body("name", hasItem("fixture-queues"));
        as(SUPERVISOR).get("/api/v1/dialplans/fixture-queues/versions?type=asterisk").then().statusCode(200);
        as(SUPERVISOR).body(Map.of("type", "asterisk", "content", "[x]\n")).post("/api/v1/dialplans/x/validate")
                .then().statusCode(200).body("valid", equalTo(true));
        as(SUPERVISOR).body(update("asterisk", "[x]\n", 0, null)).put("/api/v1/dialplans/" + fresh("sup")).then()
                .statusCode(403);
        as(SUPERVISOR).body(Map.of()).post("/api/v1/dialplans/fixture-queues/deploy?type=asterisk").then()
                .statusCode(403);
        as(SUPERVISOR).body(Map.of("version", 1)).post("/api/v1/dialplans/fixture-queues/rollback?type=asterisk")
                .then().statusCode(403);
    }

    @Test
    void badNamesAndTextsAreRefused() {
        as(ADMIN).body(update("asterisk", "[x]\n", 0, null)).put("/api/v1/dialplans/bad%0D%0AAction:%20Command")
                .then().statusCode(400).body("message", startsWith("a dialplan name is"));
        as(ADMIN).get("/api/v1/dialplans/bad%0Aname").then().statusCode(400);
        as(ADMIN).get("/api/v1/dialplans/..").then().statusCode(org.hamcrest.Matchers.not(200));
        String name = fresh("bad");
        String base = "/api/v1/dialplans/" + name;
        as(ADMIN).body(update("asterisk", "[x]\rexten => s,1,Answer()\r", 0, null)).put(base).then().statusCode(400)
                .body("details[0]", startsWith("line 1: a carriage return without a line feed"));
        as(ADMIN).body(update("asterisk", "[x]\nexten => s,1,NoOp(\0)\n", 0, null)).put(base).then().statusCode(400)
                .body("details[0]", equalTo("line 2: contains a NUL character"));
        as(ADMIN).body(update("asterisk", "[x]\n;" + "x".repeat(600_000), 0, null)).put(base).then()
                .statusCode(400).body("details[0]", startsWith("the dialplan is 600005 bytes"));
        as(ADMIN).body(update("sip-router", "[x]\n", 0, null)).put(base).then().statusCode(400);
        as(ADMIN).body(update("asterisk", "", 0, null)).put(base).then().statusCode(400);
        as(ADMIN).get(base).then().statusCode(404);
        as(ADMIN).body(Map.of()).post(base + "/deploy").then().statusCode(404);
    }
}
