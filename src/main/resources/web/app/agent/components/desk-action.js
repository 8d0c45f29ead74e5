import { TickingElement } from '../../components/ticking-element.js';
import { failure } from '../format.js';

/**
 * A panel that sends requests over the desktop's connection: one at a time per panel, with the
 * request's failure shown in the panel (`this.error`) until the next request.
 */
export class DeskActionElement extends TickingElement {
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

  time() {
    return this.now ? this.now() : Date.now();
  }
}
