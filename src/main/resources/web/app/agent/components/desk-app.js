import { html } from 'lit';
import { LightElement } from '../../components/light-element.js';
import { DeskConnection, Mode } from '../state/connection.js';
import { CardStore, isFinal } from '../state/cards.js';
import { fetchSession, signIn, signOut } from '../state/session.js';
import { getJson } from '../state/http.js';
import { millis } from '../format.js';
import '../../components/sign-in-form.js';
import './desk-header.js';
import './desk-card.js';
import './desk-wrap-up.js';
import './desk-dialer.js';
import './desk-recent.js';
import './desk-tickets.js';

const RECENT_CALLS = 10;
// A finished call's record is written a moment after the call ends.
const RECENT_RELOAD_DELAY_MS = 2000;

/** The whole desktop: the session, the socket and what it brings; lays out the panels. */
class DeskApp extends LightElement {
  static properties = {
    session: { state: true },
    desk: { state: true },
    status: { state: true },
    mode: { state: true },
    recent: { state: true },
    recentError: { state: true },
    notice: { state: true },
  };

  constructor() {
    super();
    this.session = null;
    this.desk = null;
    this.status = null;
    this.mode = Mode.CONNECTING;
    this.recent = null;
    this.recentError = null;
    this.notice = null;
    this.me = undefined; // the agent record: undefined until loaded, null for a user who is no agent
    this.skew = 0;
    // Consultations under way (attended transfers), by call: the destination consulted.
    this.consulting = new Map();
    this.connection = new DeskConnection();
    this.cards = new CardStore();
    this.cards.addEventListener('change', () => this.requestUpdate());
    this.connection.addEventListener('status', (e) => { this.mode = e.detail.mode; });
    this.connection.addEventListener('hello', (e) => this.#hello(e.detail));
    this.connection.addEventListener('state', (e) => this.#state(e.detail));
    this.connection.addEventListener('card', (e) => this.#card(e.detail));
    this.connection.addEventListener('closed', () => this.#checkSession());
    this.now = () => Date.now() + this.skew;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#boot();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.connection.stop();
  }

  async #boot() {
    try {
      this.#useSession(await fetchSession());
    } catch (e) {
      this.notice = `The server is not answering (${e.message}); reload the page in a moment.`;
      this.session = { authenticated: false };
    }
  }

  #useSession(session) {
    this.skew = session.skew ?? 0;
    this.session = session;
    if (session.authenticated) {
      this.notice = null;
      this.connection.start();
      this.#loadMe();
    }
  }

  async #signIn(user, password) {
    await signIn(user, password);
    this.#useSession(await fetchSession());
  }

  async #signOut() {
    this.connection.stop();
    try {
      await signOut();
      this.notice = null;
    } catch (e) {
      this.notice = `The server could not end the session (${e.message}): it ends by itself after its timeout.`;
    }
    this.#reset();
    this.session = { authenticated: false };
  }

