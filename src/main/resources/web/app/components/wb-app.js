import { html } from 'lit';
import { LightElement } from './light-element.js';
import { MonitorStore } from '../state/store.js';
import { MonitorFeed } from '../state/feed.js';
import { fetchSession, signIn, signOut } from '../agent/state/session.js';
import { asaAbandonOption, serviceLevelOption } from '../charts/options.js';
import { SL_TARGET } from '../charts/palette.js';
import { count } from '../util/format.js';
import './wb-status.js';
import './wb-nodes.js';
import './wb-queue-tile.js';
import './wb-agents.js';
import './wb-chart.js';
import './wb-intervals.js';
import './sign-in-form.js';

/** Who may watch the board: the server answers the metrics to these roles only. */
const VIEWER_ROLES = ['supervisor', 'admin', 'integration'];

/**
 * The whole board: signs in (form login, as the agent desktop and the control console), then owns
 * the store and the feed and lays out the panels. The board shows the user's tenant only.
 */
class WbApp extends LightElement {
  static properties = {
    status: { state: true },
    session: { state: true },
    notice: { state: true },
  };

  constructor() {
    super();
    this.store = new MonitorStore();
    this.feed = new MonitorFeed(this.store);
    this.status = null;
    this.session = null;
    this.notice = null;
    // ?queues=a,b puts one team's queues (and their agents) on a screen of its own.
    const only = new URLSearchParams(location.search).get('queues');
    this.only = only ? new Set(only.split(',').map((q) => q.trim()).filter(Boolean)) : null;
    this.store.addEventListener('change', () => this.requestUpdate());
    this.feed.addEventListener('status', (e) => { this.status = e.detail; });
    // the session ended (expired, or signed out elsewhere): back to the form
    this.feed.addEventListener('signedout', () => {
      this.feed.stop();
      this.store.clear();
      this.notice = 'Your session has ended; please sign in again.';
      this.session = { authenticated: false };
    });
  }

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.feed.stop();
  }

  async #load() {
    try {
      this.session = await fetchSession();
    } catch (e) {
      this.session = { authenticated: false };
      this.notice = `The server is not answering (${e.message}).`;
      return;
    }
    if (this.#mayWatch()) {
      this.notice = null;
      this.feed.start();
    }
  }

  #mayWatch() {
    return this.session?.authenticated && (this.session.roles ?? []).some((r) => VIEWER_ROLES.includes(r));
  }

  async #signIn(user, password) {
    await signIn(user, password);
    await this.#load();
  }

  async #signOut() {
    this.feed.stop();
    this.store.clear();
    await signOut().catch(() => {});
    this.notice = null;
    await this.#load();
  }

  render() {
    if (!this.session) return html`<p class="muted placeholder">Loading…</p>`;
    if (!this.session.authenticated) {
      return html`<sign-in-form .product=${'wallboard'} .signIn=${(u, p) => this.#signIn(u, p)}
        .notice=${this.notice}></sign-in-form>`;
    }
    if (!this.#mayWatch()) {
      return html`<p class="error placeholder" role="alert">The wallboard is for supervisors, admins and
        integrations; ${this.session.user} is not one.
        <button aria-label="Sign out" @click=${() => this.#signOut()}>Sign out</button></p>`;
    }
    return this.#board();
  }

  #board() {
    const { store } = this;
    const queues = this.only ? store.queues.filter((q) => this.only.has(q.queue)) : store.queues;
    const agents = this.only
      ? store.agents.filter((a) => a.live?.queues?.some((q) => this.only.has(q)))
      : store.agents;
    // The tenant is only worth a label where queues of several share the board.
    const tenants = new Set(queues.map((q) => q.tenant)).size;
    return html`
      <header class="bar">
        <wb-status .status=${this.status} .version=${store.version}></wb-status>
        ${totals(queues)}
        <span class="user"><span class="muted" data-user>${this.session.user}</span>
          <button aria-label="Sign out" @click=${() => this.#signOut()}>Sign out</button></span>
      </header>
      <wb-nodes class="nodes" .nodes=${store.nodes}></wb-nodes>
      <section class="queues ${queues.length > 6 ? 'dense' : ''}">
        ${queues.length === 0
          ? html`<p class="muted placeholder">${store.hasData ? 'No queue activity yet today' : 'Waiting for data…'}</p>`
          : queues.map((q) => html`<wb-queue-tile class="tile" .queue=${q} .showTenant=${tenants > 1}></wb-queue-tile>`)}
      </section>
      <section class="lower">
        <wb-agents class="panel agents" .agents=${agents} .now=${() => store.now()}></wb-agents>
        <div class="panel chart-sl"><h3>Service level by queue <small>target ${SL_TARGET}%</small></h3>
          <wb-chart .option=${serviceLevelOption(queues)}></wb-chart></div>
        <div class="panel chart-asa"><h3>ASA and abandon rate by queue</h3>
          <wb-chart .option=${asaAbandonOption(queues)}></wb-chart></div>
        <wb-intervals class="panel chart-intervals" .queues=${queues.map((q) => q.queue)}></wb-intervals>
      </section>`;
  }
}

function totals(queues) {
  const sum = (pick) => queues.reduce((s, q) => s + (pick(q) ?? 0), 0);
  return html`
    <dl class="totals">
      <div><dt>Waiting</dt><dd data-total="waiting">${count(sum((q) => q.live?.waiting))}</dd></div>
      <div><dt>Offered</dt><dd data-total="offered">${count(sum((q) => q.figures?.offered))}</dd></div>
      <div><dt>Answered</dt><dd data-total="answered">${count(sum((q) => q.figures?.answered))}</dd></div>
      <div><dt>Abandoned</dt><dd data-total="abandoned">${count(sum((q) => q.figures?.abandoned))}</dd></div>
    </dl>`;
}

customElements.define('wb-app', WbApp);
