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

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The title or first heading of an HTML page as plain text ('' when it has neither). Only ever used as
 * text: tags are dropped, a few entities decoded, so nothing of the page can become markup.
 */
export function htmlHeadline(html: string): string {
  const found = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  if (!found) return '';
  return found[1]
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/[<>]/g, '')
    .trim();
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
      // Not JSON: a proxy's HTML error page is quoted by its title (or first heading), never as markup.
      return /^\s*</.test(text) ? quote(htmlHeadline(text)) : quote(text);
    }
  }
  return quote(messagesOf(parsed).join('; '));
}

/**
 * When a `Retry-After` header (seconds or an HTTP date) says to try again, or undefined when it says
 * nothing usable. Capped at a day: anything longer is a misconfiguration, not advice.
 */
export function retryAfterTime(header: string, now: Date): Date | undefined {
  const value = header.trim();
  if (!value) return undefined;
  const at = /^\d+$/.test(value) ? new Date(now.getTime() + Number(value) * 1000) : new Date(value);
  const wait = at.getTime() - now.getTime();
  if (Number.isNaN(wait) || wait > 86_400_000) return undefined;
  return wait < 0 ? now : at;
}

function retryAdvice(retryAfter: string, now: Date): string {
  const at = retryAfterTime(retryAfter, now);
  if (!at) return '';
  return ` It asks to try again after ${at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}.`;
}

/** A readable sentence for an HTTP error status, quoting the server when it said something. */
export function describeHttpFailure(status: number, body: unknown, kind: RequestKind, retryAfter = '', now = new Date()): string {
  const said = serverMessage(body);
  const advice = status === 429 || status === 503 ? retryAdvice(retryAfter, now) : '';
  const tail = (said ? ` The server said: “${said}”` : '') + advice;
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
  if (status === 429) return `The server is limiting requests right now (HTTP 429).${advice ? '' : ' Try again in a moment.'}${tail}`;
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
  if (!contentType) return `${base} It answered without a Content-Type, so it may not be an event stream.`;
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
