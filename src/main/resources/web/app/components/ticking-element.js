import { LightElement } from './light-element.js';
import { onTick } from '../util/ticker.js';

// A board element whose content moves with time (waits, time in state, the clock): it re-renders
// on the shared once-a-second tick while it is on the page.
export class TickingElement extends LightElement {
  connectedCallback() {
    super.connectedCallback();
    this.stopTick = onTick(() => this.requestUpdate());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.stopTick?.();
  }
}
