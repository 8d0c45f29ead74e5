import { html } from 'lit';
import { TickingDeskElement } from './desk-action.js';
import { label, millis } from '../format.js';
import { duration } from '../../util/format.js';

/** After a call: a disposition, an optional note, and Done (which makes the agent available). */
class DeskWrapUp extends TickingDeskElement {
  static properties = {
    status: { attribute: false },
    dispositions: { attribute: false },
    disposition: { state: true },
  };

  async #done(e) {
    e.preventDefault();
    const form = e.target;
    const result = await this.act('Wrap-up', 'wrap-up', {
      callId: this.status?.callId ?? null,
      disposition: form.disposition.value,
      note: form.note.value.trim() || null,
    });
    if (result !== undefined) {
      form.reset();
      this.disposition = '';
    }
  }

  render() {
    const until = millis(this.status?.wrapUpUntil);
    const left = until == null ? null : Math.max(0, until - this.time());
    return html`
      <section class="panel wrap-up" aria-label="Wrap-up">
        <h3>Wrap-up ${left == null ? '' : html`<small data-field="wrapUpLeft" title="ready again by itself after">
          ${duration(left)} left</small>`}</h3>
        <form @submit=${(e) => this.#done(e)}>
          <label>Disposition
            <select name="disposition" aria-label="Disposition" required
              @change=${(e) => { this.disposition = e.target.value; }}>
              <option value="" ?selected=${!this.disposition}>Choose…</option>
              ${(this.dispositions ?? []).map((d) => html`<option value=${d}>${label(d)}</option>`)}
            </select>
          </label>
          <label class="note">Note
            <textarea name="note" aria-label="Wrap-up note" rows="2" maxlength="1000"
              placeholder="What was agreed, what follows"></textarea>
          </label>
          <button type="submit" class="primary" aria-label="Done" ?disabled=${this.busy || !this.disposition}>Done</button>
        </form>
        <p class="error" role="alert" aria-label="Wrap-up error">${this.error ?? ''}</p>
      </section>`;
  }
}
customElements.define('desk-wrap-up', DeskWrapUp);
