package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The agent desktop open in headless Chromium, read and driven the way a person would: by the
 * controls' accessible labels and what the page shows.
 */
final class DeskPage extends BrowserPage {

    /** What the page shows, read from its DOM. */
    private static final String PROBE = """
            JSON.stringify({
              loginForm: !!document.querySelector('sign-in-form form'),
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

    DeskPage(HeadlessChromium chromium) {
        super(chromium, PROBE);
    }

    /** Signs in and waits for the desktop to be connected. */
    JsonNode signInLive(String user, String password) {
        signIn(user, password);
        return await("the desktop connected", p -> "live".equals(p.path("mode").asText()));
    }
}
