import { html } from 'lit';
import { LightElement } from '../../components/light-element.js';
import { getJson, send } from '../../agent/state/http.js';
import { sendBody } from '../state/json.js';
import { blankDiagram, loadBpmnJs } from '../state/bpmn-js.js';

/**
 * Workflows: the processes and decision tables the engine runs for the signed-in user's tenant
 * (and the shared ones), each key with its versions. A process opens in the bpmn-js modeler or
 * as XML; Deploy (admins) sends it as a new version for the admin's tenant, and the engine's
 * objections come back with their line and column. Decision tables are shown as XML.
 */
class WorkflowEditor extends LightElement {
  static properties = {
    editable: { type: Boolean },
    list: { state: true },
    deployments: { state: true },
    open: { state: true },
    view: { state: true },
    message: { state: true },
    problems: { state: true },
  };

  constructor() {
    super();
    this.view = 'diagram';
    this.modeler = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#loadLists();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.modeler?.destroy();
    this.modeler = null;
  }

  async #loadLists() {
    try {
      this.list = await getJson('api/v1/workflows');
      this.deployments = await getJson('api/v1/workflows/deployments?limit=20');
    } catch (e) {
      this.message = `Workflows not available: ${e.message}`;
    }
  }

  /** The newest version of each key (a tenant's own before a shared one), in key order. */
  #latest() {
    const seen = new Map();
    for (const d of this.list ?? []) if (!seen.has(d.key)) seen.set(d.key, d);
    return [...seen.values()];
  }

  /** Running instances of all versions of the key (for the same tenant, or shared). */
  #running(d) {
    return (this.list ?? []).filter((x) => x.key === d.key && x.tenant === d.tenant)
      .reduce((n, x) => n + x.runningInstances, 0);
  }

  async #pick(d) {
    this.#clear();
    try {
      const answer = await send(`api/v1/workflows/${encodeURIComponent(d.key)}/xml?version=${d.version}`,
        { headers: { Accept: 'application/xml' }, cache: 'no-store' });
      const fileName = d.resourceName.replace(/^.*\//, '');
      await this.#show({ key: d.key, version: d.version, kind: d.kind, tenant: d.tenant, fileName }, await answer.text());
    } catch (e) {
      this.message = e.message;
    }
  }

  async #blank() {
    this.#clear();
    const key = `process_${Date.now().toString(36)}`;
    await this.#show({ key, version: 0, kind: 'bpmn', tenant: null, fileName: `${key}.bpmn` }, blankDiagram(key));
  }

  /** Opens XML: a process in the modeler (or as text when it cannot be drawn), a decision as text. */
  async #show(open, xml) {
    this.open = { ...open, xml };
    this.view = open.kind === 'bpmn' ? 'diagram' : 'xml';
    await this.updateComplete;
    if (this.view === 'diagram') await this.#draw(xml);
  }

  async #draw(xml) {
    try {
      const BpmnJS = await loadBpmnJs();
      if (!this.modeler) {
        this.modeler = new BpmnJS({ container: this.querySelector('[data-bpmn-canvas]') });
      }
      const { warnings } = await this.modeler.importXML(xml);
      this.modeler.get('canvas').zoom('fit-viewport', 'auto');
      if (warnings.length) this.problems = warnings.map((w) => w.message);
      return true;
    } catch (e) {
      this.view = 'xml';
      this.message = `The diagram cannot be drawn: ${e.message}`;
      return false;
    }
  }

  /** The XML being edited: from the modeler in diagram view, else from the text area. */
  async #xml() {
    if (this.view === 'diagram' && this.modeler) return (await this.modeler.saveXML({ format: true })).xml;
    return this.querySelector('textarea[aria-label="Workflow XML"]').value;
  }

  async #toggle() {
    const xml = await this.#xml();
    this.open = { ...this.open, xml };
    if (this.view === 'diagram') {
      this.view = 'xml';
      return;
    }
    this.#clear();
    this.view = 'diagram';
    await this.updateComplete;
    await this.#draw(xml);
  }

  async #deploy() {
    const xml = await this.#xml();
    const fileName = this.querySelector('input[aria-label="Workflow file name"]').value.trim();
    this.#clear();
    this.open = { ...this.open, xml, fileName };
    const r = await sendBody(`api/v1/workflows?name=${encodeURIComponent(fileName)}`, 'POST', 'application/xml', xml);
    if (!r.ok) {
      this.message = r.message;
      this.problems = r.problems;
      return;
    }
    const made = r.body.definitions;
    if (made.length) {
      this.message = `Deployed ${made.map((d) => `${d.key} version ${d.version}`).join(', ')}.`;
      const mine = made.find((d) => d.key === this.open.key) ?? made[0];
      this.open = { ...this.open, key: mine.key, version: mine.version, tenant: mine.tenant };
    } else {
      this.message = 'Nothing changed: no new version.';
    }
    await this.#loadLists();
  }

  #clear() {
    this.message = null;
    this.problems = null;
  }

  updated() {
    if (this.view === 'diagram' && this.open?.kind === 'bpmn' && this.modeler) {
      this.modeler.get('canvas').resized();
    }
  }

  render() {
    const o = this.open;
    const versions = o ? (this.list ?? []).filter((d) => d.key === o.key) : [];
    const diagram = o?.kind === 'bpmn' && this.view === 'diagram';
    return html`
      <div class="grid workflows" style="margin-top: var(--gap)">
        <section class="panel" aria-label="Workflows">
          <h2>Workflows ${this.editable ? html`<button aria-label="New workflow diagram" @click=${() => this.#blank()}>New diagram</button>` : ''}</h2>
          <table>
            <tr><th>Key</th><th>Kind</th><th>Name</th><th class="num">Version</th><th>Tenant</th><th class="num">Running</th><th></th></tr>
            ${this.#latest().map((d) => html`<tr data-workflow=${d.key} data-version=${d.version}>
              <td>${d.key}</td><td>${d.kind}</td><td>${d.name ?? ''}</td><td class="num">${d.version}</td>
              <td>${d.tenant ?? html`<span class="muted">shared</span>`}</td>
              <td class="num">${this.#running(d)}</td>
              <td><button aria-label=${`Open workflow ${d.key}`} @click=${() => this.#pick(d)}>Open</button></td>
            </tr>`)}
          </table>
          ${o ? html`
            <h2 style="margin-top:1em">Versions of ${o.key}</h2>
            <table>
              <tr><th class="num">Version</th><th>Tenant</th><th>Deployed</th><th class="num">Running</th><th></th></tr>
              ${versions.map((v) => html`<tr data-workflow-version-row=${v.version} data-tenant-of=${v.tenant ?? ''}>
                <td class="num">${v.version}</td><td>${v.tenant ?? 'shared'}</td>
                <td>${v.deployedAt ? new Date(v.deployedAt).toLocaleString() : ''}</td><td class="num">${v.runningInstances}</td>
                <td><button aria-label=${`Open workflow ${v.key} version ${v.version}${v.tenant ? '' : ' shared'}`}
                  @click=${() => this.#pick(v)}>Open</button></td>
              </tr>`)}
            </table>` : ''}
          <h2 style="margin-top:1em">Deployments</h2>
          <table>
            <tr><th>Name</th><th>Tenant</th><th>When</th><th>By</th></tr>
            ${(this.deployments ?? []).map((d) => html`<tr data-deployment=${d.id}>
              <td>${d.name ?? ''}</td><td>${d.tenant ?? 'shared'}</td>
              <td>${d.deployedAt ? new Date(d.deployedAt).toLocaleString() : ''}</td><td>${d.deployedBy ?? d.source ?? ''}</td></tr>`)}
          </table>
        </section>
        <section class="panel wide-editor" aria-label="Workflow editor">
          ${o ? html`
            <h2>${o.key} <span class="muted" data-workflow-open=${o.key} data-workflow-version=${o.version}>
              ${o.kind} · ${o.version ? `version ${o.version}` : 'not deployed'} · ${o.tenant ?? 'shared'}</span></h2>`
            : html`<p class="muted">Open a workflow, or start a new diagram.</p>`}
          <div class="bpmn-canvas" data-bpmn-canvas style=${diagram ? '' : 'display:none'}></div>
          ${o && !diagram ? html`<textarea aria-label="Workflow XML" spellcheck="false" ?readonly=${!this.editable}
            .value=${o.xml}></textarea>` : ''}
          ${o ? html`<form class="inline" @submit=${(e) => { e.preventDefault(); this.#deploy(); }}>
            ${o.kind === 'bpmn' ? html`<button type="button" aria-label="Toggle workflow XML" @click=${() => this.#toggle()}>
              ${diagram ? 'Show XML' : 'Show diagram'}</button>` : ''}
            ${this.editable ? html`
              <label>File <input aria-label="Workflow file name" size="32" .value=${o.fileName}></label>
              <button class="primary" aria-label="Deploy workflow">Deploy</button>
              <span class="muted">as a new version for your tenant</span>`
              : html`<span class="muted">Only admins deploy workflows.</span>`}
          </form>` : ''}
          <p role="alert" data-workflow-message>${this.message ?? ''}</p>
          ${this.problems ? html`<ul class="problems" data-workflow-problems>${this.problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
        </section>
      </div>`;
  }
}
customElements.define('workflow-editor', WorkflowEditor);
