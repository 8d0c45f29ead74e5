import { html } from 'lit';
import { TickingDeskElement } from './desk-action.js';
import { isFinal } from '../state/cards.js';
import { CALL_STATUS, millis, text, when } from '../format.js';
import { duration, words } from '../../util/format.js';

// The IVR variables the card shows by name; the rest are listed below them.
const NAMED_IVR = ['INTENT', 'CUSTOMER_ID', 'ACCOUNT_ID', 'LANGUAGE'];

/**
 * The screen-pop card of one call: caller, queue, wait and IVR data, the customer record, the
 * caller's recent calls and open tickets, and the call controls its status allows.
 */
class DeskCard extends TickingDeskElement {
  static properties = {
    card: { attribute: false },
    cards: { attribute: false },
    consulting: { attribute: false },
    onSelect: { attribute: false },
    onDismiss: { attribute: false },
    onConsulting: { attribute: false },
  };

  willUpdate(changed) {
    // An error belongs to the call it happened on.
    if (changed.has('card') && changed.get('card')?.callId !== this.card?.callId) this.error = null;
  }

  async #call(what, action, params = {}) {
    return this.act(what, action, { callId: this.card.callId, ...params });
  }

  #destination() {
    return this.querySelector('input[name="destination"]')?.value.trim() ?? '';
  }

  async #transfer() {
    const destination = this.#destination();
    if (!destination) {
      this.error = 'Transfer needs a destination.';
      return;
    }
    await this.#call('Transfer', 'transfer', { destination });
  }

  async #consult() {
    const destination = this.#destination();
    if (!destination) {
      this.error = 'Consult needs a destination.';
      return;
    }
    const callId = this.card.callId;
    if (await this.#call('Consult', 'attended-transfer', { destination }) !== undefined) {
      this.onConsulting(callId, destination);
    }
  }

  async #finishConsult(what, action) {
    const callId = this.card.callId;
    if (await this.#call(what, action) !== undefined) this.onConsulting(callId, null);
  }

  render() {
    const card = this.card;
    if (!card) {
      return html`
        <section class="panel card empty" aria-label="Call card">
          <h2>No call</h2>
          <p class="muted">The caller's card appears here as soon as a call is offered.</p>
        </section>`;
    }
    const status = card.status;
    return html`
      <section class="panel card st-${String(status).toLowerCase()}" aria-label="Call card"
        data-call-id=${card.callId} data-status=${status}>
        ${this.#switcher()}
        <header class="card-head">
          <div class="caller">
            <span class="number" data-field="callerNumber">${card.callerNumber || 'Unknown number'}</span>
            ${card.callerName ? html`<span class="caller-name" data-field="callerName">${card.callerName}</span>` : ''}
          </div>
          <div class="call-state">
            <span class="call-status" data-field="status">${CALL_STATUS[status] ?? status}</span>
            <time data-field="elapsed">${this.#elapsed(card)}</time>
            ${isFinal(card) ? html`<button class="quiet" aria-label="Close card"
              @click=${() => this.onDismiss(card.callId)}>Close</button>` : ''}
          </div>
        </header>
        <div class="card-body">
          <div class="call-side">
            ${this.#facts(card)}
            ${this.#controls(card)}
            <p class="error" role="alert" aria-label="Call control error">${this.error ?? ''}</p>
          </div>
          <div class="customer-side">
            ${this.#customer(card)}
            ${this.#history(card)}
            ${this.#tickets(card)}
          </div>
        </div>
      </section>`;
  }

  #switcher() {
    const others = (this.cards ?? []).filter((c) => c.callId !== this.card.callId);
    if (others.length === 0) return '';
    return html`
      <nav class="switcher" aria-label="Other calls">
        ${others.map((c) => html`<button class="chip st-${String(c.status).toLowerCase()}"
          aria-label=${`Show call from ${c.callerNumber || 'unknown number'}`}
          @click=${() => this.onSelect(c.callId)}>${c.callerNumber || 'Unknown'} · ${CALL_STATUS[c.status] ?? c.status}</button>`)}
      </nav>`;
  }

  #elapsed(card) {
    const from = card.status === 'RINGING' ? millis(card.offeredAt)
      : card.status === 'TALKING' || card.status === 'HELD' ? millis(card.answeredAt) : null;
    return from == null ? '' : duration(this.time() - from);
  }

  #facts(card) {
    const ivr = ivrOf(card.ivr);
    const wait = card.waitSeconds == null ? '–' : duration(card.waitSeconds * 1000);
    return html`
      <dl class="facts">
        <div><dt>Queue</dt><dd data-field="queue">${text(card.queue)}</dd></div>
        <div><dt>Waited</dt><dd data-field="wait">${wait}</dd></div>
        <div><dt>Intent</dt><dd data-field="intent">${text(ivr.intent)}</dd></div>
        <div><dt>Customer id</dt><dd data-field="customerId">${text(ivr.customerId)}</dd></div>
        <div><dt>Account</dt><dd data-field="accountId">${text(ivr.accountId)}</dd></div>
        <div><dt>Language</dt><dd data-field="language">${text(ivr.language)}</dd></div>
        ${card.status === 'TRANSFERRED' && card.transferredTo
          ? html`<div><dt>Transferred to</dt><dd data-field="transferredTo">${card.transferredTo}</dd></div>` : ''}
      </dl>
      ${ivr.other.length ? html`
        <dl class="ivr-other" aria-label="Other IVR data">
          ${ivr.other.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}
        </dl>` : ''}`;
  }

  #controls(card) {
    const s = card.status;
    const connected = s === 'TALKING' || s === 'HELD';
    const busy = this.busy != null;
    const consulting = this.consulting;
    return html`
      <div class="controls" role="group" aria-label="Call controls">
        <div class="row">
          <button class="good" aria-label="Answer" ?disabled=${busy || s !== 'RINGING'}
            @click=${() => this.#call('Answer', 'answer')}>Answer</button>
          ${s === 'HELD'
            ? html`<button aria-label="Unhold" ?disabled=${busy} @click=${() => this.#call('Unhold', 'unhold')}>Unhold</button>`
            : html`<button aria-label="Hold" ?disabled=${busy || s !== 'TALKING'}
                @click=${() => this.#call('Hold', 'hold')}>Hold</button>`}
          <button class="bad" aria-label="Hang up" ?disabled=${busy || !connected}
            @click=${() => this.#call('Hang up', 'hangup')}>Hang up</button>
        </div>
        <form class="row transfer" @submit=${(e) => { e.preventDefault(); this.#transfer(); }}>
          <input name="destination" aria-label="Transfer destination" placeholder="Extension or number"
            autocomplete="off" ?disabled=${!connected || consulting != null}>
          <button type="submit" aria-label="Transfer" ?disabled=${busy || !connected || consulting != null}>Transfer</button>
          <button type="button" aria-label="Consult" ?disabled=${busy || !connected || consulting != null}
            @click=${() => this.#consult()}>Consult</button>
        </form>
        ${consulting != null ? html`
          <div class="row consult" aria-label="Consultation">
            <span>Consulting <b data-field="consulting">${consulting}</b></span>
            <button class="good" aria-label="Complete transfer" ?disabled=${busy}
              @click=${() => this.#finishConsult('Complete transfer', 'attended-transfer-complete')}>Complete</button>
            <button aria-label="Cancel transfer" ?disabled=${busy}
              @click=${() => this.#finishConsult('Cancel transfer', 'attended-transfer-cancel')}>Cancel</button>
          </div>` : ''}
      </div>`;
  }

  #customer(card) {
    const state = customerState(card);
    const c = card.customer;
    let body;
    switch (state) {
      case 'found':
        body = html`
          <p class="customer-name"><b data-field="customerName">${c.name ?? c.id}</b>
            ${c.vip ? html`<span class="vip" data-field="vip">VIP</span>` : ''}
            ${c.segment ? html`<span class="badge">${c.segment}</span>` : ''}</p>
          <dl class="facts compact">
            <div><dt>Customer</dt><dd>${text(c.id)}</dd></div>
            <div><dt>Account</dt><dd>${text(c.accountId)}</dd></div>
            <div><dt>Language</dt><dd>${text(c.language)}</dd></div>
            ${Object.entries(c.extra ?? {}).map(([k, v]) => html`<div><dt>${k}</dt><dd>${text(v)}</dd></div>`)}
          </dl>
          ${c.notes ? html`<p class="notes">${c.notes}</p>` : ''}`;
        break;
      case 'pending':
        body = html`<p class="loading" aria-busy="true">Customer record loading…</p>`;
        break;
      case 'unavailable':
        body = html`<p class="unavailable">Customer directory unavailable: the record cannot be shown right now.</p>`;
        break;
      default:
        body = html`<p class="muted">No customer record for this caller.</p>`;
    }
    return html`<section class="customer" aria-label="Customer" data-customer=${state}><h3>Customer</h3>${body}</section>`;
  }

  #history(card) {
    const calls = card.recentCalls ?? [];
    return html`
      <section class="history" aria-label="Caller's recent calls">
        <h3>Caller's recent calls</h3>
        ${calls.length === 0 ? html`<p class="muted">${card.enriched ? 'None.' : 'loading…'}</p>` : html`
          <table>
            <tbody>${calls.map((c) => html`
              <tr>
                <td>${when(c.startedAt)}</td><td>${text(c.queue)}</td><td>${text(c.agent)}</td>
                <td>${c.disposition ? words(c.disposition) : '–'}</td>
                <td class="num">${c.talkSeconds == null ? '–' : duration(c.talkSeconds * 1000)}</td>
              </tr>`)}</tbody>
          </table>`}
      </section>`;
  }

  #tickets(card) {
    const tickets = card.openTickets ?? [];
    return html`
      <section class="tickets" aria-label="Open tickets">
        <h3>Open tickets</h3>
        ${tickets.length === 0 ? html`<p class="muted">${card.enriched ? 'None.' : 'loading…'}</p>` : html`
          <ul>${tickets.map((t) => html`
            <li><b>${t.id}</b> ${t.subject} <span class="badge">${t.status}</span>
              <small class="muted">${when(t.createdAt)}</small></li>`)}</ul>`}
      </section>`;
  }
}

/** What the card knows about the customer: found, pending, unavailable or none. */
function customerState(card) {
  switch (card.customerStatus) {
    case 'FOUND': return card.customer ? 'found' : 'none';
    case 'UNAVAILABLE': return 'unavailable';
    case 'NOT_FOUND': return 'none';
    case 'PENDING': return 'pending';
    default:
      if (card.customer) return 'found';
      return card.enriched ? 'none' : 'pending';
  }
}

/**
 * The IVR data, from either shape: {variables, intent, customerId, accountId, language} or a
 * plain map of variables; the four named ones in any case.
 */
function ivrOf(ivr) {
  const variables = ivr?.variables ?? (ivr && typeof ivr === 'object' && !('intent' in ivr) ? ivr : {});
  const byName = {};
  const other = [];
  for (const [k, v] of Object.entries(variables)) {
    const name = k.toUpperCase();
    if (NAMED_IVR.includes(name)) byName[name] = v;
    else other.push([k, v]);
  }
  return {
    intent: ivr?.intent ?? byName.INTENT,
    customerId: ivr?.customerId ?? byName.CUSTOMER_ID,
    accountId: ivr?.accountId ?? byName.ACCOUNT_ID,
    language: ivr?.language ?? byName.LANGUAGE,
    other,
  };
}

customElements.define('desk-card', DeskCard);
