import { html } from 'lit';
import { LightElement } from './light-element.js';
import { count } from '../util/format.js';

/** One chip per PBX node: name, PBX type, connection state, calls up now. */
class WbNodes extends LightElement {
  static properties = { nodes: { attribute: false } };

  render() {
    const nodes = this.nodes ?? [];
    if (nodes.length === 0) return html`<span class="muted">No PBX nodes reported yet</span>`;
    return nodes.map((n) => html`
      <div class="node ${n.connection === 'CONNECTED' ? 'up' : 'down'}" data-node=${n.node}>
        <i></i>
        <b>${n.node}</b>
        <span class="badge">${n.pbxType}</span>
        <span class="conn">${n.connection?.toLowerCase()}</span>
        <span class="calls"><b>${count(n.activeCalls)}</b> active</span>
      </div>`);
  }
}
customElements.define('wb-nodes', WbNodes);
