// Requests of the console that send a JSON body. The server's refusals carry a message and, for
// policies and dialplans, every problem found: both are handed back for the page to show.

/**
 * Answers `{ ok: true, body }`, or `{ ok: false, message, problems }` (problems null when the
 * server listed none); never throws.
 */
export async function sendJson(path, method, body) {
  return sendBody(path, method, 'application/json', JSON.stringify(body));
}

/** The same for a body sent as it is (a BPMN file as application/xml, or none). */
export async function sendBody(path, method, contentType, body) {
  try {
    const headers = contentType ? { 'Content-Type': contentType } : {};
    const response = await fetch(new URL(path, document.baseURI), { method, credentials: 'same-origin', headers, body });
    const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) {
      return { ok: false, message: answer.message ?? `HTTP ${response.status}`,
        problems: answer.details?.length ? answer.details : null };
    }
    return { ok: true, body: answer };
  } catch (e) {
    return { ok: false, message: `the server is not answering (${e.message})`, problems: null };
  }
}
