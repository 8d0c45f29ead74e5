package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * A page of ours open in headless Chromium, driven by the controls' accessible labels and read
 * through one probe script that returns what the page shows as JSON. Each page supplies its own
 * probe; waiting, clicking and typing work the same everywhere.
 */
abstract class BrowserPage {

    /** How long a page may take to show what a test waits for. */
    static final Duration PAGE_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeadlessChromium chromium;
    private final String probe;

    /** @param probe a script evaluating to a JSON string describing the page */
    BrowserPage(HeadlessChromium chromium, String probe) {
        this.chromium = chromium;
        this.probe = probe;
    }

    void open(String url) {
        chromium.navigate(url);
    }

    JsonNode probe() {
        try {
            return JSON.readTree(chromium.evaluate(probe).asText());
        } catch (Exception e) {
            throw new IllegalStateException("page not readable", e);
        }
    }

    /** Waits until the page shows what {@code shows} wants; fails with what it shows instead. */
    JsonNode await(String what, Predicate<JsonNode> shows) {
        try {
            return org.awaitility.Awaitility.await(what).atMost(PAGE_WAIT).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(this::probe, shows);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " never showed; the page has: " + probe(), e);
        }
    }

    void signIn(String user, String password) {
        await("the sign-in form", p -> p.path("loginForm").asBoolean());
        fill("User name", user);
        fill("Password", password);
        click("Sign in");
    }

    void click(String label) {
        run("const b = document.querySelector('button[aria-label=\"' + %s + '\"]');"
                + " if (!b) throw new Error('no button ' + %1$s); if (b.disabled) throw new Error('disabled: ' + %1$s);"
                + " b.click();", label);
    }

    /** Types into a text field or picks a value of a select, as the user would. */
    void fill(String label, String value) {
        run("const e = document.querySelector('[aria-label=\"' + %s + '\"]'); if (!e) throw new Error('no field');"
                + " e.value = %s; e.dispatchEvent(new Event('input', { bubbles: true }));"
                + " e.dispatchEvent(new Event('change', { bubbles: true }));", label, value);
    }

    /** Evaluates a script in the page (for what a user cannot do: drop the socket, read the store). */
    JsonNode evaluate(String script) {
        return chromium.evaluate(script);
    }

    byte[] screenshot() {
        return chromium.screenshot();
    }

    /** Runs a script whose {@code %s} are filled with the arguments quoted as JS strings, so labels cannot inject. */
    private void run(String template, String... args) {
        Object[] quoted = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            quoted[i] = new TextNode(args[i]).toString();
        }
        chromium.evaluate("(() => { " + String.format(template, quoted) + " })()");
    }
}
