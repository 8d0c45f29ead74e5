import { html } from 'lit';
import { LightElement } from '../../components/light-element.js';
import { getJson } from '../../agent/state/http.js';
import { sendJson } from '../state/json.js';

/**
 * Dialplans of the PBX nodes: the list, one open in a text area, Validate (a dry run that lists
 * each problem with its line), Save (admins; a new version), Deploy (writes the file on every node
 * of its type and reloads them: the outcome per node), and the versions with roll-back.
 */
class DialplanEditor extends LightElement {
  static properties = {
    editable: { type: Boolean },
    list: { state: true },
    open: { state: true },
    versions: { state: true },
    problems: { state: true },
    message: { state: true },
    outcomes: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.#loadList();
  }

  async #loadList() {
    try {
      this.list = await getJson('api/v1/dialplans');
    } catch (e) {
      this.message = `Dialplans not available: ${e.message}`;
    }
  }

  #path(suffix = '') {
    const o = this.open;
    return `api/v1/dialplans/${encodeURIComponent(o.name)}${suffix}?type=${o.type}`;
  }

  async #pick(name, type) {
    this.problems = null;
    this.outcomes = null;
    this.message = null;
    try {
      this.open = await getJson(`api/v1/dialplans/${encodeURIComponent(name)}?type=${type}`);
      this.versions = await getJson(this.#path('/versions'));
    } catch (e) {
      this.message = e.message;
    }
  }

  #text() {
    return this.querySelector('textarea[aria-label="Dialplan text"]').value;
  }

  async #validate() {
    const answer = await this.#call(this.#path('/validate'), 'POST', { type: this.open.type, content: this.#text() });
    if (!answer) return;
    this.problems = answer.valid ? null : answer.problems.map((p) => (p.line > 0 ? `line ${p.line}: ${p.message}` : p.message));
    this.message = answer.valid ? 'Valid.' : `${answer.problems.length} problem(s).`;
  }

  async #save() {
    const comment = this.querySelector('[name=dialplan-comment]').value.trim() || null;
    const answer = await this.#call(this.#path(), 'PUT',
      { type: this.open.type, content: this.#text(), expectedVersion: this.open.version, comment });
    if (!answer) return;
    this.message = `Saved as version ${answer.version}.`;
    await this.#reload(answer);
  }

  async #deploy() {
    const answer = await this.#call(this.#path('/deploy'), 'POST', { version: this.open.version });
    if (!answer) return;
    this.outcomes = answer.nodes;
    this.message = answer.nodes.length
      ? `Version ${answer.version} deployed to ${answer.nodes.length} node(s).`
      : 'No node of this type has a dialplan directory (switchboard.dialplans.nodes.<node>.directory).';
    await this.#loadList();
  }

  async #rollback(version) {
    const answer = await this.#call(this.#path('/rollback'), 'POST', { version, comment: null });
    if (!answer) return;
    this.outcomes = answer.deployment.nodes;
    this.message = `Version ${version} is back as version ${answer.saved.version}.`;
    await this.#reload(answer.saved);
  }

  async #reload(view) {
    this.open = view;
    this.problems = null;
    this.versions = await getJson(this.#path('/versions'));
    await this.#loadList();
  }

  /** Sends a JSON body; on an error shows the message and the problems, and answers null. */
  async #call(path, method, body) {
    this.problems = null;
    const r = await sendJson(path, method, body);
    if (!r.ok) {
      this.message = r.message;
      this.problems = r.problems;
      return null;
    }
    return r.body;
  }

  render() {
    const o = this.open;
    return html`
      <div class="grid" style="margin-top: var(--gap)">
        <section class="panel" aria-label="Dialplans">
          <h2>Dialplans</h2>
          <table>
            <tr><th>Name</th><th>Type</th><th class="num">Version</th><th>Deployed</th><th></th></tr>
            ${(this.list ?? []).map((d) => html`<tr data-dialplan=${`${d.type}/${d.name}`}>
              <td>${d.name}</td><td>${d.type}</td><td class="num">${d.latestVersion}</td>
              <td>${Object.entries(d.deployed).map(([node, v]) => `${node}: v${v}`).join(', ') || '—'}</td>
              <td><button aria-label=${`Open ${d.type} ${d.name}`} @click=${() => this.#pick(d.name, d.type)}>Open</button></td>
            </tr>`)}
          </table>
          ${o ? html`
            <h2 style="margin-top:1em">Versions</h2>
            <table>
              <tr><th>Version</th><th>Saved</th><th>By</th><th>Comment</th><th></th></tr>
              ${(this.versions ?? []).map((x) => html`<tr data-dialplan-version-row=${x.version}>
                <td>${x.version}</td><td>${new Date(x.savedAt).toLocaleString()}</td><td>${x.savedBy}</td>
                <td>${x.comment ?? ''}</td>
                <td>${this.editable && x.version !== o.version ? html`<button
                  aria-label=${`Roll back dialplan to ${x.version}`} @click=${() => this.#rollback(x.version)}>Roll back</button>` : ''}</td>
              </tr>`)}
            </table>` : ''}
        </section>
        <section class="panel" aria-label="Dialplan editor">
          ${o ? html`
            <h2>${o.name} <span class="muted" data-dialplan-version=${o.version} data-dialplan-name=${o.name}>
              ${o.type} · version ${o.version} · ${o.savedBy}</span></h2>
            <textarea aria-label="Dialplan text" spellcheck="false" ?readonly=${!this.editable} .value=${o.content}></textarea>
            <form class="inline" @submit=${(e) => { e.preventDefault(); this.#save(); }}>
              <button type="button" aria-label="Validate dialplan" @click=${() => this.#validate()}>Validate</button>
              ${this.editable ? html`
                <label>Comment <input name="dialplan-comment" aria-label="Dialplan comment" size="30"></label>
                <button class="primary" aria-label="Save dialplan">Save</button>
                <button type="button" aria-label="Deploy dialplan" @click=${() => this.#deploy()}>Deploy v${o.version}</button>`
                : html`<span class="muted">Only admins change dialplans.</span>`}
            </form>` : html`<p class="muted">Open a dialplan to edit it.</p>`}
          <p role="alert" data-dialplan-message>${this.message ?? ''}</p>
          ${this.problems ? html`<ul class="problems" data-dialplan-problems>${this.problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
          ${this.outcomes ? html`<table>
            <tr><th>Node</th><th>Outcome</th><th>Message</th></tr>
            ${this.outcomes.map((n) => html`<tr data-deploy-node=${n.node} data-outcome=${n.outcome}>
              <td>${n.node}</td><td class=${n.outcome === 'DEPLOYED' ? 'ok' : 'error'}>${n.outcome}</td><td>${n.message ?? ''}</td></tr>`)}
          </table>` : ''}
        </section>
      </div>`;
  }
}
customElements.define('dialplan-editor', DialplanEditor);
