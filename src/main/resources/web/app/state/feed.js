// Keeps the store current: WebSocket first (snapshot, then deltas); while the socket is down,
// reconnects with capped exponential backoff and polls the REST snapshot so the board stays
// fresh. Emits 'status' with { mode, attempt, lastUpdate } on every mode change or update, and
// 'signedout' when the server no longer knows the session (REST answers 401): the feed then stops
// until the board has signed in again.

const POLL_MS = 5000;
const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30000;

export const Mode = Object.freeze({
  CONNECTING: 'connecting', // first socket attempt under way
  LIVE: 'live', // socket open and in step
  RECONNECTING: 'reconnecting', // socket down; REST polling fills in
  OFFLINE: 'offline', // socket down and REST not answering either
});

export class MonitorFeed extends EventTarget {
  constructor(store, { socketPath = 'ws/monitor', snapshotPath = 'api/v1/metrics/monitor?window=today' } = {}) {
    super();
    this.store = store;
    this.socketUrl = toSocketUrl(new URL(socketPath, document.baseURI));
    this.snapshotUrl = new URL(snapshotPath, document.baseURI);
    this.mode = Mode.CONNECTING;
    this.attempt = 0;
    this.lastUpdate = null;
    this.socket = null;
    this.pollTimer = null;
    this.retryTimer = null;
    this.stopped = true;
  }

  start() {
    this.stop();
    this.stopped = false;
    this.attempt = 0;
    this.mode = Mode.CONNECTING;
    this.#connect();
    // Show something at once even if the socket takes its time.
    this.#poll();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.#stopPolling();
    this.socket?.close(1000);
    this.socket = null;
  }

  #connect() {
    let socket;
    try {
      socket = new WebSocket(this.socketUrl);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (e) => this.#onMessage(socket, e.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.#scheduleReconnect();
    };
    // onclose follows onerror; nothing else to do here.
    socket.onerror = () => {};
  }

  #onMessage(socket, raw) {
    let msg;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (msg.type === 'snapshot') {
      this.store.applySnapshot(msg.data, msg.version);
      this.attempt = 0;
      this.#stopPolling();
      this.#updated(Mode.LIVE);
    } else if (msg.type === 'delta') {
      if (this.store.applyDelta(msg)) {
        this.#updated(Mode.LIVE);
      } else {
        // A missed delta: a new connection starts with a full snapshot.
        socket.close(4000, 'version gap');
      }
    }
  }

  #scheduleReconnect() {
    if (this.stopped) return;
    if (this.mode !== Mode.OFFLINE) this.mode = Mode.RECONNECTING;
    this.#startPolling();
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    this.attempt++;
    // Jitter keeps a room full of wallboards from reconnecting in lockstep after a restart.
    const delay = base / 2 + Math.random() * (base / 2);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.#connect(), delay);
    this.#emit();
  }

  #startPolling() {
    if (this.pollTimer === null) {
      this.pollTimer = setInterval(() => this.#poll(), POLL_MS);
      this.#poll();
    }
  }

  #stopPolling() {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  async #poll() {
    try {
      const response = await fetch(this.snapshotUrl, {
        headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin',
      });
      if (response.status === 401) {
        if (!this.stopped) this.dispatchEvent(new CustomEvent('signedout'));
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const snapshot = await response.json();
      if (this.mode === Mode.LIVE) return; // the socket came back meanwhile
      this.store.applySnapshot(snapshot);
      this.#updated(this.mode === Mode.CONNECTING ? Mode.CONNECTING : Mode.RECONNECTING);
    } catch {
      if (this.mode === Mode.RECONNECTING) {
        this.mode = Mode.OFFLINE;
        this.#emit();
      }
    }
  }

  #updated(mode) {
    this.mode = mode;
    this.lastUpdate = Date.now();
    this.#emit();
  }

  #emit() {
    this.dispatchEvent(new CustomEvent('status', {
      detail: { mode: this.mode, attempt: this.attempt, lastUpdate: this.lastUpdate },
    }));
  }
}

function toSocketUrl(url) {
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}
