import { html } from 'lit';
import { LightElement } from './light-element.js';
import { intervalsOption } from '../charts/options.js';
import './wb-chart.js';

const REFRESH_MS = 60_000;
// A server without the history endpoint is asked again now and then, not every minute.
const MISSING_RETRY_MS = 5 * 60_000;
const INTERVAL_MS = 15 * 60_000;

/** Today's 15-minute intervals of one queue; says so plainly when the server has no history. */
class WbIntervals extends LightElement {
  static properties = {
    queues: { attribute: false },
    selected: { state: true },
    option: { state: true },
    problem: { state: true },
  };

  constructor() {
    super();
    this.selected = new URLSearchParams(location.search).get('queue');
    this.option = null; // null until the first answer
    this.problem = null;
    this.timer = null;
    this.loadedFor = null;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  willUpdate() {
    const names = this.queues ?? [];
    if (!this.selected || (names.length && !names.includes(this.selected))) {
      this.selected = names[0] ?? null;
    }
    if (this.selected && this.selected !== this.loadedFor) {
      this.loadedFor = this.selected;
      this.#load();
    }
  }

  async #load() {
    clearTimeout(this.timer);
    const queue = this.selected;
    const now = Date.now();
    const from = new Date();
    from.setHours(0, 0, 0, 0);
    const to = new Date(Math.ceil(now / INTERVAL_MS) * INTERVAL_MS);
    const url = new URL(`api/v1/metrics/queues/${encodeURIComponent(queue)}/intervals`, document.baseURI);
    url.searchParams.set('from', from.toISOString());
    url.searchParams.set('to', to.toISOString());
    let retry = REFRESH_MS;
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (queue !== this.selected) return; // the choice changed meanwhile
      if (response.status === 404 || response.status === 405) {
        this.problem = 'Interval history is not available on this server yet';
        retry = MISSING_RETRY_MS;
      } else if (!response.ok) {
        this.problem = `Interval history failed (HTTP ${response.status})`;
      } else {
        const intervals = await response.json();
        this.option = intervals.length ? intervalsOption(intervals) : null;
        this.problem = intervals.length ? null : 'No calls yet today';
      }
    } catch {
      this.problem = 'Interval history unreachable';
    }
    this.timer = setTimeout(() => this.#load(), retry);
  }

  render() {
    const names = this.queues ?? [];
    return html`
      <h3>Today by 15 minutes
        ${names.length ? html`<select aria-label="Queue" @change=${(e) => { this.selected = e.target.value; }}>
          ${names.map((n) => html`<option .selected=${n === this.selected} value=${n}>${n}</option>`)}
        </select>` : ''}
      </h3>
      ${this.problem || !this.option
        ? html`<p class="muted placeholder">${this.problem ?? (names.length ? 'Loading…' : 'No queues yet')}</p>`
        : html`<wb-chart .option=${this.option}></wb-chart>`}`;
  }
}
customElements.define('wb-intervals', WbIntervals);
