import { LitElement } from 'lit';

// The board renders into the light DOM: one stylesheet themes everything, and the page's
// text stays visible to DOM dumps and assistive tools.
export class LightElement extends LitElement {
  createRenderRoot() {
    return this;
  }
}
