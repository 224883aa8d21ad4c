/** Plain JSON requests (sessions, history, version, agents): fetch with readable failures. */
import { describeHttpFailure, describeNetworkFailure, type RequestKind } from '../protocol/errors.js';
import type { HttpRequestSpec } from '../protocol/protocol.js';

export interface HttpResult {
  ok: boolean;
  /** 0 when the server could not be reached. */
  status: number;
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: unknown;
  /** Readable failure text when !ok. */
  message: string;
}

/**
 * Only Content-Type, Accept and what the host gave: any other custom header fails Llama Stack's CORS
 * preflight (it allows Content-Type, Authorization and X-Requested-With).
 */
export function requestHeaders(accept: string, json: boolean, extra: Record<string, string>): Record<string, string> {
  return { ...(json ? { 'Content-Type': 'application/json' } : {}), Accept: accept, ...extra };
}

export async function requestJson(
  spec: HttpRequestSpec,
  kind: RequestKind,
  init: { baseUrl: string; headers: Record<string, string>; signal: AbortSignal },
): Promise<HttpResult> {
  let response: Response;
  try {
    response = await fetch(spec.url, {
      method: spec.method,
      headers: requestHeaders('application/json', spec.body !== undefined, init.headers),
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      signal: init.signal,
    });
  } catch {
    return { ok: false, status: 0, body: undefined, message: describeNetworkFailure(init.baseUrl, false) };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { ok: false, status: response.status, body: undefined, message: describeNetworkFailure(init.baseUrl, true) };
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep the text: describeHttpFailure copes with non-JSON bodies */
  }
  if (response.ok) return { ok: true, status: response.status, body, message: '' };
  return { ok: false, status: response.status, body, message: describeHttpFailure(response.status, body, kind) };
}
