import { html } from 'lit';
import { LightElement } from '../../components/light-element.js';
import { getJson, send } from '../../agent/state/http.js';

const REFRESH_MS = 2000;
const LEVEL_NAMES = ['normal', 'overflow to self-service', 'self-service but VIP', 'emergency announcement'];

const pct = (x) => `${Math.round((x ?? 0) * 100)}%`;
const secs = (ms) => `${Math.round((ms ?? 0) / 1000)} s`;
const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');

/**
 * Degradation levels per tenant (with override), node groups, load and the latest decisions and
 * transitions; refreshed every 2 s.
 */
class RoutingState extends LightElement {
  static properties = {
    state: { state: true },
    events: { state: true },
    error: { state: true },
    message: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.#refresh();
    this.timer = setInterval(() => this.#refresh(), REFRESH_MS);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  async #refresh() {
    try {
      const [state, events] = await Promise.all([getJson('api/v1/routing/state'),
        getJson('api/v1/routing/events?limit=20')]);
      this.state = state;
      this.events = events;
      this.error = null;
    } catch (e) {
      this.error = `Routing state not available: ${e.message}`;
    }
  }

  async #override(e) {
    e.preventDefault();
    const f = e.target;
    const body = { tenant: f.tenant.value.trim(), level: Number(f.level.value), minutes: Number(f.minutes.value),
      reason: f.reason.value.trim() };
    try {
      await send('api/v1/routing/override', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body) });
      this.message = `Level ${body.level} set for ${body.tenant} for ${body.minutes} min.`;
      this.#refresh();
    } catch (err) {
      this.message = `Override refused: ${err.message}`;
    }
  }

  async #clear(tenant) {
    try {
      await send(`api/v1/routing/override/${encodeURIComponent(tenant)}`, { method: 'DELETE' });
      this.message = `Override for ${tenant} cleared.`;
      this.#refresh();
    } catch (err) {
      this.message = `Clearing failed: ${err.message}`;
    }
  }

  render() {
    const s = this.state;
    if (!s) return html`<p class=${this.error ? 'error' : 'muted'} role="alert">${this.error ?? 'Loading…'}</p>`;
    return html`
      <div class="grid">
        <section class="panel" aria-label="Degradation levels">
          <h2>Degradation levels <span class="muted">policy v${s.policyVersion} · deadline ${s.deadlineMillis} ms</span></h2>
          <table>
            <tr><th>Tenant</th><th>Level</th><th>Computed</th><th>Since</th><th>Why</th><th></th></tr>
            ${s.levels.map((l) => html`
              <tr data-tenant=${l.tenant} data-level=${l.level}>
                <td>${l.tenant}</td>
                <td><span class="level level-${l.level}" title=${LEVEL_NAMES[l.level]}>L${l.level}</span></td>
                <td>L${l.computedLevel}</td>
                <td>${time(l.since)}</td>
                <td>${l.reason ?? ''}${l.override ? html`<br><span class="muted">override by ${l.override.actor}
                  until ${time(l.override.until)}</span>` : ''}</td>
                <td>${l.override ? html`<button aria-label=${`Clear override ${l.tenant}`}
                  @click=${() => this.#clear(l.tenant)}>Clear</button>` : ''}</td>
              </tr>`)}
          </table>
          <form class="inline" @submit=${(e) => this.#override(e)} aria-label="Override">
            <label>Tenant <input name="tenant" aria-label="Override tenant" required size="10"
              value=${s.levels[0]?.tenant ?? ''}></label>
            <label>Level <select name="level" aria-label="Override level">
              ${LEVEL_NAMES.map((n, i) => html`<option value=${i}>L${i} ${n}</option>`)}</select></label>
            <label>Minutes <input name="minutes" aria-label="Override minutes" type="number" min="1" value="30" size="4"></label>
            <label>Reason <input name="reason" aria-label="Override reason" required size="18"></label>
            <button class="primary" aria-label="Set override">Set override</button>
          </form>
          <p role="status" data-message>${this.message ?? ''}</p>
        </section>

        <section class="panel" aria-label="Node groups">
          <h2>Nodes</h2>
          <table>
            <tr><th>Node</th><th>Group / role</th><th class="num">Calls</th><th class="num">Lines</th>
              <th class="num">Waiting</th><th class="num">Cmd p99</th><th class="num">Errors</th></tr>
            ${s.load.nodes.map((n) => {
              const g = s.groups.find((x) => x.members.some((m) => m.node === n.node));
              const m = g?.members.find((x) => x.node === n.node);
              return html`<tr data-node=${n.node}>
                <td class=${n.healthy ? 'up' : 'down'}>${n.node} <span class="muted">${n.pbxType}</span></td>
                <td>${g ? `${g.group} · ${g.active === n.node ? 'active' : (m?.role ?? '')}` : '—'}</td>
                <td class="num">${n.activeCalls}</td>
                <td class="num">${n.lineCapacity ? `${pct(n.activeCalls / n.lineCapacity)} of ${n.lineCapacity}` : '—'}</td>
                <td class="num">${n.waiting}</td>
                <td class="num">${Math.round(n.commandP99Ms)} ms</td>
                <td class="num">${pct(n.commandErrorRate)}</td></tr>`;
            })}
          </table>
        </section>

        <section class="panel" aria-label="Queues">
          <h2>Queues</h2>
          <table>
            <tr><th>Queue</th><th>Tenant</th><th class="num">Waiting</th><th class="num">Longest</th>
              <th class="num">Talking</th><th class="num">Available</th></tr>
            ${s.load.queues.map((q) => html`<tr data-queue=${q.queue}>
              <td>${q.queue}</td><td>${q.tenant ?? ''}</td><td class="num">${q.waiting}</td>
              <td class="num">${secs(q.longestWaitMs)}</td><td class="num">${q.talking}</td>
              <td class="num">${q.agentsAvailable} / ${q.agentsLoggedIn}</td></tr>`)}
          </table>
        </section>

        <section class="panel" aria-label="Transitions">
          <h2>Transitions</h2>
          <table>
            <tr><th>When</th><th>What</th><th>Scope</th><th>Change</th><th>Why</th></tr>
            ${(this.events ?? []).map((e) => html`<tr data-event=${e.kind}>
              <td>${time(e.at)}</td><td>${e.kind}</td><td>${e.scope}</td><td>${e.from ?? ''} → ${e.to ?? ''}</td>
              <td>${e.reason ?? ''} <span class="muted">${e.actor}</span></td></tr>`)}
          </table>
        </section>

        <section class="panel wide" aria-label="Recent decisions">
          <h2>Recent decisions</h2>
          <table>
            <tr><th>When</th><th>Node</th><th>Caller</th><th>Outcome</th><th>Queue</th><th>To</th>
              <th>By</th><th class="num">Level</th><th class="num">ms</th><th>Why</th></tr>
            ${s.recentDecisions.map((d) => html`<tr data-decision=${d.outcome}>
              <td>${time(d.at)}</td><td>${d.node}</td><td>${d.caller ?? ''}</td><td>${d.outcome}</td>
              <td>${d.queue ?? ''}</td><td>${d.destination ?? ''}</td><td>${d.strategy}</td>
              <td class="num">${d.level >= 0 ? `L${d.level}` : ''}</td><td class="num">${d.millis.toFixed(1)}</td>
              <td>${d.reason ?? ''}</td></tr>`)}
          </table>
        </section>
      </div>`;
  }
}
customElements.define('routing-state', RoutingState);
