package io.switchboard.it;

/** The control console open in headless Chromium, read and driven by labels, as a person would. */
final class ConsolePage extends BrowserPage {

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
              dialplans: [...document.querySelectorAll('tr[data-dialplan]')].map((r) => r.dataset.dialplan),
              dialplanName: document.querySelector('[data-dialplan-name]')?.dataset.dialplanName ?? null,
              dialplanVersion: Number(document.querySelector('[data-dialplan-version]')?.dataset.dialplanVersion ?? -1),
              dialplanMessage: document.querySelector('[data-dialplan-message]')?.textContent.trim() ?? '',
              dialplanProblems: [...document.querySelectorAll('[data-dialplan-problems] li')].map((l) => l.textContent.trim()),
              deployed: Object.fromEntries([...document.querySelectorAll('tr[data-deploy-node]')]
                .map((r) => [r.dataset.deployNode, r.dataset.outcome])),
              workflows: Object.fromEntries([...document.querySelectorAll('tr[data-workflow]')]
                .map((r) => [r.dataset.workflow, Number(r.dataset.version)])),
              workflowKey: document.querySelector('[data-workflow-open]')?.dataset.workflowOpen ?? null,
              workflowVersion: Number(document.querySelector('[data-workflow-open]')?.dataset.workflowVersion ?? -1),
              workflowMessage: document.querySelector('[data-workflow-message]')?.textContent.trim() ?? '',
              workflowProblems: [...document.querySelectorAll('[data-workflow-problems] li')].map((l) => l.textContent.trim()),
              shapes: [...document.querySelectorAll('[data-bpmn-canvas] .djs-shape[data-element-id]')]
                .map((e) => e.dataset.elementId),
              labels: [...document.querySelectorAll('[data-bpmn-canvas] .djs-shape text')]
                .map((t) => t.textContent.trim()).filter(Boolean),
              poweredBy: !!document.querySelector('[data-bpmn-canvas] .bjs-powered-by')?.checkVisibility(),
              alerts: [...document.querySelectorAll('[role=alert]')].map((e) => e.textContent.trim()).filter(Boolean),
            })""";

    ConsolePage(HeadlessChromium chromium) {
        super(chromium, PROBE);
    }

    String value(String label) {
        return evaluate("document.querySelector('[aria-label=\"" + label + "\"]').value").asText();
    }
}
