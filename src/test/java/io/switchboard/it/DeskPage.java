package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The agent desktop open in headless Chromium, read and driven the way a person would: by the
 * controls' accessible labels and what the page shows.
 */
final class DeskPage {

    static final Duration PAGE_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the page shows, read from its DOM. */
    private static final String PROBE = """
            JSON.stringify({
              loginForm: !!document.querySelector('desk-login form'),
              signedIn: !!document.querySelector('desk-header'),
              mode: document.querySelector('.feed')?.dataset.mode ?? null,
              agent: document.querySelector('[data-agent-name]')?.textContent.trim() ?? null,
              presence: document.querySelector('[data-presence]')?.dataset.presence ?? null,
              badge: document.querySelector('[data-presence]')?.textContent.replace(/\\s+/g, ' ').trim() ?? null,
              inState: document.querySelector('[data-in-state]')?.textContent.trim() ?? null,
              alerts: [...document.querySelectorAll('[role=alert]')].map((e) => e.textContent.trim()).filter(Boolean),
              buttons: Object.fromEntries([...document.querySelectorAll('button[aria-label]')]
                .map((b) => [b.getAttribute('aria-label'), !b.disabled])),
              card: (() => {
                const c = document.querySelector('desk-card [data-call-id]');
                return c ? { callId: c.dataset.callId, status: c.dataset.status,
                  customer: c.querySelector('[data-customer]')?.dataset.customer ?? null,
                  customerText: c.querySelector('[data-customer]')?.textContent.replace(/\\s+/g, ' ').trim() ?? null,
                  fields: Object.fromEntries([...c.querySelectorAll('[data-field]')]
                    .map((f) => [f.dataset.field, f.textContent.trim()])) } : null;
              })(),
              wrapUp: !!document.querySelector('[aria-label="Wrap-up"]'),
              recent: [...document.querySelectorAll('desk-recent tr[data-call]')].map((r) => r.dataset.call),
            })""";

    private final HeadlessChromium chromium;

    DeskPage(HeadlessChromium chromium) {
        this.chromium = chromium;
    }

    void open(String url) {
        chromium.navigate(url);
    }

    JsonNode probe() {
        try {
            return JSON.readTree(chromium.evaluate(PROBE).asText());
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

    /** Signs in and waits for the desktop to be connected. */
    JsonNode signInLive(String user, String password) {
        signIn(user, password);
        return await("the desktop connected", p -> "live".equals(p.path("mode").asText()));
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

    private void run(String template, String... args) {
        Object[] quoted = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            quoted[i] = new TextNode(args[i]).toString();
        }
        chromium.evaluate("(() => { " + String.format(template, quoted) + " })()");
    }

    byte[] screenshot() {
        return chromium.screenshot();
    }
}
