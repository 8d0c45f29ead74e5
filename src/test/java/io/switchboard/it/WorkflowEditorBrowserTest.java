package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.deploy.WorkflowCatalog;
import io.switchboard.workflow.deploy.WorkflowDeployer;
import io.switchboard.workflow.deploy.WorkflowFile;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow tab of the control console in a real browser: a deployed process drawn by the
 * bpmn-js modeler, a task renamed in it, deployed as version 2 (seen in the list and by the
 * engine), and a broken model's error shown with its position.
 */
@QuarkusTest
class WorkflowEditorBrowserTest {

    private static final String TENANT = "wf-console-tenant";

    @Inject
    UserStore users;
    @Inject
    WorkflowDeployer deployer;
    @Inject
    WorkflowCatalog catalog;
    @Inject
    RepositoryService repository;

    @TestHTTPResource("/admin")
    URL page;

    @BeforeEach
    void admin() {
        users.save("workflow-console", "workflow-pw", Set.of(Roles.ADMIN), null, Set.of(), TENANT);
    }

    @Test
    void anAdminEditsAProcessInTheModelerAndDeploysANewVersion() throws Exception {
        String key = "console_" + Long.toString(System.nanoTime(), 36);
        deployer.deploy(TENANT, "test", key, List.of(new WorkflowFile(key + ".bpmn",
                model("review.bpmn", key, "Review v1").getBytes(StandardCharsets.UTF_8))));

        try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1100)) {
            ConsolePage console = new ConsolePage(chromium);
            console.open(page.toString());
            console.signIn("workflow-console", "workflow-pw");
            console.await("the tabs", p -> p.path("user").asText().contains("workflow-console"));
            console.click("Workflows tab");
            console.await("the workflow list", p -> p.path("workflows").path(key).asInt() == 1);

            // drawn by the modeler, with the bpmn.io mark its license asks to keep visible
            console.click("Open workflow " + key);
            JsonNode shown = console.await("the diagram", p -> key.equals(p.path("workflowKey").asText())
                    && p.path("shapes").toString().contains("\"review\""));
            assertThat(shown.path("workflowVersion").asInt()).isEqualTo(1);
            assertThat(texts(shown.path("shapes"))).contains("start", "review", "end");
            assertThat(texts(shown.path("labels"))).contains("Review v1");
            assertThat(shown.path("poweredBy").asBoolean()).isTrue();

            // renamed in the modeler, as the label editor does, and deployed
            console.evaluate("(() => { const m = document.querySelector('workflow-editor').modeler;"
                    + " m.get('modeling').updateLabel(m.get('elementRegistry').get('review'), 'Review edited'); })()");
            console.await("the new label", p -> texts(p.path("labels")).contains("Review edited"));
            console.click("Deploy workflow");
            shown = console.await("version 2", p -> p.path("workflows").path(key).asInt() == 2
                    && p.path("workflowVersion").asInt() == 2);
            assertThat(shown.path("workflowMessage").asText()).isEqualTo("Deployed " + key + " version 2.");
            assertThat(shown.path("workflowVersion").asInt()).isEqualTo(2);
            assertThat(catalog.xml(TENANT, key, null)).get().asString().contains("name=\"Review edited\"")
                    .contains("camunda:historyTimeToLive=\"P30D\"");
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).tenantIdIn(TENANT)
                    .latestVersion().singleResult().getVersion()).isEqualTo(2);
            String screenshot = System.getProperty("workflow.screenshot");
            if (screenshot != null) {
                // only on request: -Dworkflow.screenshot=docs/workflow-editor.png
                java.nio.file.Files.write(java.nio.file.Path.of(screenshot), console.screenshot());
            }

            // a broken model: the engine's objection with its line and column
            console.click("Toggle workflow XML");
            console.await("the XML", p -> !console.value("Workflow XML").isEmpty());
            console.fill("Workflow XML", model("broken.bpmn", key, ""));
            console.click("Deploy workflow");
            shown = console.await("the error", p -> p.path("workflowProblems").size() > 0);
            assertThat(shown.path("workflowMessage").asText()).isEqualTo("the model has errors");
            assertThat(texts(shown.path("workflowProblems")))
                    .anySatisfy(t -> assertThat(t).startsWith(key + ".bpmn line 7, column").contains("Invalid destination 'nowhere'"));
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).tenantIdIn(TENANT)
                    .latestVersion().singleResult().getVersion()).isEqualTo(2);

            // a new diagram starts from the blank template
            console.click("New workflow diagram");
            shown = console.await("the blank diagram", p -> p.path("workflowVersion").asInt() == 0
                    && p.path("shapes").toString().contains("\"start\""));
            assertThat(shown.path("workflowKey").asText()).startsWith("process_");
        }
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String model(String file, String key, String task) {
        try (InputStream in = WorkflowEditorBrowserTest.class.getResourceAsStream("/workflows/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@KEY@", key).replace("@TASK@", task);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
