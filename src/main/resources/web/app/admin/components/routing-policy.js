import { html } from 'lit';
import { LightElement } from '../../components/light-element.js';
import { getJson, send } from '../../agent/state/http.js';
import { sendJson } from '../state/json.js';

/**
 * The routing policy as JSON: edit and save (admins), versions with roll-back, and a trial call
 * that shows what the policy in force does with it.
 */
class RoutingPolicy extends LightElement {
  static properties = {
    editable: { type: Boolean },
    view: { state: true },
    text: { state: true },
    versions: { state: true },
    problems: { state: true },
    message: { state: true },
    trial: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  async #load() {
    try {
      this.view = await getJson('api/v1/routing/policy');
      this.text = JSON.stringify(this.view.policy, null, 2);
      this.versions = await getJson('api/v1/routing/policy/versions?limit=20');
    } catch (e) {
      this.message = `Policy not available: ${e.message}`;
    }
  }

  async #save() {
    this.problems = null;
    let policy;
    try {
      policy = JSON.parse(this.querySelector('textarea').value);
    } catch (e) {
      this.problems = [`not valid JSON: ${e.message}`];
      return;
    }
    const comment = this.querySelector('[name=comment]').value.trim() || null;
    await this.#put('api/v1/routing/policy', 'PUT', { expectedVersion: this.view.version, comment, policy });
  }

  async #rollback(version) {
    this.problems = null;
    await this.#put('api/v1/routing/policy/rollback', 'POST', { version, comment: null });
  }

  async #put(path, method, body) {
    const r = await sendJson(path, method, body);
    if (!r.ok) {
      this.message = r.message;
      this.problems = r.problems;
      return;
    }
    this.message = `Saved as version ${r.body.version}.`;
    await this.#load();
  }

  async #try(e) {
    e.preventDefault();
    const f = e.target;
    let variables = {};
    try {
      variables = f.variables.value.trim() ? JSON.parse(f.variables.value) : {};
    } catch (err) {
      this.trial = { error: `variables: not valid JSON (${err.message})` };
      return;
    }
    try {
      const response = await send('api/v1/routing/decide', { method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ node: f.node.value.trim(), callerNumber: f.caller.value.trim() || null,
          dialed: null, variables }) });
      this.trial = await response.json();
    } catch (err) {
      this.trial = { error: err.message };
    }
  }

  render() {
    if (!this.view) return html`<p class="muted">${this.message ?? 'Loading policy…'}</p>`;
    const v = this.view;
    return html`
      <div class="grid" style="margin-top: var(--gap)">
        <section class="panel" aria-label="Routing policy">
          <h2>Routing policy <span class="muted" data-policy-version=${v.version}>version ${v.version}
            · ${v.savedBy} · strategies: ${v.strategies.join(', ')}</span></h2>
          <textarea aria-label="Policy JSON" spellcheck="false" ?readonly=${!this.editable}
            .value=${this.text}></textarea>
          ${this.editable ? html`<form class="inline" @submit=${(e) => { e.preventDefault(); this.#save(); }}>
            <label>Comment <input name="comment" aria-label="Policy comment" size="40"></label>
            <button class="primary" aria-label="Save policy">Save</button>
            <button type="button" aria-label="Reload policy" @click=${() => this.#load()}>Reload</button>
          </form>` : html`<p class="muted">Only admins change the policy.</p>`}
          <p role="alert" data-policy-message>${this.message ?? ''}</p>
          ${this.problems ? html`<ul class="problems" data-problems>${this.problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
        </section>
        <section class="panel" aria-label="Policy versions">
          <h2>Versions</h2>
          <table>
            <tr><th>Version</th><th>Saved</th><th>By</th><th>Comment</th><th></th></tr>
            ${(this.versions ?? []).map((x) => html`<tr data-version=${x.version}>
              <td>${x.version}</td><td>${x.version === 0 ? 'shipped' : new Date(x.savedAt).toLocaleString()}</td><td>${x.savedBy}</td>
              <td>${x.comment ?? ''}</td>
              <td>${this.editable && x.version !== v.version ? html`<button aria-label=${`Roll back to ${x.version}`}
                @click=${() => this.#rollback(x.version)}>Roll back</button>` : ''}</td></tr>`)}
          </table>
          <h2 style="margin-top:1em">Try a call</h2>
          <form class="inline" @submit=${(e) => this.#try(e)} aria-label="Trial call">
            <label>Node <input name="node" aria-label="Trial node" required size="8" value="demo"></label>
            <label>Caller <input name="caller" aria-label="Trial caller" size="12"></label>
            <label>Variables (JSON) <input name="variables" aria-label="Trial variables" size="30"
              placeholder='{"CALL_TYPE":"billing"}'></label>
            <button aria-label="Try">Try</button>
          </form>
          ${this.trial ? (this.trial.error ? html`<p class="error">${this.trial.error}</p>` : html`
            <p data-trial=${this.trial.outcome}><b>${this.trial.outcome}</b> ${this.trial.queue ?? ''} →
              ${this.trial.destination.context},${this.trial.destination.extension}
              <span class="muted">(${this.trial.strategy}, L${this.trial.level}: ${this.trial.reason})</span></p>`) : ''}
        </section>
      </div>`;
  }
}
customElements.define('routing-policy', RoutingPolicy);
