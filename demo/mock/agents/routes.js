// @ts-check
/**
 * The Agents API (Llama Stack 0.1–0.3): routes under `/v1/agents…` and `/v1alpha/agents…` (which prefixes exist
 * depends on the flavour, see ../flavours.js), handed to the module that answers each path.
 */

import { sendNotFound } from '../http.js';
import { agentCollection, createSession, oneAgent, oneSession, sessionList } from './agent-routes.js';
import { createTurnStreams } from './stream.js';
import { createTurn, oneTurn, resumeTurn } from './turn-routes.js';

/**
 * @param {{ agents: import('./registry.js').AgentRegistry, chunkDelayMs: number, slowChunkDelayMs: number }} deps
 */
export function createAgentRoutes({ agents, chunkDelayMs, slowChunkDelayMs }) {
  const streams = createTurnStreams({ chunkDelayMs, slowChunkDelayMs });

  /**
   * @param {import('../http.js').Req} req @param {import('../http.js').Res} res
   * @param {string} method @param {string[]} segs path segments after the version prefix (`agents`, …)
   * @param {unknown} parsedBody
   */
  async function handle(req, res, method, segs, parsedBody) {
    const body = /** @type {Record<string, any>} */ (parsedBody && typeof parsedBody === 'object' ? parsedBody : {});
    if (segs.length === 1) return agentCollection({ req, res, method, body, agents });
    // decodeURIComponent, not safeDecode: a malformed id throws, and the router's catch-all answers 500.
    const agentId = decodeURIComponent(segs[1]);
    /** @type {import('./agent-routes.js').AgentRequest} */
    const r = { req, res, method, body, agents, agentId, agent: agents.get(agentId) };
    if (segs.length === 2) return oneAgent(r);
    if (segs.length === 3 && segs[2] === 'sessions') return sessionList(r);
    if (segs[2] !== 'session') return sendNotFound(req, res);
    if (segs.length === 3) return createSession(r);
    const sessionId = decodeURIComponent(segs[3]);
    if (segs.length === 4) return oneSession(r, sessionId);
    if (segs[4] !== 'turn') return sendNotFound(req, res);
    if (segs.length === 5) return createTurn(r, streams, sessionId);
    const turnId = decodeURIComponent(segs[5]);
    if (segs.length === 6) return oneTurn(r, sessionId, turnId);
    if (segs.length === 7 && segs[6] === 'resume') return resumeTurn(r, streams, sessionId, turnId);
    return sendNotFound(req, res);
  }

  return { handle };
}
