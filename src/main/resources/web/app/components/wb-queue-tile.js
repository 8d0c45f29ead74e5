import { html } from 'lit';
import { LightElement } from './light-element.js';
import { abandonClass, count, duration, percent, slClass, words } from '../util/format.js';
import { onTick } from '../util/ticker.js';

const BUSY_STATES = ['RINGING', 'BUSY', 'WRAP_UP'];

/** A queue at a glance: who waits now, how today went, and who can take the next call. */
class WbQueueTile extends LightElement {
  static properties = { queue: { attribute: false }, showTenant: { attribute: false } };

  connectedCallback() {
    super.connectedCallback();
    // The longest current wait keeps growing between server updates.
    this.stopTick = onTick(() => {
      if (this.queue?.live?.waiting > 0) this.requestUpdate();
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.stopTick?.();
  }

  render() {
    const q = this.queue;
    if (!q) return '';
    const f = q.figures ?? {};
    const live = q.live ?? { waiting: 0, longestCurrentWaitMillis: 0, agentsByState: {} };
    const byState = live.agentsByState ?? {};
    const busy = BUSY_STATES.reduce((sum, s) => sum + (byState[s] ?? 0), 0);
    const longest = live.waiting > 0 ? live.longestCurrentWaitMillis + (Date.now() - (q.receivedAt ?? Date.now())) : 0;
    const policy = q.policy;
    this.dataset.queue = q.queue;
    return html`
      <header>
        <h2>${q.queue}</h2>
        ${this.showTenant && q.tenant ? html`<span class="tenant">${q.tenant}</span>` : ''}
      </header>
      <div class="now ${live.waiting > 0 ? 'queued' : ''}">
        <div><label>Waiting</label><b class="big" data-field="waiting">${count(live.waiting)}</b></div>
        <div><label>Longest wait</label><b class="big" data-field="longest">${duration(longest)}</b></div>
      </div>
      <div class="sl ${slClass(f.serviceLevel)}">
        <b class="big" data-field="sl">${percent(f.serviceLevel)}</b>
        <span>service level
          ${policy ? html`<small>within ${policy.thresholdSeconds} s · ${words(policy.variant)}</small>` : ''}</span>
      </div>
      <dl class="figures">
        <div><dt>ASA</dt><dd data-field="asa">${duration(f.asaMillis)}</dd></div>
        <div class=${abandonClass(f.abandonRate)}><dt>Abandon</dt><dd data-field="abandon">${percent(f.abandonRate)}</dd></div>
        <div><dt>AHT</dt><dd data-field="aht">${duration(f.ahtMillis)}</dd></div>
        <div><dt>Offered</dt><dd data-field="offered">${count(f.offered)}</dd></div>
        <div><dt>Answered</dt><dd data-field="answered">${count(f.answered)}</dd></div>
        <div><dt>Abandoned</dt><dd data-field="abandoned">${count(f.abandoned)}</dd></div>
      </dl>
      <footer class="staff">
        <span class="available"><b>${count(byState.AVAILABLE ?? 0)}</b> available</span>
        <span class="busy"><b>${count(busy)}</b> busy</span>
        <span class="paused"><b>${count(byState.PAUSED ?? 0)}</b> paused</span>
      </footer>`;
  }
}
customElements.define('wb-queue-tile', WbQueueTile);
