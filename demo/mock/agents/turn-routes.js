// @ts-check
/**
 * The Agents API's turn routes: `POST …/session/{sid}/turn` (a streamed turn), `GET …/turn/{turn_id}` and
 * `POST …/turn/{turn_id}/resume`. Scripted agents replay their script for both POSTs; demo agents stream a
 * scenario (./scenarios.js) or finish a turn that waits for client tools (./resume.js).
 */

import { legacyValidationBody, fieldRequired, sendJson, sendMethodNotAllowed } from '../http.js';
import { playScript } from '../scripts.js';
import { agentNotFound, sessionNotFound } from './registry.js';
import { resumeBodyErrors } from './resume.js';

/**
 * @typedef {import('./agent-routes.js').AgentRequest} AgentRequest
 * @typedef {ReturnType<typeof import('./stream.js').createTurnStreams>} TurnStreams
 */

/** Like the real server, which streams turns only. @param {AgentRequest} r */
const nonStreamingTurn = ({ req, res }) =>
  sendJson(req, res, 501, { detail: 'Not implemented: Non-streaming agent turns not yet implemented' });

/** `POST …/session/{session_id}/turn`. @param {AgentRequest} r @param {TurnStreams} streams @param {string} sessionId */
export function createTurn(r, streams, sessionId) {
  const { req, res, method, body, agentId, agent } = r;
  if (method !== 'POST') return sendMethodNotAllowed(req, res);
  if (agent?.script) return playScript(req, res, agent);
  if (!Array.isArray(body.messages)) return sendJson(req, res, 400, legacyValidationBody([fieldRequired(['body', 'messages'])]));
  if (body.stream !== true) return nonStreamingTurn(r);
  return streams.streamDemoTurn(req, res, agent, agentId, sessionId, body.messages);
}

/** `GET …/session/{session_id}/turn/{turn_id}`: a stored turn, or null. @param {AgentRequest} r @param {string} sessionId @param {string} turnId */
export function oneTurn({ req, res, method, agentId, agent }, sessionId, turnId) {
  if (method !== 'GET') return sendMethodNotAllowed(req, res);
  if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
  const session = agent.sessions.get(sessionId);
  if (!session) return sendJson(req, res, 400, { detail: sessionNotFound(sessionId) });
  const turn = session.turns.find((t) => /** @type {any} */ (t).turn_id === turnId);
  return sendJson(req, res, 200, turn ?? null);
}

/**
 * `POST …/session/{session_id}/turn/{turn_id}/resume`.
 * @param {AgentRequest} r @param {TurnStreams} streams @param {string} sessionId @param {string} turnId
 */
export function resumeTurn(r, streams, sessionId, turnId) {
  const { req, res, method, body, agentId, agent } = r;
  if (method !== 'POST') return sendMethodNotAllowed(req, res);
  if (agent?.script) return playScript(req, res, agent);
  const errors = resumeBodyErrors(body);
  if (errors.length) return sendJson(req, res, 400, legacyValidationBody(errors));
  if (body.stream !== true) return nonStreamingTurn(r);
  return streams.streamDemoResume(req, res, agent, agentId, sessionId, turnId, body.tool_responses);
}
