// @ts-check
/**
 * Test scripts: a test posts a script (`POST /__mock/scripts`, see ./control.js) and the mock replays it byte
 * for byte instead of a demo scenario, as agent turns (and resumes) of agent `script-<n>` and, under the
 * script's base path `/s/script-<n>`, as Responses too (see ./responses.js).
 */

import { responseAbort, sleep, untilAborted } from './abortable.js';
import { corsHeaders, sendJson, JSON_CONTENT_TYPE, SSE_CONTENT_TYPE } from './http.js';

const DEFAULT_SCRIPT_CHUNK_DELAY_MS = 10;

/**
 * @typedef {{ base64: string }} Base64Chunk
 * @typedef {{ delayMs: number }} DelayEntry
 * @typedef {{ gate: string }} GateEntry
 * @typedef {string | Base64Chunk | DelayEntry | GateEntry} ScriptChunk
 *
 * @typedef {object} ScriptedTurn One scripted answer to `POST …/turn` (and `…/resume`).
 * @property {number} [status] HTTP status, default 200.
 * @property {Record<string, string | null>} [headers] Response headers. Default content-type is
 *   `text/event-stream; charset=utf-8` when status is 200, `application/json` otherwise. CORS headers
 *   are added unless given here. A `null` value removes that header (e.g. no content-type at all).
 * @property {ScriptChunk[]} chunks Written exactly as given, one `res.write` each: strings as UTF-8,
 *   `{base64}` as raw bytes (to split inside a multi-byte character), `{delayMs}` waits that long,
 *   `{gate}` waits until the test opens that gate (`POST /__mock/scripts/<id>/gates/<name>`): a test
 *   that must see the reply mid-stream holds it there instead of hoping a delay is long enough.
 *   Between two chunks with no `{delayMs}` entry between them the mock waits `chunkDelayMs`.
 * @property {'close' | 'hang' | 'destroy' | 'reset'} [end] After the chunks: end the response (default), keep it
 *   open until the client goes away or the server closes, or destroy the socket mid-response. `reset`
 *   destroys the socket before anything is written (no status line, no headers, chunks ignored).
 * @property {number} [chunkDelayMs] Default wait between chunks, 10 ms.
 *
 * @typedef {ScriptedTurn & {
 *   turns?: ScriptedTurn[],
 *   history?: object[],
 *   sessionId?: string,
 *   sessionStatus?: number, sessionBody?: unknown,
 *   getSessionStatus?: number, getSessionBody?: unknown,
 *   createSessionStatus?: number, createSessionBody?: unknown,
 *   flavour?: string,
 *   conversationId?: string,
 *   items?: object[],
 * }} MockScript
 * `POST /__mock/scripts` body. `turns` (optional) answers the 1st, 2nd, … turn in order (the last one
 * repeats); otherwise every turn uses the top-level status/headers/chunks/end. `history` is the `turns`
 * array served by `GET …/session/{any sid}` (every session id is then known). `sessionId` fixes the id
 * returned by `POST …/session`. `sessionStatus`/`sessionBody` make both `POST …/session` and
 * `GET …/session/{sid}` answer that status and body; `createSession*` / `getSession*` override one of them.
 * Responses/Conversations extensions (see ./responses.js): `flavour` (default `llama-stack-0.3`) is the
 * server the script's base path `/s/<id>` impersonates; the turns/chunks also answer `POST …/v1/responses`;
 * `conversationId` fixes the id returned by `POST …/v1/conversations`; `items` (oldest first) is what
 * `GET …/v1/conversations/{any id}/items` lists; `createSession*` also apply to `POST …/v1/conversations` and
 * `getSession*` to `GET …/v1/conversations/{id}/items` (and `GET …/v1/conversations/{id}`).
 */

/**
 * @typedef {import('./http.js').Req} Req
 * @typedef {import('./http.js').Res} Res
 * @typedef {import('./agents/registry.js').MockAgent} MockAgent
 */

