// The desktop's WebSocket (/ws/agent): a hello with the desk, then state changes and screen-pop
// cards; requests {id, action, ...} are answered by replies with the same id. Reconnects with
// capped exponential backoff (1 s doubling to 30 s, with jitter) until stopped.
import { DeskError, url } from './http.js';

const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30000;
const REPLY_TIMEOUT_MS = 15000;

export const Mode = Object.freeze({
  CONNECTING: 'connecting', // first attempt under way
  LIVE: 'live', // open, hello received
  RECONNECTING: 'reconnecting', // down; the next attempt is scheduled
});

/**
 * Emits 'hello' (detail: the desk), 'state' (an agent status), 'card' (a pop card), 'status'
 * ({ mode, attempt }) and 'closed' (after a drop, before the next attempt).
 */
export class DeskConnection extends EventTarget {
  constructor({ socketPath = 'ws/agent' } = {}) {
    super();
    const target = url(socketPath);
    target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
    this.socketUrl = target;
    this.mode = Mode.CONNECTING;
    this.attempt = 0;
    this.socket = null;
    this.retryTimer = null;
    this.stopped = true;
    this.nextId = 0;
    this.pending = new Map();
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.#setMode(Mode.CONNECTING);
    this.#connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
    this.#failPending('signed out');
  }

  /** Sends one request; resolves with the reply's result, rejects with a DeskError. */
  request(action, params = {}) {
    const socket = this.socket;
    if (this.mode !== Mode.LIVE || socket?.readyState !== WebSocket.OPEN) {
      return Promise.reject(new DeskError(0, 'not connected to the server'));
    }
    const id = `r${++this.nextId}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DeskError(504, 'no reply from the server'));
      }, REPLY_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ id, action, ...params }));
    });
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
    socket.onmessage = (e) => this.#onMessage(e.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.#failPending('connection lost');
      if (this.stopped) return;
      this.#scheduleReconnect();
      this.dispatchEvent(new CustomEvent('closed'));
    };
    // onclose follows onerror; nothing else to do here.
    socket.onerror = () => {};
  }

  #onMessage(raw) {
    let msg;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    switch (msg.type) {
      case 'hello':
        this.attempt = 0;
        this.#setMode(Mode.LIVE);
        this.#emit('hello', msg.desk);
        break;
      case 'state':
        this.#emit('state', msg.state);
        break;
      case 'card':
        this.#emit('card', msg.card);
        break;
      case 'reply':
        this.#settle(msg.reply);
        break;
      default:
        break;
    }
  }

  #settle(reply) {
    const waiting = reply && this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    clearTimeout(waiting.timer);
    if (reply.ok) {
      waiting.resolve(reply.result);
    } else {
      waiting.reject(new DeskError(reply.status ?? 500, reply.error ?? 'failed'));
    }
  }

  #failPending(why) {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new DeskError(0, why));
    }
    this.pending.clear();
  }

  #scheduleReconnect() {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    this.attempt++;
    // Jitter keeps a room full of desktops from reconnecting in lockstep after a restart.
    const delay = base / 2 + Math.random() * (base / 2);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.#connect(), delay);
    this.#setMode(Mode.RECONNECTING);
  }

  #setMode(mode) {
    this.mode = mode;
    this.#emit('status', { mode, attempt: this.attempt });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
