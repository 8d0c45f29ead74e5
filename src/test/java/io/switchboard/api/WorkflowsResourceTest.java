package io.switchboard.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.deploy.WorkflowCatalog;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Workflows deployed at runtime through the API: roles, refusals with the position of the
 * problem, versions (running instances keep theirs), removal, and tenants kept apart.
 */
@QuarkusTest
class WorkflowsResourceTest {

    private static final String ADMIN_A = "wf-admin-a";
    private static final String ADMIN_B = "wf-admin-b";
    private static final String SUPERVISOR = "wf-super";
    private static final String AGENT = "wf-agent";
    private static final String TENANT_A = "wf-tenant-a";
    private static final String TENANT_B = "wf-tenant-b";

    @Inject
    UserStore users;
    @Inject
    RepositoryService repository;
    @Inject
    RuntimeService runtime;
    @Inject
    WorkflowCatalog catalog;

    @BeforeEach
    void users() {
        users.save(ADMIN_A, "pw", Set.of(Roles.ADMIN), null, Set.of(), TENANT_A);
        users.save(ADMIN_B, "pw", Set.of(Roles.ADMIN), null, Set.of(), TENANT_B);
        users.save(SUPERVISOR, "pw", Set.of(Roles.SUPERVISOR), null, Set.of(), TENANT_A);
        users.save(AGENT, "pw", Set.of(Roles.AGENT), null, Set.of(), TENANT_A);
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, "pw");
    }

    /** A key of its own per test, so runs against the same database never meet. */
    private static String fresh(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime(), 36);
    }

    static String model(String file, String key, String task) {
        try (InputStream in = WorkflowsResourceTest.class.getResourceAsStream("/workflows/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@KEY@", key).replace("@TASK@", task);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath deploy(String user, String file, String xml) {
        return as(user).contentType("application/xml").body(xml).queryParam("name", file)
                .post("/api/v1/workflows").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void readingNeedsASupervisorAndDeployingAnAdmin() {
        given().get("/api/v1/workflows").then().statusCode(401);
        as(AGENT).get("/api/v1/workflows").then().statusCode(403);
        as(SUPERVISOR).get("/api/v1/workflows").then().statusCode(200);
        as(SUPERVISOR).get("/api/v1/workflows/deployments").then().statusCode(200);
        String key = fresh("roles");
        as(SUPERVISOR).contentType("application/xml").body(model("review.bpmn", key, "Review"))
                .queryParam("name", "roles.bpmn").post("/api/v1/workflows").then().statusCode(403);
        as(AGENT).delete("/api/v1/workflows/deployments/whatever").then().statusCode(403);
        given().contentType("application/xml").body(model("review.bpmn", key, "Review"))
                .queryParam("name", "roles.bpmn").post("/api/v1/workflows").then().statusCode(401);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    @Test
    void badModelsAreRefusedWithThePositionOfTheProblem() {
        String key = fresh("bad");
        // the engine's parser: a sequence flow to an element that does not exist
        List<String> details = as(ADMIN_A).contentType("application/xml").body(model("broken.bpmn", key, ""))
                .queryParam("name", "broken.bpmn").post("/api/v1/workflows").then().statusCode(400)
                .body("message", equalTo("the model has errors")).extract().jsonPath().getList("details", String.class);
        assertThat(details).isNotEmpty().allSatisfy(d -> assertThat(d).matches("broken\\.bpmn line \\d+, column \\d+.*nowhere.*"))
                .anySatisfy(d -> assertThat(d).matches("broken\\.bpmn line 7, column \\d+ \\(toNowhere\\): Invalid destination 'nowhere'.*"));

        // not well-formed
        details = as(ADMIN_A).contentType("application/xml")
                .body("<?xml version=\"1.0\"?>\n<definitions>\n  <process id=\"x\">\n</definitions>\n")
                .queryParam("name", "cut.bpmn").post("/api/v1/workflows").then().statusCode(400)
                .extract().jsonPath().getList("details", String.class);
        assertThat(details).singleElement().asString().startsWith("cut.bpmn line 4, column").contains("not well-formed");

        // a DTD (the way to external entities) is refused before any parser reads it
        details = as(ADMIN_A).contentType("application/xml").body(model("xxe.bpmn", key, ""))
                .queryParam("name", "xxe.bpmn").post("/api/v1/workflows").then().statusCode(400)
                .extract().jsonPath().getList("details", String.class);
        assertThat(details).singleElement().asString().startsWith("xxe.bpmn line ").endsWith("DOCTYPE declarations are not allowed");

        // a decision table refused by the engine: no position, the engine's reason
        as(ADMIN_A).contentType("application/xml").body(model("discount.dmn", key, "").replace(" camunda:historyTimeToLive=\"30\"", ""))
                .queryParam("name", "levels.dmn").post("/api/v1/workflows").then().statusCode(400)
                .body("message", equalTo("the model was not accepted"))
                .body("details", hasItem(containsString("History Time To Live (TTL) cannot be null")));

        // names, size, empty requests
        as(ADMIN_A).contentType("application/xml").body(model("review.bpmn", key, "Review"))
                .queryParam("name", "review.txt").post("/api/v1/workflows").then().statusCode(400)
                .body("message", containsString("ending in .bpmn or .dmn"));
        as(ADMIN_A).contentType("application/xml").body(model("review.bpmn", key, "Review"))
                .post("/api/v1/workflows").then().statusCode(400).body("message", containsString("?name="));
        String huge = model("review.bpmn", key, "Review").replace("<bpmn:process ", "<!--" + " ".repeat(1_100_000)
                + "-->\n  <bpmn:process ");
        as(ADMIN_A).contentType("application/xml").body(huge).queryParam("name", "huge.bpmn")
                .post("/api/v1/workflows").then().statusCode(413);
        as(ADMIN_A).multiPart("name", "empty").post("/api/v1/workflows").then().statusCode(400)
                .body("message", equalTo("no BPMN or DMN file in the request"));
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    @Test
    void runningInstancesKeepTheirVersionAndNewStartsTakeTheNewOne() {
        String key = fresh("versions");
        JsonPath v1 = deploy(ADMIN_A, key + ".bpmn", model("review.bpmn", key, "Review v1"));
        assertThat(v1.getBoolean("duplicate")).isFalse();
        assertThat(v1.getInt("definitions[0].version")).isEqualTo(1);
        assertThat(v1.getString("definitions[0].tenant")).isEqualTo(TENANT_A);
        assertThat(v1.getString("deployment.deployedBy")).isEqualTo(ADMIN_A);
        ProcessInstance old = start(TENANT_A, key);

        JsonPath v2 = deploy(ADMIN_A, key + ".bpmn", model("review.bpmn", key, "Review v2"));
        assertThat(v2.getInt("definitions[0].version")).isEqualTo(2);
        ProcessInstance young = start(TENANT_A, key);

        assertThat(definition(old).getVersion()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(old.getId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(v1.getString("definitions[0].id"));
        assertThat(definition(young).getVersion()).isEqualTo(2);

        // the same file again makes no version
        JsonPath again = deploy(ADMIN_A, key + ".bpmn", model("review.bpmn", key, "Review v2"));
        assertThat(again.getBoolean("duplicate")).isTrue();
        assertThat(again.getList("definitions")).isEmpty();

        JsonPath list = as(SUPERVISOR).get("/api/v1/workflows").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("findAll { it.key == '" + key + "' }.version", Integer.class)).containsExactly(2, 1);
        assertThat(list.getList("findAll { it.key == '" + key + "' }.runningInstances", Long.class))
                .containsExactly(1L, 1L);
        as(SUPERVISOR).get("/api/v1/workflows/" + key + "/xml?version=1").then().statusCode(200)
                .contentType(containsString("xml")).body(containsString("Review v1"));
        as(SUPERVISOR).get("/api/v1/workflows/" + key + "/xml").then().statusCode(200)
                .body(containsString("Review v2"));
        as(SUPERVISOR).get("/api/v1/workflows/" + key + "/xml?version=3").then().statusCode(404);
    }

    @Test
    void aDeploymentInUseIsNotRemoved() {
        String key = fresh("remove");
        String id = deploy(ADMIN_A, key + ".bpmn", model("review.bpmn", key, "Review")).getString("deployment.id");
        ProcessInstance running = start(TENANT_A, key);
        as(ADMIN_A).delete("/api/v1/workflows/deployments/" + id).then().statusCode(409)
                .body("message", containsString("1 running instance"));
        as(ADMIN_B).delete("/api/v1/workflows/deployments/" + id).then().statusCode(404);

        runtime.deleteProcessInstance(running.getId(), "test done");
        as(ADMIN_A).delete("/api/v1/workflows/deployments/" + id).then().statusCode(204);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
        as(ADMIN_A).get("/api/v1/workflows/deployments").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void tenantsSeeTheirOwnAndTheSharedDefinitions() {
        String key = fresh("tenants");
        // shared: deployed without a tenant, as the service deploys its built-in processes
        repository.createDeployment().name(key + "-shared").addString(key + ".bpmn",
                model("review.bpmn", key, "Shared review")).deploy();
        String ownId = deploy(ADMIN_A, key + ".bpmn", model("review.bpmn", key, "A's review"))
                .getString("definitions[0].id");

        JsonPath seenByB = as(ADMIN_B).get("/api/v1/workflows").then().statusCode(200).extract().jsonPath();
        assertThat(seenByB.getList("findAll { it.key == '" + key + "' }.tenant", String.class)).containsExactly((String) null);
        assertThat(seenByB.getList("id", String.class)).doesNotContain(ownId);
        as(ADMIN_B).get("/api/v1/workflows/" + key + "/xml").then().statusCode(200).body(containsString("Shared review"));
        as(ADMIN_A).get("/api/v1/workflows/" + key + "/xml").then().statusCode(200).body(containsString("A's review"));
        JsonPath seenByA = as(ADMIN_A).get("/api/v1/workflows").then().statusCode(200).extract().jsonPath();
        assertThat(seenByA.getList("findAll { it.key == '" + key + "' }.tenant", String.class))
                .containsExactly(TENANT_A, null);

        // starts: A's own definition; B falls back to the shared one
        assertThat(definition(start(TENANT_A, key)).getId()).isEqualTo(ownId);
        assertThat(definition(start(TENANT_B, key)).getTenantId()).isNull();

        // B's own version 1 is B's, apart from A's numbering
        JsonPath b = deploy(ADMIN_B, key + ".bpmn", model("review.bpmn", key, "B's review"));
        assertThat(b.getInt("definitions[0].version")).isEqualTo(1);
        assertThat(b.getString("definitions[0].tenant")).isEqualTo(TENANT_B);
        assertThat(as(ADMIN_A).get("/api/v1/workflows/deployments").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class)).doesNotContain(b.getString("deployment.id"));
    }

    @Test
    void severalFilesDeployTogetherAsMultipart() {
        String process = fresh("multi");
        String decision = fresh("levels");
        JsonPath deployed = as(ADMIN_A)
                .multiPart("file", process + ".bpmn", model("review.bpmn", process, "Review").getBytes(StandardCharsets.UTF_8), "application/xml")
                .multiPart("file", decision + ".dmn", model("discount.dmn", decision, "").getBytes(StandardCharsets.UTF_8), "application/xml")
                .multiPart("name", "approval bundle")
                .post("/api/v1/workflows").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertThat(deployed.getString("deployment.name")).isEqualTo("approval bundle");
        assertThat(deployed.getList("deployment.resources", String.class))
                .containsExactlyInAnyOrder(process + ".bpmn", decision + ".dmn");
        assertThat(deployed.getList("definitions", Map.class)).extracting(m -> m.get("kind") + ":" + m.get("key"))
                .containsExactlyInAnyOrder("bpmn:" + process, "dmn:" + decision);
        as(SUPERVISOR).get("/api/v1/workflows/" + decision + "/xml").then().statusCode(200)
                .body(containsString("Approval levels"));
        as(SUPERVISOR).get("/api/v1/workflows/deployments").then().statusCode(200)
                .body("find { it.name == 'approval bundle' }.deployedBy", equalTo(ADMIN_A))
                .body("find { it.name == 'approval bundle' }.tenant", equalTo(TENANT_A));
    }

    private ProcessInstance start(String tenant, String key) {
        ProcessDefinition d = catalog.processToStart(tenant, key).orElseThrow();
        return runtime.startProcessInstanceById(d.getId());
    }

    private ProcessDefinition definition(ProcessInstance instance) {
        return repository.getProcessDefinition(instance.getProcessDefinitionId());
    }
}
