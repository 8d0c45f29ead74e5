import { html } from 'lit';
import { TickingDeskElement } from './desk-action.js';
import { Mode } from '../state/connection.js';
import { PRESENCE, label, millis } from '../format.js';
import { duration } from '../../util/format.js';

const MODES = { [Mode.CONNECTING]: 'connecting', [Mode.LIVE]: 'live', [Mode.RECONNECTING]: 'reconnecting' };

/** Agent name, state badge with time in state, Ready / Pause / Log in / Log out, the connection, sign-out. */
class DeskHeader extends TickingDeskElement {
  static properties = {
    desk: { attribute: false },
    status: { attribute: false },
    mode: { attribute: false },
    user: { attribute: false },
    signOut: { attribute: false },
  };

  #reason() {
    return this.querySelector('select[name="reason"]')?.value ?? this.desk?.pauseReasons?.[0];
  }

  render() {
    const presence = this.status?.presence ?? null;
    const since = millis(this.status?.since);
    const inState = since == null ? '' : duration(this.time() - since);
    const live = this.mode === Mode.LIVE;
    const agent = this.desk?.agentId != null;
    const reasons = this.desk?.pauseReasons ?? [];
    return html`
      <header class="bar">
        <h1>Switchboard <span>agent desktop</span></h1>
        <div class="agent">
          <b class="agent-name" data-agent-name>${this.desk?.agentName ?? this.desk?.agentId ?? this.user}</b>
          ${agent ? html`
            <span class="state s-${(presence ?? 'unknown').toLowerCase()}" role="status" aria-label="Agent state"
              data-presence=${presence ?? ''}>${PRESENCE[presence] ?? 'Unknown'}${presence === 'PAUSED'
                && this.status.pauseReason ? html`<small> · ${label(this.status.pauseReason)}</small>` : ''}</span>
            <time class="in-state" data-in-state title="time in this state">${inState}</time>` : ''}
        </div>
        ${agent ? html`
          <div class="actions" role="group" aria-label="Agent state controls">
            ${presence === 'LOGGED_OUT' || presence == null
              ? html`<button aria-label="Log in" title="Join your queues" ?disabled=${!live || this.busy}
                  @click=${() => this.act('Log in', 'login')}>Log in</button>`
              : html`<button aria-label="Log out" title="Leave your queues" ?disabled=${!live || this.busy}
                  @click=${() => this.act('Log out', 'logout')}>Log out</button>`}
            <button class="good" aria-label="Ready" ?disabled=${!live || this.busy || presence !== 'PAUSED'}
              @click=${() => this.act('Ready', 'unpause')}>Ready</button>
            <span class="pause">
              <select name="reason" aria-label="Pause reason" ?disabled=${!live}>
                ${reasons.map((r) => html`<option value=${r}>${label(r)}</option>`)}
              </select>
              <button class="warn" aria-label="Pause" ?disabled=${!live || this.busy || presence === 'LOGGED_OUT'
                || reasons.length === 0} @click=${() => this.act('Pause', 'pause', { reason: this.#reason() })}>Pause</button>
            </span>
          </div>` : ''}
        <div class="status">
          <span class="feed ${this.mode}" data-mode=${this.mode ?? ''}><i></i>${MODES[this.mode] ?? this.mode}</span>
          <span class="user muted">${this.user}</span>
          <button class="quiet" aria-label="Sign out" title="End this browser's session" @click=${() => this.signOut()}>Sign out</button>
        </div>
        <p class="error" role="alert" aria-label="Agent state error">${this.error ?? ''}</p>
      </header>`;
  }
}
customElements.define('desk-header', DeskHeader);
