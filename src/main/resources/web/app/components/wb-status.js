import { html } from 'lit';
import { TickingElement } from './ticking-element.js';
import { Mode } from '../state/feed.js';
import { clock } from '../util/format.js';

const LABELS = {
  [Mode.CONNECTING]: 'connecting',
  [Mode.LIVE]: 'live',
  [Mode.RECONNECTING]: 'reconnecting',
  [Mode.OFFLINE]: 'offline',
};

/** Title, connection indicator, data version and wall clock. */
class WbStatus extends TickingElement {
  static properties = {
    status: { attribute: false },
    version: { attribute: false },
  };

  render() {
    const mode = this.status?.mode ?? Mode.CONNECTING;
    const age = this.status?.lastUpdate ? Math.round((Date.now() - this.status.lastUpdate) / 1000) : null;
    const hint = mode === Mode.RECONNECTING ? 'REST every 5 s' : mode === Mode.OFFLINE ? 'server unreachable' : '';
    return html`
      <h1>Switchboard <span>wallboard</span></h1>
      <div class="status">
        <span class="feed ${mode}" data-mode=${mode} title=${age == null ? '' : `last update ${age} s ago`}>
          <i></i>${LABELS[mode]}${hint ? html`<small>${hint}</small>` : ''}
        </span>
        <span class="version">v<b data-version>${this.version ?? '–'}</b></span>
        <time>${clock(new Date())}</time>
      </div>`;
  }
}
customElements.define('wb-status', WbStatus);
