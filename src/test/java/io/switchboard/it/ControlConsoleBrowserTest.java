package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.routing.PolicyStore;
import io.switchboard.routing.RoutingService;
import io.switchboard.routing.TrafficControl;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control console in a real browser: sign-in, the level table, an override set and cleared
 * from the page, the policy edited and saved (and refused with its problems), a trial call.
 */
@QuarkusTest
class ControlConsoleBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    UserStore users;
    @Inject
    RoutingService routing;
    @Inject
    PolicyStore store;
    @Inject
    TrafficControl control;

    @TestHTTPResource("/admin")
    URL page;

    @BeforeEach
    void admin() {
        users.save("console-admin", "console-pw", Set.of(Roles.ADMIN), null, Set.of(), "default");
        users.save("console-agent", "console-agent-pw", Set.of(Roles.AGENT), null, Set.of(), "default");
    }

    @AfterEach
    void restore() {
        control.clearOverride("default", "test");
        routing.save(store.defaults(), routing.policy().version(), "test", "back to the shipped policy");
    }

    @Test
    void anAdminWatchesOverridesAndEditsThePolicy() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
            ConsolePage console = new ConsolePage(chromium);
            console.open(page.toString());
            console.signIn("console-admin", "console-pw");
            int version = routing.policy().version();
            JsonNode shown = console.await("levels, nodes and the policy",
                    p -> p.path("levels").has("default") && p.path("nodes").size() > 0
                            && p.path("policyVersion").asInt() == version);
            assertThat(shown.path("nodes").toString()).contains("sim").contains("fssim");

            // an override from the page is in force at once and shows in the table
            console.fill("Override tenant", "default");
            console.fill("Override level", "2");
            console.fill("Override minutes", "15");
            console.fill("Override reason", "storm drill");
            console.click("Set override");
            console.await("level 2 for default", p -> p.path("levels").path("default").asInt() == 2);
            assertThat(control.level("default")).isEqualTo(2);
            console.await("the override among the transitions", p -> p.path("events").toString().contains("override"));
            console.click("Clear override default");
            console.await("back to the computed level", p -> p.path("levels").path("default").asInt() == 0);

            // a policy with a problem is refused with the problem named; a good one is saved
            ObjectNode policy = (ObjectNode) JSON.readTree(console.value("Policy JSON"));
            ObjectNode broken = policy.deepCopy();
            broken.putArray("rules").addObject().put("strategy", "crystal-ball");
            console.fill("Policy JSON", broken.toPrettyString());
            console.click("Save policy");
            shown = console.await("the problems", p -> p.path("problems").size() > 0);
            assertThat(shown.path("problems").toString()).contains("strategy must be one of");
            assertThat(routing.policy().version()).isEqualTo(version);

            policy.put("defaultQueue", "sales");
            console.fill("Policy JSON", policy.toPrettyString());
            console.fill("Policy comment", "sales takes the rest");
            console.click("Save policy");
            console.await("the new version", p -> p.path("policyVersion").asInt() == version + 1);
            assertThat(routing.policy().policy().defaultQueue()).isEqualTo("sales");
            assertThat(routing.policy().comment()).isEqualTo("sales takes the rest");

            console.fill("Trial node", "sim");
            console.fill("Trial variables", "{\"CALL_TYPE\":\"nothing-special\"}");
            console.click("Try");
            shown = console.await("the trial decision", p -> !p.path("trial").isNull());
            assertThat(shown.path("trial").asText()).startsWith("QUEUE sales");

            console.click("Roll back to " + version);
            console.await("the rolled-back version", p -> p.path("policyVersion").asInt() == version + 2);
            assertThat(routing.policy().policy().defaultQueue())
                    .isEqualTo(store.version(version).orElseThrow().policy().defaultQueue());
        }
    }

    @Test
    void agentsAreTurnedAway() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1200, 800)) {
            ConsolePage console = new ConsolePage(chromium);
            console.open(page.toString());
            console.signIn("console-agent", "console-agent-pw");
            console.await("the refusal", p -> p.path("alerts").toString().contains("for supervisors and admins"));
        }
    }

    /** Only on request ({@code -Dconsole.screenshot=docs/control-console.png}). */
    @Test
    @EnabledIfSystemProperty(named = "console.screenshot", matches = ".+")
    void screenshot() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1300)) {
            ConsolePage console = new ConsolePage(chromium);
            console.open(page.toString());
            console.signIn("console-admin", "console-pw");
            console.await("the console", p -> p.path("levels").size() > 0);
            Path file = Path.of(System.getProperty("console.screenshot"));
            Files.write(file, console.screenshot());
        }
    }
}
