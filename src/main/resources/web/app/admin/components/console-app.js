import { html } from 'lit';
import { LightElement } from '../../components/light-element.js';
import { fetchSession, signIn, signOut } from '../../agent/state/session.js';
import './routing-state.js';
import './routing-policy.js';
import './dialplan-editor.js';
import './workflow-editor.js';

/** The control console: sign-in, then tabs: routing (state, policy editor), dialplans and workflows. */
class ConsoleApp extends LightElement {
  static properties = {
    session: { state: true },
    error: { state: true },
    tab: { state: true },
  };

  constructor() {
    super();
    this.tab = 'routing';
  }

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  async #load() {
    try {
      this.session = await fetchSession();
    } catch (e) {
      this.session = { authenticated: false };
      this.error = `The server is not answering (${e.message}).`;
    }
  }

  async #submit(e) {
    e.preventDefault();
    const form = e.target;
    this.error = null;
    try {
      await signIn(form.user.value.trim(), form.password.value);
      await this.#load();
    } catch (err) {
      this.error = err.status === 401 ? 'Wrong user name or password.' : `Sign-in failed: ${err.message}`;
    }
  }

  async #signOut() {
    await signOut().catch(() => {});
    await this.#load();
  }

  render() {
    if (!this.session) return html`<p class="muted">Loading…</p>`;
    const roles = this.session.roles ?? [];
    if (!this.session.authenticated) {
      return html`
        <form class="panel login" @submit=${(e) => this.#submit(e)} aria-label="Sign in">
          <h1>Switchboard <span class="muted">control console</span></h1>
          <label>User name <input name="user" aria-label="User name" autocomplete="username" required autofocus></label>
          <label>Password <input name="password" type="password" aria-label="Password" required></label>
          <button type="submit" class="primary" aria-label="Sign in">Sign in</button>
          <p class="error" role="alert">${this.error ?? ''}</p>
        </form>`;
    }
    const allowed = roles.includes('admin') || roles.includes('supervisor');
    return html`
      <header class="bar">
        <h1>Switchboard <span>control console</span></h1>
        <span><span class="muted" data-user>${this.session.user} (${roles.join(', ')})</span>
          <button aria-label="Sign out" @click=${() => this.#signOut()}>Sign out</button></span>
      </header>
      ${allowed
        ? html`<nav class="tabs" role="tablist">
                 ${[['routing', 'Routing'], ['dialplans', 'Dialplans'], ['workflows', 'Workflows']].map(([id, label]) => html`
                   <button role="tab" aria-label=${`${label} tab`} aria-selected=${this.tab === id}
                     class=${this.tab === id ? 'primary' : ''} @click=${() => { this.tab = id; }}>${label}</button>`)}
               </nav>
               ${this.tab === 'routing'
                 ? html`<routing-state></routing-state>
                        <routing-policy .editable=${roles.includes('admin')}></routing-policy>`
                 : this.tab === 'dialplans'
                   ? html`<dialplan-editor .editable=${roles.includes('admin')}></dialplan-editor>`
                   : html`<workflow-editor .editable=${roles.includes('admin')}></workflow-editor>`}`
        : html`<p class="error" role="alert">The control console is for supervisors and admins.</p>`}`;
  }
}
customElements.define('console-app', ConsoleApp);