  #reset() {
    this.desk = null;
    this.status = null;
    this.me = undefined;
    this.recent = null;
    this.consulting.clear();
    this.cards.clear();
  }

  // A dropped socket may mean the session ran out: then the login form, else keep retrying.
  async #checkSession() {
    try {
      const session = await fetchSession();
      if (!session.authenticated && this.session?.authenticated) {
        this.connection.stop();
        this.#reset();
        this.notice = 'Your session has ended; please sign in again.';
        this.session = session;
      }
    } catch {
      // the server is away; the connection keeps trying
    }
  }

  #hello(desk) {
    this.desk = desk;
    // A state change may overtake the hello on a new connection; the newer state stays.
    const held = millis(this.status?.since);
    if (this.status == null || held == null || (millis(desk.status?.since) ?? 0) >= held) {
      this.status = desk.status ?? null;
    }
    this.#loadRecent();
  }

  #state(status) {
    if (this.desk?.agentId && status?.agentId && status.agentId !== this.desk.agentId) return;
    this.status = status;
  }

  #card(card) {
    if (!this.cards.apply(card)) return;
    if (isFinal(card)) {
      this.consulting.delete(card.callId);
      clearTimeout(this.recentTimer);
      this.recentTimer = setTimeout(() => this.#loadRecent(), RECENT_RELOAD_DELAY_MS);
    }
  }

  async #loadMe() {
    let me;
    try {
      me = await getJson('api/v1/agents/me');
    } catch {
      me = null; // not an agent: the hello says so too
    }
    if (!this.session?.authenticated) return; // signed out meanwhile
    this.me = me;
    this.#loadRecent();
  }

  /**
   * The agent's latest finished calls. Call records name the agent by its queue member
   * interface on each node (the PBX's own member name may differ from ours), so one query per
   * phone, merged.
   */
  async #loadRecent() {
    if (this.me === undefined) return; // #loadMe calls again once it knows
    const endpoints = this.me?.endpoints ?? [];
    if (endpoints.length === 0) {
      this.recent = this.desk?.agentId ? [] : null;
      return;
    }
    try {
      const pages = await Promise.all(endpoints.map((e) => getJson(`api/v1/calls?${new URLSearchParams({
        agent: e.memberInterface, node: e.node, limit: String(RECENT_CALLS),
      })}`)));
      const byId = new Map(pages.flatMap((p) => p.items ?? []).map((c) => [c.id, c]));
      this.recent = [...byId.values()]
        .sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)))
        .slice(0, RECENT_CALLS);
      this.recentError = null;
    } catch (e) {
      this.recentError = `Recent calls could not be loaded: ${e.message}`;
    }
  }

  #setConsulting(callId, destination) {
    if (destination) {
      this.consulting.set(callId, destination);
    } else {
      this.consulting.delete(callId);
    }
    this.requestUpdate();
  }

  render() {
    if (this.session == null) {
      return html`<p class="placeholder muted">Loading…</p>`;
    }
    if (!this.session.authenticated) {
      return html`<sign-in-form .product=${'agent desktop'} .signIn=${(u, p) => this.#signIn(u, p)}
        .notice=${this.notice}></sign-in-form>`;
    }
    const card = this.cards.current;
    const isAgent = this.desk ? this.desk.agentId != null : true;
    return html`
      <desk-header .desk=${this.desk} .status=${this.status} .mode=${this.mode} .user=${this.session.user}
        .connection=${this.connection} .now=${this.now} .signOut=${() => this.#signOut()}></desk-header>
      ${isAgent ? html`
        <main class="desk">
          <section class="call-column">
            ${this.status?.presence === 'WRAP_UP' ? html`
              <desk-wrap-up .status=${this.status} .dispositions=${this.desk?.dispositions ?? []}
                .connection=${this.connection} .now=${this.now}></desk-wrap-up>` : ''}
            <desk-card .card=${card} .cards=${this.cards.all} .consulting=${card ? this.consulting.get(card.callId) : null}
              .connection=${this.connection} .now=${this.now}
              .onSelect=${(id) => this.cards.select(id)} .onDismiss=${(id) => this.cards.dismiss(id)}
              .onConsulting=${(id, dest) => this.#setConsulting(id, dest)}></desk-card>
          </section>
          <aside class="side-column">
            <desk-dialer .connection=${this.connection}></desk-dialer>
            <desk-recent .calls=${this.recent} .loadError=${this.recentError} .connection=${this.connection}
              .reload=${() => this.#loadRecent()}></desk-recent>
            <desk-tickets .card=${card}></desk-tickets>
          </aside>
        </main>` : html`
        <main class="desk not-agent">
          <p class="panel placeholder">User <b>${this.session.user}</b> is not an agent: the desktop needs an
            agent's login. Supervisors and admins with an agent of their own see it here.</p>
        </main>`}`;
  }
}
customElements.define('desk-app', DeskApp);
