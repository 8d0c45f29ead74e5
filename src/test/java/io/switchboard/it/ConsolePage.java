package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Duration;
import java.util.function.Predicate;

/** The control console open in headless Chromium, read and driven by labels, as a person would. */
final class ConsolePage {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PROBE = """
            JSON.stringify({
              loginForm: !!document.querySelector('console-app form.login'),
              user: document.querySelector('[data-user]')?.textContent.trim() ?? null,
              levels: Object.fromEntries([...document.querySelectorAll('tr[data-tenant]')]
                .map((r) => [r.dataset.tenant, Number(r.dataset.level)])),
              nodes: [...document.querySelectorAll('tr[data-node]')].map((r) => r.dataset.node),
              events: [...document.querySelectorAll('tr[data-event]')].map((r) => r.dataset.event),
              policyVersion: Number(document.querySelector('[data-policy-version]')?.dataset.policyVersion ?? -1),
              policyMessage: document.querySelector('[data-policy-message]')?.textContent.trim() ?? '',
              problems: [...document.querySelectorAll('[data-problems] li')].map((l) => l.textContent.trim()),
              trial: document.querySelector('[data-trial]')?.textContent.replace(/\\s+/g, ' ').trim() ?? null,
              message: document.querySelector('[data-message]')?.textContent.trim() ?? '',
              alerts: [...document.querySelectorAll('[role=alert]')].map((e) => e.textContent.trim()).filter(Boolean),
            })""";

    private final HeadlessChromium chromium;

    ConsolePage(HeadlessChromium chromium) {
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

    void fill(String label, String value) {
        run("const e = document.querySelector('[aria-label=\"' + %s + '\"]'); if (!e) throw new Error('no field');"
                + " e.value = %s; e.dispatchEvent(new Event('input', { bubbles: true }));"
                + " e.dispatchEvent(new Event('change', { bubbles: true }));", label, value);
    }

    String value(String label) {
        return chromium.evaluate("document.querySelector('[aria-label=\"" + label + "\"]').value").asText();
    }

    byte[] screenshot() {
        return chromium.screenshot();
    }

    private void run(String template, String... args) {
        Object[] quoted = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            quoted[i] = new TextNode(args[i]).toString();
        }
        chromium.evaluate("(() => { " + String.format(template, quoted) + " })()");
    }
}
