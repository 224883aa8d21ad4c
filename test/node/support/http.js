// HTTP and SSE helpers shared by the Node conformance tests of the mock server.
import assert from 'node:assert/strict';
import http from 'node:http';

/** A body made only of `data: <one line>\n\n` frames. */
export const FRAMING_RE = /^(data: [^\n]+\n\n)+$/;
export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

/** Parses `data: <json>\n\n` framing by hand; asserts nothing else is on the wire. @param {string} text */
export function parseSse(text) {
  assert.match(text, FRAMING_RE, 'body is only `data: <json>\\n\\n` frames');
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      assert.ok(block.startsWith('data: '), `frame starts with "data: ": ${block.slice(0, 40)}`);
      const raw = block.slice('data: '.length);
      return { raw, json: JSON.parse(raw) };
    });
}

/** @param {string} text */
export function tryJson(text) {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} base @param {string} path @param {unknown} body @param {Record<string, string>} [headers] */
export async function postJson(base, path, body, headers = {}) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { res, status: res.status, text, json: tryJson(text) };
}

/** @param {string} base @param {string} path */
export async function getJson(base, path) {
  const res = await fetch(base + path);
  const text = await res.text();
  return { res, status: res.status, text, json: tryJson(text) };
}

/**
 * A raw request with node:http, to see status, headers and every body chunk as it arrives.
 * @param {string} base @param {string} path
 * @param {{ method?: string, headers?: Record<string, string>, body?: string }} [opts]
 * @returns {Promise<{ res: http.IncomingMessage, req: http.ClientRequest }>}
 */
export function rawRequest(base, path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method, headers }, (res) => resolve({ res, req }));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Collects body chunks with their arrival order; resolves when the response ends or fails.
 * @param {http.IncomingMessage} res
 * @returns {Promise<{ pieces: Buffer[], body: Buffer, outcome: 'end' | 'aborted' | 'error' }>}
 */
export function collect(res) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const pieces = [];
    let settled = false;
    /** @param {'end' | 'aborted' | 'error'} outcome */
    const done = (outcome) => {
      if (settled) return;
      settled = true;
      resolve({ pieces, body: Buffer.concat(pieces), outcome });
    };
    res.on('data', (c) => pieces.push(c));
    res.on('end', () => done('end'));
    res.on('aborted', () => done('aborted'));
    res.on('error', () => done('error'));
    res.on('close', () => done(res.complete ? 'end' : 'aborted'));
  });
}

/** @template T @param {Promise<T>} promise @param {number} ms @param {string} label @returns {Promise<T>} */
export const withTimeout = (promise, ms, label) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${label}`)), ms).unref())]);
