/**
 * Turning failures into sentences a person can read. Pure: no I/O, no DOM.
 *
 * Llama Stack answers errors in three envelopes (see docs/protocol.md):
 *   {"detail": "…"}                          FastAPI route errors, 404s, or a list of validation errors
 *   {"error": {"detail": {"errors": […]}}}   request validation
 *   {"error": {"message": "…"}}              auth (401), quota (429), in-band stream errors
 */

/** Which request failed: the wording differs (a 404 on the turn route means "no Agents API"). */
export type RequestKind = 'turn' | 'session' | 'history' | 'version' | 'agent';

const MAX_QUOTED = 300;

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED - 1)}…` : oneLine;
}

function messagesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // FastAPI/pydantic validation items: {loc: [...], msg: "..."}
    if (typeof o.msg === 'string') {
      const where = Array.isArray(o.loc) ? o.loc.filter((p) => p !== 'body').join('.') : '';
      return [where ? `${where}: ${o.msg}` : o.msg];
    }
    for (const key of ['message', 'detail', 'errors', 'error']) {
      const found = messagesOf(o[key]);
      if (found.length) return found;
    }
  }
  return [];
}

/** The server's own words from an error body in any of the envelopes, or '' when it said nothing usable. */
export function serverMessage(body: unknown): string {
  let parsed = body;
  if (typeof body === 'string') {
    const text = body.trim();
    if (!text) return '';
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: an HTML error page from a proxy says nothing useful; plain text might.
      return /^\s*</.test(text) ? '' : quote(text);
    }
  }
  return quote(messagesOf(parsed).join('; '));
}

/** A readable sentence for an HTTP error status, quoting the server when it said something. */
export function describeHttpFailure(status: number, body: unknown, kind: RequestKind): string {
  const said = serverMessage(body);
  const tail = said ? ` The server said: “${said}”` : '';
  if (status === 401 || status === 403) {
    return `The server needs authentication (HTTP ${status}). Give the chat an Authorization header through its headers property.${tail}`;
  }
  if (status === 404 && kind === 'turn') {
    return `This server has no Agents API at this address (HTTP 404). It may be Llama Stack 0.4 or later, which replaced agents with the Responses API.${tail}`;
  }
  if (status === 404) {
    const what = kind === 'history' ? 'this conversation' : kind === 'agent' ? 'an Agents API to create the agent with' : 'this agent';
    return `The server could not find ${what} (HTTP 404).${tail}`;
  }
  if (status === 429) return `The server is limiting requests right now (HTTP 429). Try again in a moment.${tail}`;
  if (status >= 500) return `The server failed while handling the request (HTTP ${status}).${tail}`;
  return `The server rejected the request (HTTP ${status}).${tail}`;
}

/** A readable sentence for an `{"error": …}` event that arrived inside a 200 stream. */
export function describeInBandError(error: unknown): string {
  const said = serverMessage({ error });
  return said ? `The server reported an error: ${said}` : 'The server reported an error without saying what went wrong.';
}

export function describeNetworkFailure(baseUrl: string, receivedAnything: boolean): string {
  if (receivedAnything) return 'The connection to the server was lost before the reply finished.';
  let where = baseUrl;
  try {
    where = new URL(baseUrl).origin;
  } catch {
    /* keep as given */
  }
  return `Could not reach the server at ${where}. Check that it is running and that it allows requests from this page (CORS).`;
}

export function describeUnfinishedStream(contentType: string): string {
  const base = 'The server closed the connection before the reply finished.';
  if (contentType && !/text\/event-stream/i.test(contentType)) {
    return `${base} It answered with ${contentType.split(';')[0]} instead of an event stream.`;
  }
  return base;
}

export function describeIdleTimeout(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `The server sent nothing for ${seconds} seconds, so the reply was stopped.`;
}

/** True for the server's "this session does not exist" answers, whichever route and envelope. */
export function isUnknownSession(body: unknown): boolean {
  return /session .*not found/i.test(serverMessage(body));
}
