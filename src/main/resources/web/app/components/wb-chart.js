import { echarts } from '../charts/echarts.js';

/**
 * Hosts one ECharts instance. Set `option` whenever the data may have changed: an equal option
 * is skipped, a different one is merged by series id so bars and lines move instead of being
 * redrawn from zero. `data-rendered` is present while the chart is drawn and at rest.
 */
class WbChart extends HTMLElement {
  #chart = null;
  #option = null;
  #shown = null;
  #resize = new ResizeObserver(() => this.#chart?.resize());

  set option(option) {
    this.#option = option;
    this.#apply();
  }

  get option() {
    return this.#option;
  }

  connectedCallback() {
    this.#chart = echarts.init(this, null, { renderer: 'canvas' });
    this.#chart.on('finished', () => this.setAttribute('data-rendered', ''));
    this.#shown = null;
    this.#apply();
    this.#resize.observe(this);
  }

  disconnectedCallback() {
    this.#resize.disconnect();
    this.#chart?.dispose();
    this.#chart = null;
  }

  #apply() {
    if (!this.#chart || !this.#option) return;
    // Formatter functions drop out of the comparison, which is what we want: data decides.
    const key = JSON.stringify(this.#option);
    if (key === this.#shown) return;
    this.#shown = key;
    this.removeAttribute('data-rendered');
    this.#chart.setOption(this.#option, { replaceMerge: ['series'] });
  }
}
customElements.define('wb-chart', WbChart);
