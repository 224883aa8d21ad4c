/**
 * One streamed POST through sse.js, with its quirks handled in one place:
 * - sse.js reports whole events; the idle timer needs every byte, so we also listen to its XHR;
 * - on an error status sse.js fires at the first progress event, maybe before the body is in, and
 *   then forgets the XHR: we wait for the body ourselves so the server's message can be quoted;
 * - sse.js's CLOSED also follows errors and aborts: only a close after a clean load is "ended";
 * - sse.js parses only on XHR `progress`, which browsers throttle to one per 50 ms, and a network
 *   error empties `responseText` before sse.js looks again: the bytes of the last moments before a
 *   drop were lost. Browsers fire `readystatechange` (LOADING) for every chunk they receive (the XHR
 *   spec keeps this for web compatibility; Chromium, Gecko and WebKit all do it), so we have sse.js
 *   parse on each of those: every whole event that arrived is handled before an error can drop it;
 * - sse.js dispatches an event with an `event:` field under that name, which a proxy may add: any
 *   named event that carries data is treated as a message;
 * - after the final event the server still has work to do before it ends the response (tracing, MCP
 *   sessions, proxies flushing): `release` stops listening but lets the server end it, aborting only
 *   if it is still open after a grace period. An abort shows as "(canceled)" in every log.
 */
import { SSE, type ReadyStateEvent, type SSEvent } from 'sse.js';
import type { HttpRequestSpec } from '../protocol/protocol.js';
import { requestHeaders } from './http.js';

const PER_CHUNK_PARSE_LIMIT = 1 << 20;

export interface EventStreamHandlers {
  /** Response headers arrived. */
  open(contentType: string): void;
  /** Some bytes arrived (one call per chunk the browser received). */
  bytes(): void;
  /** One `data:` payload, as text. */
  data(raw: string): void;
  /** An HTTP error status, with the whole response body and its Retry-After header ('' when absent or not exposed by CORS). */
  httpError(status: number, body: string, retryAfter: string): void;
  /** The server could not be reached, refused CORS, or the connection broke. */
  networkError(): void;
  /** The server closed the stream normally. */
  ended(): void;
}

export interface EventStream {
  /** Stops reporting and aborts the request now. */
  close(): void;
  /** Stops reporting; the request is aborted only if the server has not ended it within `graceMs`. */
  release(graceMs: number): Promise<void>;
}

export function openEventStream(spec: HttpRequestSpec, headers: Record<string, string>, on: EventStreamHandlers): EventStream {
  let closed = false;
  let failed = false;
  const source = new SSE(spec.url, {
    method: spec.method,
    payload: JSON.stringify(spec.body),
    headers: requestHeaders('text/event-stream', true, headers),
    start: false,
    // Llama Stack's CORS allows only Content-Type, Authorization and X-Requested-With: no Last-Event-ID.
    useLastEventId: false,
  });
  source.addEventListener('open', (e: SSEvent) => {
    if (!closed) on.open(e.headers?.['content-type']?.[0] ?? '');
  });
  source.addEventListener('message', (e: SSEvent) => {
    if (!closed) on.data(String(e.data ?? ''));
  });
  source.addEventListener('error', (e: SSEvent) => {
    if (closed) return;
    failed = true;
    const status = e.responseCode ?? 0;
    if (status < 300 || !xhr) return on.networkError();
    const finish = () => {
      if (!closed) on.httpError(status, xhr.responseText, xhr.getResponseHeader('retry-after') ?? '');
    };
    if (xhr.readyState === XMLHttpRequest.DONE) finish();
    else xhr.addEventListener('loadend', finish);
  });
  source.addEventListener('readystatechange', (e: ReadyStateEvent) => {
    if (e.readyState === 2 /* SSE.CLOSED */ && !failed && !closed) on.ended();
  });
  // sse.js's typings give dispatchEvent the wrong signature; it takes one event (or null).
  // …and its progress handler is private, but the only way to make it read the bytes it has now.
  const internals = source as unknown as { dispatchEvent(e: SSEvent | null): boolean; _onStreamProgress(e: Event): void };
  const dispatch = internals.dispatchEvent.bind(source);
  internals.dispatchEvent = (e) => {
    if (e && e.type !== 'message' && 'lastEventId' in e) {
      if (!closed) on.data(String(e.data ?? ''));
      return true;
    }
    return dispatch(e);
  };
  // sse.js re-splits everything it holds on each call, so a big event arriving in many pieces costs
  // the square of its size; it can only complete on a line break, so skip calls that bring none
  // (except the last, at load, which must see the unterminated tail).
  const progress = internals._onStreamProgress.bind(source);
  internals._onStreamProgress = (e) => {
    const x = source.xhr;
    if (x && x.readyState === XMLHttpRequest.LOADING && x.status >= 200 && x.status < 300 && !hasLineBreak(x.responseText, source.progress))
      return;
    progress(e);
  };
  source.stream();
  const xhr = source.xhr;
  xhr?.addEventListener('progress', () => {
    if (!closed) on.bytes();
  });
  const ended = new Promise<void>((resolve) => (xhr ? xhr.addEventListener('loadend', () => resolve()) : resolve()));
  let graceTimer: number | undefined;
  const abort = () => {
    window.clearTimeout(graceTimer);
    source.close();
    xhr?.abort();
  };
  // Chromium and WebKit fire readystatechange for every chunk (Gecko mostly fires progress only).
  // Reading responseText copies the whole body so far, so past PER_CHUNK_PARSE_LIMIT characters
  // (far beyond a chat reply) this stops, and sse.js's throttled progress parsing carries on alone.
  xhr?.addEventListener('readystatechange', (e) => {
    if (closed || xhr.readyState !== XMLHttpRequest.LOADING) return;
    on.bytes();
    if (xhr.status >= 200 && xhr.status < 300 && source.progress < PER_CHUNK_PARSE_LIMIT) internals._onStreamProgress(e);
  });
  return {
    close() {
      closed = true;
      abort();
    },
    release(graceMs) {
      closed = true;
      if (xhr && xhr.readyState !== XMLHttpRequest.DONE) {
        graceTimer = window.setTimeout(abort, graceMs);
        void ended.then(() => window.clearTimeout(graceTimer));
      }
      return ended;
    },
  };
}

function hasLineBreak(text: string, from: number): boolean {
  return text.indexOf('\n', from) >= 0 || text.indexOf('\r', from) >= 0;
}

/**
 * The JSON values in one event's data; undefined for a part that is not JSON. Usually one value. A
 * blank line written as `\n\r\n` (mixed line endings, from a proxy) is not an event boundary to
 * sse.js, so two events arrive joined by a newline: Llama Stack's JSON never spans lines (a JSON
 * string cannot hold a raw newline), so when the whole fails, each line is tried on its own.
 */
export function parsePayloads(raw: string): unknown[] {
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };
  const whole = parse(raw);
  if (whole !== undefined || !/[\r\n]/.test(raw)) return [whole];
  return raw
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim())
    .map(parse);
}
