// Display formatting of the desktop, beside the wallboard's (../util/format.js).

const DASH = '–';

export const PRESENCE = Object.freeze({
  LOGGED_OUT: 'Logged out',
  AVAILABLE: 'Ready',
  RINGING: 'Ringing',
  ON_CALL: 'On call',
  WRAP_UP: 'Wrap-up',
  PAUSED: 'Paused',
});

export const CALL_STATUS = Object.freeze({
  RINGING: 'Ringing',
  TALKING: 'Talking',
  HELD: 'On hold',
  TRANSFERRED: 'Transferred',
  MISSED: 'Missed',
  ENDED: 'Ended',
});

/** An instant (ISO text or epoch millis) as epoch millis, or null. */
export function millis(at) {
  if (at == null) return null;
  const t = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(t) ? t : null;
}

/** Time of day, with the date when it is not today. */
export function when(at) {
  const t = millis(at);
  if (t == null) return DASH;
  const d = new Date(t);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date().toDateString()
    ? time
    : `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

export function text(value) {
  return value == null || value === '' ? DASH : String(value);
}

/** A failed request as one line: what failed, the server's message and its status. */
export function failure(what, error) {
  const status = error?.status ? ` (${error.status})` : '';
  return `${what} failed: ${error?.message ?? error}${status}`;
}

/** "follow-up" -> "Follow-up" for pickers. */
export function label(code) {
  return code ? code.charAt(0).toUpperCase() + code.slice(1).replaceAll('_', ' ') : '';
}
