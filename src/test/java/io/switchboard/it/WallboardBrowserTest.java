package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.demo.DemoSimulator;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.simulator.Playback;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The wallboard in a real browser (Debian's Chromium, headless): it asks for a sign-in, then calls
 * played through the simulator reach the metrics engine, and the page must show the server's figures
 * for them and follow new calls without a reload, over the WebSocket and, without it, by REST polling.
 * The test's queues name no tenant, so they are the default tenant's, and so is the test's supervisor.
 */
@QuarkusTest
class WallboardBrowserTest {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "wallboard-sup";
    private static final String PASSWORD = "pw-wallboard";
    private static final String AGENT = "wallboard-agent";

    /** What the page shows, read from its DOM. */
    private static final String PROBE = """
            JSON.stringify({
              mode: document.querySelector('.feed')?.dataset.mode ?? null,
              version: document.querySelector('[data-version]')?.textContent ?? null,
              tiles: Object.fromEntries([...document.querySelectorAll('wb-queue-tile')].map((t) => [t.dataset.queue,
                Object.fromEntries([...t.querySelectorAll('[data-field]')].map((f) => [f.dataset.field, f.textContent]))])),
              loginForm: !!document.querySelector('sign-in-form form.login'),
              loginError: document.querySelector('sign-in-form .error')?.textContent.trim() ?? '',
              refused: document.querySelector('wb-app > .error')?.textContent.trim() ?? '',
              agents: [...document.querySelectorAll('tr[data-agent]')].map((r) => r.dataset.agent),
              nodes: [...document.querySelectorAll('[data-node]')].map((n) => n.dataset.node),
              charts: document.querySelectorAll('wb-chart').length,
              chartsDrawn: document.querySelectorAll('wb-chart[data-rendered]').length,
            })""";

    @Inject
    DemoSimulator demo;
    @Inject
    UserStore users;

    @TestHTTPResource("/wallboard")
    URL wallboard;

    private WallboardCalls calls;
    private String queue;

    @BeforeEach
    void simulatorReady() {
        assertThat(demo.simulator().awaitEventClients(1, Duration.ofSeconds(30))).isTrue();
        calls = new WallboardCalls(demo.simulator());
        queue = "wb-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(USER, PASSWORD, Set.of(Roles.SUPERVISOR), null, Set.of(), "default");
        users.save(AGENT, PASSWORD, Set.of(Roles.AGENT), null, Set.of(), "default");
    }

    @Test
    void showsTheServersFiguresAndFollowsThemLive() throws Exception {
        calls.play(queue, 3, 1);
        awaitServer(queue, 4, 3, 1);

        try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
            // Only this test's queue: the board of one team.
            chromium.navigate(wallboard + "?queues=" + queue);
            JsonNode form = awaitPage(chromium, "the sign-in form", s -> s.path("loginForm").asBoolean());
            assertThat(form.path("tiles").size()).isZero();
            signIn(chromium, USER, "not-the-password");
            awaitPage(chromium, "the wrong password refused", s -> s.path("loginError").asText().contains("Wrong"));
            signIn(chromium, USER, PASSWORD);
            JsonNode shown = awaitPage(chromium, "the queue's tile with the server's figures",
                    s -> "live".equals(s.path("mode").asText()) && showsCounts(s, 4, 3, 1));
            assertThat(shown.path("tiles").size()).isEqualTo(1);
            assertThat(shown.path("nodes").toString()).contains("\"sim\"");
            assertThat(shown.path("agents").toString()).contains("Agent One");
            assertThat(shown.path("version").asLong()).isPositive();
            // Both per-queue charts and the interval history of this queue.
            awaitPage(chromium, "the charts drawn", s -> s.path("charts").asInt() == 3
                    && s.path("chartsDrawn").asInt() == 3);

            // New calls appear on the open page: pushed, not reloaded.
            calls.play(queue, 1, 1);
            awaitServer(queue, 6, 4, 2);
            awaitPage(chromium, "the tile following new calls", s -> showsCounts(s, 6, 4, 2));

            // A dropped socket comes back by itself and the board stays in step.
            chromium.evaluate("""
                    (() => { const feed = document.querySelector('wb-app').feed;
                      window.modes = [];
                      feed.addEventListener('status', (e) => window.modes.push(e.detail.mode));
                      feed.socket.close(); })()""");
            await("reconnect").atMost(PAGE_WAIT).until(
                    () -> chromium.evaluate("JSON.stringify(window.modes)").asText(),
                    modes -> modes.contains("reconnecting") && modes.endsWith("\"live\"]"));
            calls.play(queue, 1, 0);
            awaitServer(queue, 7, 5, 2);
            awaitPage(chromium, "the tile after the reconnect", s -> showsCounts(s, 7, 5, 2));

            // Signing out ends the session and leaves nothing of the board behind the form.
            new BrowserPage(chromium, PROBE) {
            }.click("Sign out");
            JsonNode out = awaitPage(chromium, "the sign-in form after signing out",
                    s -> s.path("loginForm").asBoolean());
            assertThat(out.path("tiles").size()).isZero();
            assertThat(chromium.evaluate("document.querySelector('wb-app').store.hasData").asBoolean()).isFalse();
        }
    }

    @Test
    void pollsRestWhileTheSocketIsDown() throws Exception {
        calls.play(queue, 1, 1);
        awaitServer(queue, 2, 1, 1);
        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 800)) {
            // Every socket the page opens fails at once, as behind a proxy that refuses upgrades.
            chromium.beforeEachPage("""
                    window.WebSocket = class extends EventTarget {
                      constructor() { super(); this.readyState = 3; setTimeout(() => this.onclose?.({}), 0); }
                      close() {}
                    };""");
            chromium.navigate(wallboard.toString());
            signIn(chromium, USER, PASSWORD);
            awaitPage(chromium, "figures by REST polling",
                    s -> "reconnecting".equals(s.path("mode").asText()) && showsCounts(s, 2, 1, 1));
            calls.play(queue, 1, 0);
            awaitServer(queue, 3, 2, 1);
            awaitPage(chromium, "the next poll", s -> showsCounts(s, 3, 2, 1));
        }
    }

    @Test
    void anAgentIsToldTheBoardIsNotForAgents() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 800)) {
            chromium.navigate(wallboard.toString());
            signIn(chromium, AGENT, PASSWORD);
            JsonNode shown = awaitPage(chromium, "the refusal", s -> s.path("refused").asText().contains("not one"));
            assertThat(shown.path("tiles").size()).isZero();
            assertThat(shown.path("mode").isNull()).isTrue();
        }
    }

    @Test
    void theRootLeadsToTheWallboard() {
        given().redirects().follow(false).get("/").then().statusCode(302).header("Location", "/wallboard");
        given().get("/wallboard").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<wb-app>"), containsString("/static/bundle/main"));
    }

    /**
     * Only on request ({@code -Dwallboard.screenshot=docs/wallboard.png}): a few minutes of
     * traffic on four queues, then a picture of the board as a supervisor would see it.
     */
    @Test
    @EnabledIfSystemProperty(named = "wallboard.screenshot", matches = ".+")
    void screenshot() throws Exception {
        Duration traffic = Duration.ofSeconds(Long.getLong("wallboard.traffic-seconds", 180));
        Playback playback = calls.busyCentre(traffic);
        try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
            String team = wallboard + "?queues=support,sales,billing,vip&queue=support";
            chromium.navigate(team);
            signIn(chromium, USER, PASSWORD);
            awaitPage(chromium, "the board live", s -> "live".equals(s.path("mode").asText())
                    && s.path("tiles").has("support"));
            // Most of the traffic played, while callers still wait and agents still talk.
            await("traffic").atMost(traffic.multipliedBy(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> playback.framesSent() >= playback.frameCount() * 3L / 4);
            chromium.navigate(team); // the intervals chart loads on open (the session cookie stays)
            awaitPage(chromium, "charts drawn", s -> "live".equals(s.path("mode").asText())
                    && s.path("charts").asInt() == 3 && s.path("chartsDrawn").asInt() == 3);
            Path file = Path.of(System.getProperty("wallboard.screenshot"));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, chromium.screenshot());
        }
    }

    /** Waits until the metrics REST API has counted every call played into {@code queue}. */
    private static void awaitServer(String queue, int offered, int answered, int abandoned) {
        await("server counts for " + queue).atMost(Duration.ofSeconds(30))
                .until(() -> given().auth().preemptive().basic(USER, PASSWORD).queryParam("window", "today")
                        .get("/api/v1/metrics/queues/{q}", queue).then().extract(), r -> r.statusCode() == 200
                        && r.jsonPath().getInt("figures.offered") == offered
                        && r.jsonPath().getInt("figures.answered") == answered
                        && r.jsonPath().getInt("figures.abandoned") == abandoned);
    }

    /** Signs in through the board's form, as a person would (the form login sets the session cookie). */
    private static void signIn(HeadlessChromium chromium, String user, String password) {
        new BrowserPage(chromium, "JSON.stringify({ loginForm: !!document.querySelector('sign-in-form form.login') })") {
        }.signIn(user, password);
    }

    private JsonNode awaitPage(HeadlessChromium chromium, String what,
                               java.util.function.Predicate<JsonNode> shows) {
        try {
            return await(what).atMost(PAGE_WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> JSON.readTree(chromium.evaluate(PROBE).asText()), shows::test);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " never showed; the page has: "
                    + chromium.evaluate(PROBE).asText(), e);
        }
    }

    /** The test queue's tile shows these counts (the server's, awaited before). */
    private boolean showsCounts(JsonNode shown, int offered, int answered, int abandoned) {
        return String.valueOf(offered).equals(tile(shown, "offered"))
                && String.valueOf(answered).equals(tile(shown, "answered"))
                && String.valueOf(abandoned).equals(tile(shown, "abandoned"));
    }

    private String tile(JsonNode shown, String field) {
        return shown.path("tiles").path(queue).path(field).asText(null);
    }
}
