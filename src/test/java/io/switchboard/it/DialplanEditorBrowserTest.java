package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.dialplans.DialplanService;
import io.switchboard.dialplans.DialplanType;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dialplan tab of the control console in a real browser: a dialplan opened, an error shown
 * with its line, fixed, saved, deployed (the reload reaches the Asterisk simulator's wire) and
 * rolled back.
 */
@QuarkusTest
class DialplanEditorBrowserTest {

    @Inject
    UserStore users;
    @Inject
    DialplanService dialplans;
    @Inject
    DemoSimulator demo;
    @Inject
    PbxRegistry registry;

    @TestHTTPResource("/admin")
    URL page;

    @BeforeEach
    void admin() {
        users.save("dialplan-console", "dialplan-pw", Set.of(Roles.ADMIN), null, Set.of(), "default");
    }

    @Test
    void anAdminFixesSavesDeploysAndRollsBackADialplan() throws Exception {
        String name = "browser-" + Long.toString(System.nanoTime(), 36);
        String v1 = "[" + name + "]\nexten => s,1,Answer()\n same => n,Goto(fixture-queues,support,1)\n";
        String broken = "[" + name + "]\nexten => s,1,Answer()\n same => n,Goto(nowhere,support,1)\n";
        String fixed = "[" + name + "]\nexten => s,1,Answer()\n same => n,Queue(sales,t)\n";
        assertThat(dialplans.save("default", name, DialplanType.ASTERISK, v1, 0, "test", "start", "save"))
                .isInstanceOf(DialplanService.SaveResult.Saved.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.control("sim").map(CallControl::connected)
                .orElse(false));
        Path file = Path.of("target/dialplans-deployed/sim", name + ".conf");

        try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1100)) {
            ConsolePage console = new ConsolePage(chromium);
            console.open(page.toString());
            console.signIn("dialplan-console", "dialplan-pw");
            console.await("the tabs", p -> p.path("user").asText().contains("dialplan-console"));
            console.click("Dialplans tab");
            console.await("the dialplan list", p -> p.path("dialplans").toString().contains("asterisk/" + name));
            console.click("Open asterisk " + name);
            console.await("the dialplan open", p -> name.equals(p.path("dialplanName").asText())
                    && p.path("dialplanVersion").asInt() == 1);
            assertThat(console.value("Dialplan text")).isEqualTo(v1);

            // an error is shown with its line
            console.fill("Dialplan text", broken);
            console.click("Validate dialplan");
            JsonNode shown = console.await("the problem", p -> p.path("dialplanProblems").size() > 0);
            assertThat(shown.path("dialplanProblems").get(0).asText())
                    .startsWith("line 3: Goto(nowhere,...): context 'nowhere'");

            // fixed, validated, saved
            console.fill("Dialplan text", fixed);
            console.click("Validate dialplan");
            console.await("valid", p -> p.path("dialplanMessage").asText().equals("Valid."));
            console.fill("Dialplan comment", "sales queue");
            console.click("Save dialplan");
            console.await("version 2", p -> p.path("dialplanVersion").asInt() == 2);

            // deployed: the file is on the node and the reload reached the simulator's wire
            int mark = demo.simulator().receivedActions("Command").size();
            console.click("Deploy dialplan");
            shown = console.await("the node's outcome", p -> p.path("deployed").has("sim"));
            assertThat(shown.path("deployed").path("sim").asText()).isEqualTo("DEPLOYED");
            assertThat(Files.readString(file)).isEqualTo(fixed);
            List<AmiFrame> commands = demo.simulator().receivedActions("Command");
            assertThat(commands.subList(mark, commands.size())).extracting(a -> a.get("Command"))
                    .containsExactly("dialplan reload");

            // rolled back: version 1's text is version 3 and on the node again
            console.click("Roll back dialplan to 1");
            console.await("version 3", p -> p.path("dialplanVersion").asInt() == 3);
            assertThat(console.probe().path("deployed").path("sim").asText()).isEqualTo("DEPLOYED");
            assertThat(Files.readString(file)).isEqualTo(v1);
        }
    }
}
