import { html } from 'lit';
import { DeskActionElement } from './desk-action.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** Click-to-dial: a number typed or keyed in, then Call (the PBX rings the agent's phone first). */
class DeskDialer extends DeskActionElement {
  static properties = {
    number: { state: true },
    placed: { state: true },
  };

  constructor() {
    super();
    this.number = '';
  }

  #key(k) {
    this.number += k;
  }

  async #dial(e) {
    e.preventDefault();
    const destination = this.number.trim();
    if (!destination) return;
    this.placed = null;
    if (await this.act('Call', 'dial', { destination }) !== undefined) {
      this.placed = `Calling ${destination}: your phone rings first.`;
    }
  }

  render() {
    return html`
      <section class="panel dialer" aria-label="Dial">
        <h3>Dial</h3>
        <form @submit=${(e) => this.#dial(e)}>
          <input name="number" aria-label="Number to dial" inputmode="tel" autocomplete="off"
            placeholder="Number or extension" .value=${this.number}
            @input=${(e) => { this.number = e.target.value; }}>
          <button type="submit" class="good" aria-label="Call" ?disabled=${this.busy || !this.number.trim()}>Call</button>
        </form>
        <div class="keypad" role="group" aria-label="Keypad">
          ${KEYS.map((k) => html`<button type="button" aria-label=${`Key ${k}`} @click=${() => this.#key(k)}>${k}</button>`)}
          <button type="button" class="quiet wide" aria-label="Delete last digit"
            @click=${() => { this.number = this.number.slice(0, -1); }}>⌫</button>
          <button type="button" class="quiet wide" aria-label="Clear number"
            @click=${() => { this.number = ''; }}>Clear</button>
        </div>
        <p class="error" role="alert" aria-label="Dial error">${this.error ?? ''}</p>
        ${this.placed ? html`<p class="ok" role="status">${this.placed}</p>` : ''}
      </section>`;
  }
}
customElements.define('desk-dialer', DeskDialer);
