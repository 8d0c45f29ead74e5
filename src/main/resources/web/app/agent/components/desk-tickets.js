import { html } from 'lit';
import { LightElement } from '../../components/light-element.js';
import { getJson, send } from '../state/http.js';
import { failure, label } from '../format.js';

const KINDS = ['general', 'discount', 'complaint', 'callback', 'unresolved'];
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

/**
 * Tickets from the desktop: "Create ticket" for the current (or last) call — kind, subject, the
 * amount of a discount — and the agent's todos from the workflows (claim, approve / reject).
 */
class DeskTickets extends LightElement {
  static properties = {
    card: { attribute: false },
    kind: { state: true },
    todos: { state: true },
    busy: { state: true },
    error: { state: true },
    created: { state: true },
  };

  constructor() {
    super();
    this.kind = 'general';
    this.todos = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.#loadTodos();
  }

  async #loadTodos() {
    try {
      this.todos = await getJson('api/v1/todos');
    } catch (e) {
      this.error = failure('Loading todos', e);
    }
  }

  async #run(what, work) {
    this.busy = true;
    this.error = null;
    try {
      return await work();
    } catch (e) {
      this.error = failure(what, e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  async #create(e) {
    e.preventDefault();
    const form = e.target;
    const body = {
      kind: this.kind,
      subject: form.subject.value.trim(),
      description: form.description.value.trim() || null,
      callId: this.card?.callId ?? null,
      callerNumber: this.card?.callerNumber || null,
      customerId: this.card?.customer?.id ?? null,
      amount: this.kind === 'discount' ? form.amount.value : null,
    };
    const ticket = await this.#run('Create ticket', async () =>
      (await send('api/v1/tickets', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) })).json());
    if (ticket) {
      this.created = `Ticket ${ticket.id.slice(0, 8)} opened (${ticket.status}).`;
      form.reset();
      this.kind = 'general';
      this.#loadTodos();
    }
  }

  async #todo(id, path, body) {
    const done = await this.#run('Todo', () => send(`api/v1/todos/${encodeURIComponent(id)}/${path}`,
      { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body ?? {}) }));
    if (done) this.#loadTodos();
  }

  #todoRow(t) {
    const approval = t.decision === 'approval';
    return html`
      <li data-task-id=${t.id} data-task-key=${t.taskKey}>
        <span class="name">${t.name}</span>
        <small class="muted">${t.assignee ? `assigned to ${t.assignee}` : 'open to your team'}</small>
        ${t.assignee ? '' : html`<button type="button" aria-label="Claim" ?disabled=${this.busy}
          @click=${() => this.#todo(t.id, 'claim')}>Claim</button>`}
        ${approval ? html`
          <button type="button" class="good" aria-label="Approve" ?disabled=${this.busy}
            @click=${() => this.#todo(t.id, 'decision', { approved: true })}>Approve</button>
          <button type="button" class="bad" aria-label="Reject" ?disabled=${this.busy}
            @click=${() => this.#todo(t.id, 'decision', { approved: false })}>Reject</button>` : ''}
      </li>`;
  }

  render() {
    const forCall = this.card ? `for call ${this.card.callerNumber || this.card.callId}` : 'without a call';
    return html`
      <section class="panel tickets" aria-label="Tickets">
        <h3>Create ticket <small class="muted">${forCall}</small></h3>
        <form @submit=${(e) => this.#create(e)}>
          <label>Kind
            <select name="kind" aria-label="Ticket kind" @change=${(e) => { this.kind = e.target.value; }}>
              ${KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${label(k)}</option>`)}
            </select>
          </label>
          <label>Subject <input name="subject" aria-label="Ticket subject" required maxlength="255"></label>
          ${this.kind === 'discount' ? html`<label>Amount
            <input name="amount" aria-label="Discount amount" required inputmode="decimal" pattern="[0-9]+(\\.[0-9]{1,2})?">
          </label>` : ''}
          <label class="note">Description
            <textarea name="description" aria-label="Ticket description" rows="2" maxlength="4000"></textarea></label>
          <button type="submit" class="primary" aria-label="Create ticket" ?disabled=${this.busy}>Create ticket</button>
        </form>
        ${this.created ? html`<p class="ok" role="status">${this.created}</p>` : ''}
        <h3>Todos <button type="button" class="quiet" aria-label="Reload todos" @click=${() => this.#loadTodos()}>↻</button></h3>
        ${this.todos == null ? html`<p class="muted">Loading…</p>`
          : this.todos.length === 0 ? html`<p class="muted">Nothing to do.</p>`
          : html`<ul class="todos">${this.todos.map((t) => this.#todoRow(t))}</ul>`}
        <p class="error" role="alert" aria-label="Tickets error">${this.error ?? ''}</p>
      </section>`;
  }
}
customElements.define('desk-tickets', DeskTickets);
