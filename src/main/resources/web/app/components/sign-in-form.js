import { html } from 'lit';
import { LightElement } from './light-element.js';

/**
 * The pages' sign-in form: `product` names the page, `signIn(user, password)` returns a promise
 * that rejects with the reason.
 */
class SignInForm extends LightElement {
  static properties = {
    product: { attribute: false },
    signIn: { attribute: false },
    notice: { attribute: false },
    error: { state: true },
    busy: { state: true },
  };

  async #submit(e) {
    e.preventDefault();
    const form = e.target;
    this.busy = true;
    this.error = null;
    try {
      await this.signIn(form.user.value.trim(), form.password.value);
    } catch (err) {
      this.error = err.status === 401 ? 'Wrong user name or password.' : `Sign-in failed: ${err.message}`;
      form.password.select();
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      <form class="panel login" @submit=${(e) => this.#submit(e)} aria-label="Sign in">
        <h1>Switchboard <span>${this.product}</span></h1>
        ${this.notice ? html`<p class="notice">${this.notice}</p>` : ''}
        <label>User name <input name="user" aria-label="User name" autocomplete="username" required autofocus></label>
        <label>Password <input name="password" type="password" aria-label="Password" autocomplete="current-password"
          required></label>
        <button type="submit" class="primary" aria-label="Sign in" ?disabled=${this.busy}>Sign in</button>
        <p class="error" role="alert">${this.error ?? ''}</p>
      </form>`;
  }
}
customElements.define('sign-in-form', SignInForm);
