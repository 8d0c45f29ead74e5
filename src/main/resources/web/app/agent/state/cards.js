// Screen-pop cards by call. A card arrives whole on every change and replaces the one of the
// same call unless its seq is lower (an update that overtook it). The card shown is the one
// the agent picked, else the newest call still going, else the newest card.

const FINAL = new Set(['TRANSFERRED', 'MISSED', 'ENDED']);
const KEEP = 8;

export function isFinal(card) {
  return card != null && FINAL.has(card.status);
}

export class CardStore extends EventTarget {
  #cards = new Map(); // callId -> { card, order }
  #order = 0;
  #selected = null;

  /** Applies one card; false when it is older than the one held. */
  apply(card) {
    if (!card?.callId) return false;
    const held = this.#cards.get(card.callId);
    if (held && Number(card.seq ?? 0) < Number(held.card.seq ?? 0)) return false;
    this.#cards.set(card.callId, { card, order: held ? held.order : ++this.#order });
    this.#prune();
    this.#changed();
    return true;
  }

  /** Newest first. */
  get all() {
    return [...this.#cards.values()].sort((a, b) => b.order - a.order).map((c) => c.card);
  }

  get current() {
    const all = this.all;
    return all.find((c) => c.callId === this.#selected) ?? all.find((c) => !isFinal(c)) ?? all[0] ?? null;
  }

  select(callId) {
    this.#selected = callId;
    this.#changed();
  }

  /** Puts a finished call's card away. */
  dismiss(callId) {
    if (this.#selected === callId) this.#selected = null;
    this.#cards.delete(callId);
    this.#changed();
  }

  clear() {
    this.#cards.clear();
    this.#selected = null;
    this.#changed();
  }

  // Finished calls go first when there are too many; calls still going are never dropped.
  #prune() {
    const finished = this.all.filter(isFinal);
    let excess = this.#cards.size - KEEP;
    for (let i = finished.length - 1; i >= 0 && excess > 0; i--, excess--) {
      this.#cards.delete(finished[i].callId);
    }
  }

  #changed() {
    this.dispatchEvent(new CustomEvent('change'));
  }
}
