// @ts-check
/** The requests a mock instance received, for tests to read back (`GET /__mock/requests`, see ./control.js). */

import { safeDecode } from './http.js';

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path Path and query string as received.
 * @property {Record<string, string | string[] | undefined>} headers Lower-cased header names.
 * @property {unknown} body Parsed JSON, else the raw string, or null when empty.
 * @property {boolean} open True while the response is still open (neither ended nor closed by the client).
 * @property {boolean} endedByServer Once closed: true if the mock ended the response, false if the client
 *   went away first (or the script destroyed the socket).
 *
 * @typedef {ReturnType<typeof createRequestLog>} RequestLog
 */

export function createRequestLog() {
  /** @type {(RecordedRequest & { pathname: string })[]} */
  let recorded = [];

  /**
   * Records a request whose body was read.
   * @param {import('./http.js').Req} req @param {import('./http.js').Res} res
   * @param {string} method @param {URL} url @param {unknown} body
   */
  function record(req, res, method, url, body) {
    const entry = {
      method,
      path: req.url ?? url.pathname,
      pathname: url.pathname,
      headers: { ...req.headers },
      body,
      open: !res.writableEnded && !res.destroyed,
      endedByServer: false,
    };
    // `open` goes false when the response ends or the client goes away: a test can check that the
    // widget really closed a hanging stream.
    // `endedByServer` tells a response the mock ended from one the client cut (or the mock destroyed).
    res.on('close', () => {
      entry.open = false;
      entry.endedByServer = res.writableFinished;
    });
    recorded.push(entry);
  }

  /**
   * Every recorded request, or those whose path has a segment equal to `agentId` (so everything under `/s/<id>/`).
   * @param {string | null} agentId
   * @returns {RecordedRequest[]}
   */
  function list(agentId) {
    const matching = agentId ? recorded.filter((r) => r.pathname.split('/').map(safeDecode).includes(agentId)) : recorded;
    return matching.map(({ method, path, headers, body, open, endedByServer }) => ({ method, path, headers, body, open, endedByServer }));
  }

  function clear() {
    recorded = [];
  }

  return { record, list, clear };
}
