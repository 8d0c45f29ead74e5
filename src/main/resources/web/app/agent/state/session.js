// The browser's login session. The form login sets an http-only cookie that the REST API and
// the desktop socket both accept; only the server can expire it, hence the logout request.
import { DeskError, getJson, send } from './http.js';

/**
 * Who the cookie belongs to ({ authenticated, user, roles, agentId }), plus `skew`: how far the
 * server's clock is ahead of the browser's, so times in state count on the server's clock.
 */
export async function fetchSession() {
  const sent = Date.now();
  const session = await getJson('api/v1/session');
  const received = Date.now();
  const server = Date.parse(session.serverTime);
  session.skew = Number.isFinite(server) ? server - (sent + received) / 2 : 0;
  return session;
}

/** Resolves when signed in; rejects with a DeskError (401 for a wrong user name or password). */
export async function signIn(user, password) {
  const body = new URLSearchParams({ j_username: user, j_password: password });
  try {
    await send('j_security_check', { method: 'POST', body });
  } catch (e) {
    if (e.status === 401) throw new DeskError(401, 'wrong user name or password');
    throw e;
  }
}

export async function signOut() {
  await send('api/v1/session/logout', { method: 'POST' });
}
