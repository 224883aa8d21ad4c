// @ts-check
/**
 * The routes a test drives the mock with, under `/__mock` (never under a flavour or script prefix).
 *
 * Test control routes (CORS like the rest):
 *   POST /__mock/scripts                 → {"agent_id": "script-<n>", "base_path": "/s/script-<n>"}; see
 *                                          {@link MockScript} (./scripts.js). The script answers agent turns of agent
 *                                          `script-<n>` on every path, and everything under its base path:
 *                                          there it plays its `flavour` (default `llama-stack-0.3`), any agent
 *                                          id names the script's agent, `POST …/v1/responses` replays the
 *                                          script's turns/chunks like an agent turn, and the conversation
 *                                          routes follow `conversationId`, `items` and the `*Session*` fields.
 *   GET  /__mock/requests?agent_id=<id>  → every request whose path contains that agent id (so everything
 *                                          under `/s/<id>/`), in order
 *   GET  /__mock/requests                → every request received (except /__mock routes)
 *   DELETE /__mock/requests              → forget recorded requests
 *   POST /__mock/scripts/<id>/gates/<name> → opens the gate `name` of that script: a stream waiting at a
 *                                          `{"gate": name}` chunk goes on (one opened before is open already)
 */

import { FLAVOURS } from './flavours.js';
import { safeDecode, sendJson, sendNotFound } from './http.js';
import { newAgent } from './agents/registry.js';
import { gate } from './scripts.js';

/**
 * @typedef {import('./http.js').Req} Req
 * @typedef {import('./http.js').Res} Res
 * @typedef {import('./scripts.js').MockScript} MockScript
 * @typedef {import('./http.js').ParsedBody} ParsedBody
 */

/**
 * @param {{ agents: import('./agents/registry.js').AgentRegistry, requestLog: import('./request-log.js').RequestLog }} deps
 */
export function createControlRoutes({ agents, requestLog }) {
  let scriptCounter = 0;

  /** `POST /__mock/scripts`: a new scripted agent. @param {Req} req @param {Res} res @param {ParsedBody} parsed */
  function addScript(req, res, parsed) {
    const s = /** @type {MockScript} */ (parsed.value);
    if (!parsed.ok || !s || typeof s !== 'object' || (!Array.isArray(s.chunks) && !Array.isArray(s.turns) && !Array.isArray(s.items))) {
      return sendJson(req, res, 400, { detail: 'A script needs "chunks" (or "turns": [{chunks}], or conversation "items")' });
    }
    if (s.flavour !== undefined && !(s.flavour in FLAVOURS)) {
      return sendJson(req, res, 400, {
        detail: `Unknown flavour ${JSON.stringify(s.flavour)}; one of ${Object.keys(FLAVOURS).join(', ')}`,
      });
    }
    const id = `script-${++scriptCounter}`;
    agents.set(id, newAgent(id, { model: 'scripted', instructions: 'Scripted by a test.' }, s));
    return sendJson(req, res, 200, { agent_id: id, base_path: `/s/${id}` });
  }

  /** `POST /__mock/scripts/<id>/gates/<name>`. @param {Req} req @param {Res} res @param {string} scriptId @param {string} name */
  function openGate(req, res, scriptId, name) {
    const agent = agents.get(safeDecode(scriptId));
    if (!agent?.script) return sendJson(req, res, 404, { detail: `No script ${JSON.stringify(scriptId)}` });
    gate(agent, safeDecode(name)).open();
    return sendJson(req, res, 200, null);
  }

  /** `GET` / `DELETE /__mock/requests`. @param {Req} req @param {Res} res @param {string} method @param {URL} url */
  function recordedRequests(req, res, method, url) {
    if (method === 'DELETE') {
      requestLog.clear();
      return sendJson(req, res, 200, null);
    }
    if (method === 'GET') return sendJson(req, res, 200, requestLog.list(url.searchParams.get('agent_id')));
    return sendNotFound(req, res);
  }

  /**
   * @param {Req} req @param {Res} res
   * @param {string} method @param {string[]} segs segments after `__mock`
   * @param {URL} url @param {ParsedBody} parsed
   */
  function handle(req, res, method, segs, url, parsed) {
    if (segs[0] === 'scripts' && segs.length === 1 && method === 'POST') return addScript(req, res, parsed);
    if (segs[0] === 'scripts' && segs[2] === 'gates' && segs.length === 4 && method === 'POST') return openGate(req, res, segs[1], segs[3]);
    if (segs[0] === 'requests' && segs.length === 1) return recordedRequests(req, res, method, url);
    return sendNotFound(req, res);
  }

  return { handle };
}
