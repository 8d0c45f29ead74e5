import { LightElement } from '../../components/light-element.js';
import { onTick } from '../../util/ticker.js';
import { failure } from '../format.js';

/**
 * A panel that sends requests over the desktop's connection: one at a time per panel, with the
 * request's failure shown in the panel (`this.error`) until the next request.
 */
export class DeskActionElement extends LightElement {
  static properties = {
    connection: { attribute: false },
    now: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };

  /** Sends `action`; resolves with the result, or with undefined after showing the failure. */
  async act(what, action, params = {}) {
    this.busy = action;
    this.error = null;
    try {
      return await this.connection.request(action, params);
    } catch (e) {
      this.error = failure(what, e);
      return undefined;
    } finally {
      this.busy = null;
    }
  }

  /** Now on the server's clock. */
  time() {
    return this.now ? this.now() : Date.now();
  }
}

/** A panel showing running times (time in state, talk time): re-rendered on the shared tick. */
export class TickingDeskElement extends DeskActionElement {
  connectedCallback() {
    super.connectedCallback();
    this.stopTick = onTick(() => this.requestUpdate());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.stopTick?.();
  }
}
