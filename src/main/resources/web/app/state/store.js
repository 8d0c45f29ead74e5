// Client copy of the monitor snapshot: entries keyed by name so WebSocket deltas and REST
// snapshots land in the same place. Emits 'change' after every applied message.

const COLLATOR = new Intl.Collator('en', { numeric: true });

const KINDS = { queues: 'queue', agents: 'agent', nodes: 'node', tenants: 'tenant' };

export class MonitorStore extends EventTarget {
  constructor() {
    super();
    this.version = null;
    this.window = null;
    this.at = null;
    // Server clock minus local clock, so "since" timers tick in server time.
    this.clockOffset = 0;
    this.maps = Object.fromEntries(Object.keys(KINDS).map((k) => [k, new Map()]));
  }

  get queues() { return sorted(this.maps.queues); }
  get agents() { return sorted(this.maps.agents); }
  get nodes() { return sorted(this.maps.nodes); }
  get tenants() { return sorted(this.maps.tenants); }
  get hasData() { return this.version !== null; }

  /** Server time now, estimated from the last snapshot. */
  now() { return Date.now() + this.clockOffset; }

  /** Forgets everything: the board's user signed out, and the next user may be of another tenant. */
  clear() {
    this.version = null;
    this.window = null;
    this.at = null;
    this.maps = Object.fromEntries(Object.keys(KINDS).map((k) => [k, new Map()]));
    this.#changed();
  }

  /**
   * Replaces everything, whatever version we held: versions restart with the server, and the
   * feed never applies a polled snapshot over a live socket.
   */
  applySnapshot(snapshot, version = snapshot.version) {
    const received = Date.now();
    for (const [kind, key] of Object.entries(KINDS)) {
      const map = new Map();
      for (const entry of snapshot[kind] ?? []) map.set(entry[key], stamp(entry, received));
      this.maps[kind] = map;
    }
    this.version = version;
    this.#stampTime(snapshot, received);
    this.#changed();
  }

  /**
   * Applies a delta on top of the version it was computed from. Returns false on a gap
   * (a missed message); the caller then has to start over from a snapshot.
   */
  applyDelta(delta) {
    if (this.version !== null && delta.version <= this.version) return true; // already covered
    if (this.version === null || delta.previous !== this.version) return false;
    const received = Date.now();
    for (const [kind, key] of Object.entries(KINDS)) {
      for (const entry of delta[kind] ?? []) this.maps[kind].set(entry[key], stamp(entry, received));
      for (const name of delta.removed?.[kind] ?? []) this.maps[kind].delete(name);
    }
    this.version = delta.version;
    this.#stampTime(delta, received);
    this.#changed();
    return true;
  }

  /** Window and publish time travel with snapshots and deltas alike. */
  #stampTime(message, received) {
    if (message.window) this.window = message.window;
    if (message.at) {
      this.at = message.at;
      this.clockOffset = Date.parse(message.at) - received;
    }
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}

// Local receipt time lets "current wait" figures keep ticking between updates.
function stamp(entry, received) {
  return Object.defineProperty(entry, 'receivedAt', { value: received, enumerable: false });
}

function sorted(map) {
  // Numeric collation: "Agent 4" before "Agent 10".
  return [...map.entries()].sort(([a], [b]) => COLLATOR.compare(a, b)).map(([, v]) => v);
}