/** The gate `name` of a scripted agent (made closed the first time either side names it). */
export function gate(/** @type {MockAgent} */ agent, /** @type {string} */ name) {
  agent.gates ??= new Map();
  let entry = agent.gates.get(name);
  if (!entry) {
    /** @type {() => void} */
    let open = () => {};
    const opened = new Promise((resolve) => (open = () => resolve(undefined)));
    entry = { opened, open };
    agent.gates.set(name, entry);
  }
  return entry;
}

/**
 * Plays a scripted turn: the answer to a turn, a resume or a Responses request of the script's agent.
 * @param {Res} res @param {Req} req @param {MockAgent} agent
 */
export async function playScript(req, res, agent) {
  const script = /** @type {MockScript} */ (agent.script);
  const index = agent.turnCount++;
  /** @type {ScriptedTurn} */
  const turn = script.turns?.length ? script.turns[Math.min(index, script.turns.length - 1)] : script;
  if (turn.end === 'reset') {
    res.socket?.destroy();
    return;
  }
  const status = turn.status ?? 200;
  /** @type {Record<string, string>} */
  const headers = { ...corsHeaders(req), 'content-type': status === 200 ? SSE_CONTENT_TYPE : JSON_CONTENT_TYPE };
  for (const [name, value] of Object.entries(turn.headers ?? {})) {
    if (value === null) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = String(value);
  }
  const signal = responseAbort(res);
  res.writeHead(status, headers);
  res.flushHeaders();
  const defaultWait = turn.chunkDelayMs ?? DEFAULT_SCRIPT_CHUNK_DELAY_MS;
  let wroteOne = false;
  let waitedExplicitly = false;
  for (const item of turn.chunks ?? []) {
    if (item && typeof item === 'object' && 'delayMs' in item) {
      if (!(await sleep(Number(item.delayMs) || 0, signal))) return;
      waitedExplicitly = true;
      continue;
    }
    if (item && typeof item === 'object' && 'gate' in item) {
      if (!(await untilAborted(gate(agent, String(item.gate)).opened, signal))) return;
      waitedExplicitly = true;
      continue;
    }
    if (wroteOne && !waitedExplicitly && !(await sleep(defaultWait, signal))) return;
    if (signal.aborted) return;
    const bytes =
      typeof item === 'string'
        ? Buffer.from(item, 'utf8')
        : item && typeof item === 'object' && 'base64' in item
          ? Buffer.from(String(item.base64), 'base64')
          : Buffer.from(JSON.stringify(item), 'utf8');
    res.write(bytes);
    wroteOne = true;
    waitedExplicitly = false;
  }
  const end = turn.end ?? 'close';
  if (end === 'hang') return; // stays open until the client leaves or close() destroys the socket
  if (end === 'destroy') {
    // Let the written bytes leave before the socket is torn down (no terminating chunk is sent).
    await sleep(20, signal);
    res.socket?.destroy();
    return;
  }
  res.end();
}

/**
 * A scripted answer's body: a string is sent as it is (so a test can send invalid JSON), anything else as JSON.
 * @param {Req} req @param {Res} res
 * @param {number} status @param {unknown} body
 */
function sendScriptBody(req, res, status, body) {
  if (typeof body === 'string') {
    res.writeHead(status, { ...corsHeaders(req), 'content-type': JSON_CONTENT_TYPE });
    res.end(body);
  } else {
    sendJson(req, res, status, body ?? null);
  }
}

/**
 * Answers a session (or conversation) request with the failure the script asks for, if it asks for one:
 * `createSessionStatus`/`createSessionBody` (or `sessionStatus`/`sessionBody`) when one is created,
 * `getSession*` (or `session*`) when one is read. A status of 200 is no failure.
 * @param {Req} req @param {Res} res
 * @param {MockScript | undefined} script
 * @param {'create' | 'get'} action
 * @returns {boolean} whether it answered
 */
export function answeredScriptedSessionFailure(req, res, script, action) {
  if (!script) return false;
  const status =
    action === 'create' ? (script.createSessionStatus ?? script.sessionStatus) : (script.getSessionStatus ?? script.sessionStatus);
  if (status === undefined || status === 200) return false;
  const body = action === 'create' ? (script.createSessionBody ?? script.sessionBody) : (script.getSessionBody ?? script.sessionBody);
  sendScriptBody(req, res, status, body ?? null);
  return true;
}
