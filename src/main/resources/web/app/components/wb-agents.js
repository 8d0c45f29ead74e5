import { html } from 'lit';
import { TickingElement } from './ticking-element.js';
import { count, duration, percent } from '../util/format.js';

/** Every agent with its state and how long it has been in it (ticking), plus today's work. */
class WbAgents extends TickingElement {
  static properties = {
    agents: { attribute: false },
    // () => server time in epoch millis, so "since" does not drift with the local clock.
    now: { attribute: false },
  };

  render() {
    const agents = this.agents ?? [];
    const now = this.now?.() ?? Date.now();
    return html`
      <h3>Agents <small>${agents.length}</small></h3>
      <div class="scroll">
        <table>
          <thead><tr><th>Agent</th><th>State</th><th class="num">Since</th><th class="num">Answered</th>
            <th class="num">AHT</th><th class="num">Occupancy</th></tr></thead>
          <tbody>
            ${agents.length === 0 ? html`<tr><td colspan="6" class="muted">No agents reported yet</td></tr>` : ''}
            ${agents.map((a) => row(a, now))}
          </tbody>
        </table>
      </div>`;
  }
}

function row(a, now) {
  const live = a.live;
  const state = live ? (live.paused ? 'PAUSED' : live.state) : 'UNKNOWN';
  const since = live?.since ? now - Date.parse(live.since) : null;
  return html`
    <tr data-agent=${a.agent}>
      <td>${a.agent}</td>
      <td><span class="state s-${state.toLowerCase()}">${state.toLowerCase().replace('_', ' ')}</span>
        ${live?.paused && live.pauseReason ? html`<small>${live.pauseReason}</small>` : ''}</td>
      <td class="num">${duration(since)}</td>
      <td class="num">${count(a.answered)}</td>
      <td class="num">${duration(a.ahtMillis)}</td>
      <td class="num">${percent(a.occupancy, 0)}</td>
    </tr>`;
}

customElements.define('wb-agents', WbAgents);
