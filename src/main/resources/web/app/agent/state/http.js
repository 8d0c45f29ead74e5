// REST calls of the desktop. The session cookie goes along by itself (same origin); errors
// become DeskErrors with the server's message ({status, error, message} bodies).

export class DeskError extends Error {
  /** status 0: no answer at all (network, socket down). */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function url(path) {
  return new URL(path, document.baseURI);
}

export async function getJson(path) {
  const response = await send(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  return response.json();
}

export async function send(path, init = {}) {
  let response;
  try {
    response = await fetch(url(path), { credentials: 'same-origin', ...init });
  } catch {
    throw new DeskError(0, 'the server is not answering');
  }
  if (!response.ok) throw new DeskError(response.status, await message(response));
  return response;
}

async function message(response) {
  try {
    const body = await response.json();
    return body.message ?? body.error ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}
