/**
 * One streamed POST through sse.js, with its quirks handled in one place:
 * - sse.js reports whole events; the idle timer needs every byte, so we also listen to its XHR;
 * - on an error status sse.js fires at the first progress event, maybe before the body is in, and
 *   then forgets the XHR: we wait for the body ourselves so the server's message can be quoted;
 * - sse.js's CLOSED also follows errors and aborts: only a close after a clean load is "ended".
 * - after the final event the server still has work to do before it ends the response (tracing, MCP
 *   sessions, proxies flushing): `release` stops listening but lets the server end it, aborting only
 *   if it is still open after a grace period. An abort shows as "(canceled)" in every log.
 */
import { SSE, type ReadyStateEvent, type SSEvent } from 'sse.js';
import type { HttpRequestSpec } from '../protocol/protocol.js';
import { requestHeaders } from './http.js';

export interface EventStreamHandlers {
  /** Response headers arrived. */
  open(contentType: string): void;
  /** Some bytes arrived (at most one call per XHR progress event). */
  bytes(): void;
  /** One `data:` payload, as text. */
  data(raw: string): void;
  /** An HTTP error status, with the whole response body. */
  httpError(status: number, body: string): void;
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
      if (!closed) on.httpError(status, xhr.responseText);
    };
    if (xhr.readyState === XMLHttpRequest.DONE) finish();
    else xhr.addEventListener('loadend', finish);
  });
  source.addEventListener('readystatechange', (e: ReadyStateEvent) => {
    if (e.readyState === 2 /* SSE.CLOSED */ && !failed && !closed) on.ended();
  });
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
