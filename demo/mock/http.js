// @ts-check
/**
 * The HTTP layer both protocols of the mock share (the Agents routes and the Responses + Conversations
 * routes): request bodies, CORS, JSON answers and the SSE response head. Node built-ins only.
 *
 * CORS is like a real server's `server.cors: true`, with one deliberate difference: a real server only allows
 * `http(s)://localhost:<port>` origins; this mock echoes ANY Origin, because the tests run on both 127.0.0.1
 * and localhost. Allowed request headers are ONLY Content-Type, Authorization and X-Requested-With, so a client
 * that sends any other custom header fails the preflight, as it would against a real server.
 */

import { pyJsonDumps } from './python-json.js';

/**
 * @typedef {import('node:http').IncomingMessage & { body?: unknown }} Req A request; `body` is set when a
 *   framework (e.g. Vite's middleware stack) read it already.
 * @typedef {import('node:http').ServerResponse} Res
 */

export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json';
const CORS_ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';
const CORS_ALLOW_HEADERS = ['Content-Type', 'Authorization', 'X-Requested-With'];

/**
 * The raw request body as text (a body a framework already read is used as it is).
 * @param {Req} req
 * @returns {Promise<string>}
 */
export function readBody(req) {
  if (req.body !== undefined) {
    const b = req.body;
    return Promise.resolve(typeof b === 'string' ? b : Buffer.isBuffer(b) ? b.toString('utf8') : JSON.stringify(b));
  }
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * @typedef {{ ok: boolean, value: unknown }} ParsedBody `ok` false when the body is not JSON; `value` is
 *   then the raw text (an empty body is `ok` with `value` null).
 */

/**
 * @param {string} raw
 * @returns {ParsedBody}
 */
export function parseBody(raw) {
  if (raw === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, value: raw };
  }
}

/**
 * The CORS headers of every answer: the request's Origin echoed (with credentials), else `*`.
 * @param {Req} req
 */
export function corsHeaders(req) {
  const origin = req.headers.origin;
  /** @type {Record<string, string>} */
  const h = { 'access-control-allow-origin': origin || '*' };
  if (origin) {
    h['access-control-allow-credentials'] = 'true';
    h['vary'] = 'Origin';
  }
  return h;
}

/**
 * Answers with compact JSON (`JSON.stringify`) and a content-length.
 * @param {Req} req
 * @param {Res} res
 * @param {number} status
 * @param {unknown} body
 */
export function sendJson(req, res, status, body) {
  const text = JSON.stringify(body) ?? 'null';
  res.writeHead(status, {
    ...corsHeaders(req),
    'content-type': JSON_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** FastAPI's answer to a path no route matches. @param {Req} req @param {Res} res */
export const sendNotFound = (req, res) => sendJson(req, res, 404, { detail: 'Not Found' });

/** FastAPI's answer to a method the path does not take. @param {Req} req @param {Res} res */
export const sendMethodNotAllowed = (req, res) => sendJson(req, res, 405, { detail: 'Method Not Allowed' });

/**
 * @typedef {{ loc: (string | number)[], msg: string, type: string }} ValidationIssue One FastAPI (pydantic)
 *   validation error.
 */

/**
 * A ≤0.3 server's 400 body for a request that fails validation (FastAPI's errors in Llama Stack's envelope).
 * @param {ValidationIssue[]} errors
 */
export const legacyValidationBody = (errors) => ({ error: { detail: { errors } } });

/** The validation issue of a missing field. @param {(string | number)[]} loc @returns {ValidationIssue} */
export const fieldRequired = (loc) => ({ loc, msg: 'Field required', type: 'missing' });

/** The head of a 200 event stream: CORS, `text/event-stream; charset=utf-8` and no content-length. @param {Req} req */
export function sseHeaders(req) {
  return { ...corsHeaders(req), 'content-type': SSE_CONTENT_TYPE };
}

/**
 * Starts a 200 event stream and sends its head at once, before the first event.
 * @param {Req} req @param {Res} res
 */
export function startSse(req, res) {
  res.writeHead(200, sseHeaders(req));
  res.flushHeaders();
}

/** One SSE frame: `data: <text>\n\n` (the real servers send no `event:`, `id:` or comments). @param {string} json */
export const sseData = (json) => `data: ${json}\n\n`;

/**
 * The in-band error event of ≤0.3 servers (after a 200), written like Python's
 * `json.dumps({"error": {"message": …}})`: spaces and `\u` escapes.
 * @param {string} message
 */
export const legacyErrorFrame = (message) => sseData(pyJsonDumps({ error: { message } }));

/** @param {Req} req @param {Res} res */
export function answerPreflight(req, res) {
  const requestedMethod = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
  const requestedHeaders = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allowed = new Set(CORS_ALLOW_HEADERS.map((h) => h.toLowerCase()));
  const failures = [];
  if (requestedMethod && !CORS_ALLOW_METHODS.split(', ').includes(requestedMethod)) failures.push('method');
  if (requestedHeaders.some((h) => !allowed.has(h))) failures.push('headers');
  const headers = {
    ...corsHeaders(req),
    'access-control-allow-methods': CORS_ALLOW_METHODS,
    'access-control-allow-headers': CORS_ALLOW_HEADERS.join(', '),
    'access-control-max-age': '600',
    'content-type': 'text/plain; charset=utf-8',
  };
  // Like Starlette's CORSMiddleware: a failed preflight is a 400 with a plain-text reason, which the
  // browser treats as a CORS failure.
  const text = failures.length ? `Disallowed CORS ${failures.join(', ')}` : 'OK';
  res.writeHead(failures.length ? 400 : 200, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** A path segment decoded, or as it is when it is not valid percent-encoding. @param {string} s */
export function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
