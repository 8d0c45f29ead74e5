import { html } from 'lit';
import { DeskActionElement } from './desk-action.js';
import { text, when } from '../format.js';
import { duration, words } from '../../util/format.js';

/** The agent's latest finished calls (call records), each with a call-back button. */
class DeskRecent extends DeskActionElement {
  static properties = {
    calls: { attribute: false },
    loadError: { attribute: false },
    reload: { attribute: false },
  };

  render() {
    const calls = this.calls;
    return html`
      <section class="panel recent" aria-label="My recent calls">
        <h3>My recent calls
          <button class="quiet" aria-label="Refresh recent calls" @click=${() => this.reload()}>Refresh</button></h3>
        ${calls == null ? html`<p class="muted">loading…</p>`
          : calls.length === 0 ? html`<p class="muted">No finished calls yet.</p>` : html`
          <table>
            <thead><tr><th>Time</th><th>Caller</th><th>Result</th><th class="num">Talk</th><th></th></tr></thead>
            <tbody>${calls.map((c) => html`
              <tr data-call=${c.id}>
                <td>${when(c.startedAt)}</td>
                <td class="caller-cell">${text(c.callerNumber)}${c.callerName ? html`<small>${c.callerName}</small>` : ''}</td>
                <td>${words(c.disposition)}${c.queue ? html`<small>${c.queue}</small>` : ''}</td>
                <td class="num">${duration(c.talkSeconds * 1000)}</td>
                <td>${c.callerNumber ? html`<button class="quiet" aria-label=${`Call back ${c.callerNumber}`}
                  title="Call back" ?disabled=${this.busy}
                  @click=${() => this.act('Call back', 'dial', { destination: c.callerNumber })}>Call</button>` : ''}</td>
              </tr>`)}</tbody>
          </table>`}
        <p class="error" role="alert" aria-label="Recent calls error">${this.error ?? this.loadError ?? ''}</p>
      </section>`;
  }
}
customElements.define('desk-recent', DeskRecent);
