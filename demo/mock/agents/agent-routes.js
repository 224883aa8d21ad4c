// @ts-check
/**
 * The Agents API's agent and session routes (`/agents`, `/agents/{id}`, `/agents/{id}/sessions`,
 * `/agents/{id}/session[/{sid}]`). Pre-stream failures use FastAPI bodies: `{"detail": "…"}`, validation errors
 * `{"error": {"detail": {"errors": […]}}}`.
 */

import { randomUUID } from 'node:crypto';
import { fieldRequired, legacyValidationBody, sendJson, sendMethodNotAllowed } from '../http.js';
import { isoNow } from '../python-json.js';
import { answeredScriptedSessionFailure } from '../scripts.js';
import { agentNotFound, DEMO_AGENT_ID, newAgent, sessionNotFound } from './registry.js';

/**
 * @typedef {object} AgentRequest A request to an agent route, with the agent it names.
 * @property {import('../http.js').Req} req
 * @property {import('../http.js').Res} res
 * @property {string} method
 * @property {Record<string, any>} body The JSON body when it is an object, else `{}`.
 * @property {import('./registry.js').AgentRegistry} agents
 * @property {string} agentId
 * @property {import('./registry.js').MockAgent | undefined} agent
 */

/** `/agents`: create one, or list them all. @param {Omit<AgentRequest, 'agentId' | 'agent'>} r */
export function agentCollection({ req, res, method, body, agents }) {
  if (method === 'POST') {
    const cfg = body.agent_config;
    const missing = [];
    if (!cfg || typeof cfg !== 'object') missing.push(['body', 'agent_config']);
    else {
      if (typeof cfg.model !== 'string') missing.push(['body', 'agent_config', 'model']);
      if (typeof cfg.instructions !== 'string') missing.push(['body', 'agent_config', 'instructions']);
    }
    if (missing.length) return sendJson(req, res, 400, legacyValidationBody(missing.map(fieldRequired)));
    const id = randomUUID();
    agents.set(id, newAgent(id, cfg));
    return sendJson(req, res, 200, { agent_id: id });
  }
  if (method === 'GET') {
    const data = [...agents.values()].map((a) => ({ agent_id: a.agent_id, agent_config: a.agent_config, created_at: a.created_at }));
    return sendJson(req, res, 200, { data, has_more: false });
  }
  return sendMethodNotAllowed(req, res);
}

/** `/agents/{agent_id}`: read or delete one (the built-in demo agent survives a delete). @param {AgentRequest} r */
export function oneAgent({ req, res, method, agents, agentId, agent }) {
  if (method !== 'GET' && method !== 'DELETE') return sendMethodNotAllowed(req, res);
  if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
  if (method === 'GET') {
    return sendJson(req, res, 200, { agent_id: agent.agent_id, agent_config: agent.agent_config, created_at: agent.created_at });
  }
  if (agentId !== DEMO_AGENT_ID) agents.delete(agentId);
  return sendJson(req, res, 200, null);
}

/** `/agents/{agent_id}/sessions`: every session of the agent. @param {AgentRequest} r */
export function sessionList({ req, res, method, agentId, agent }) {
  if (method !== 'GET') return sendMethodNotAllowed(req, res);
  if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
  return sendJson(req, res, 200, { data: [...agent.sessions.values()], has_more: false });
}

/** `POST /agents/{agent_id}/session`: a new session (a script may fix its id, or fail). @param {AgentRequest} r */
export function createSession({ req, res, method, body, agentId, agent }) {
  if (method !== 'POST') return sendMethodNotAllowed(req, res);
  const script = agent?.script;
  if (answeredScriptedSessionFailure(req, res, script, 'create')) return;
  if (typeof body.session_name !== 'string')
    return sendJson(req, res, 400, legacyValidationBody([fieldRequired(['body', 'session_name'])]));
  if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
  const sid = script?.sessionId ?? randomUUID();
  agent.sessions.set(sid, { session_id: sid, session_name: body.session_name, turns: [], started_at: isoNow() });
  return sendJson(req, res, 200, { session_id: sid });
}

/**
 * `/agents/{agent_id}/session/{session_id}`: read one (with its turns; a script may serve its `history` for any
 * id, or fail), or delete one.
 * @param {AgentRequest} r @param {string} sessionId
 */
export function oneSession({ req, res, method, agentId, agent }, sessionId) {
  if (method === 'GET') {
    const script = agent?.script;
    if (answeredScriptedSessionFailure(req, res, script, 'get')) return;
    if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
    const session = agent.sessions.get(sessionId);
    if (script?.history) {
      return sendJson(req, res, 200, {
        session_id: sessionId,
        session_name: session?.session_name ?? 'scripted-session',
        turns: script.history,
        started_at: session?.started_at ?? agent.created_at,
      });
    }
    if (!session) return sendJson(req, res, 400, { detail: sessionNotFound(sessionId) });
    return sendJson(req, res, 200, session);
  }
  if (method === 'DELETE') {
    if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
    if (!agent.sessions.delete(sessionId)) return sendJson(req, res, 400, { detail: sessionNotFound(sessionId) });
    return sendJson(req, res, 200, null);
  }
  return sendMethodNotAllowed(req, res);
}
