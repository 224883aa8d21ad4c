// @ts-check
/** The mock's agents and their sessions: the built-in `demo-agent`, agents clients create, and test scripts' agents. */

import { isoNow } from '../python-json.js';
import { DEMO_CLIENT_TOOLS } from './scenarios.js';

export const DEMO_AGENT_ID = 'demo-agent';

/**
 * @typedef {object} MockSession
 * @property {string} session_id
 * @property {string} session_name
 * @property {object[]} turns
 * @property {string} started_at
 *
 * @typedef {object} MockAgent
 * @property {string} agent_id
 * @property {Record<string, unknown>} agent_config
 * @property {string} created_at
 * @property {Map<string, MockSession>} sessions
 * @property {import('../scripts.js').MockScript} [script]
 * @property {number} turnCount
 * @property {Map<string, { opened: Promise<unknown>, open: () => void }>} [gates] A scripted agent's gates by name.
 *
 * @typedef {Map<string, MockAgent>} AgentRegistry Every agent by id.
 */

/** An agent config with the defaults the real server fills in. @param {Record<string, unknown>} cfg */
export function withConfigDefaults(cfg) {
  return {
    sampling_params: { strategy: { type: 'greedy' }, max_tokens: 0, repetition_penalty: 1 },
    input_shields: [],
    output_shields: [],
    toolgroups: [],
    client_tools: [],
    max_infer_iters: 10,
    enable_session_persistence: false,
    ...cfg,
  };
}

/**
 * A new agent with no sessions.
 * @param {string} id @param {Record<string, unknown>} cfg @param {import('../scripts.js').MockScript} [script]
 * @returns {MockAgent}
 */
export function newAgent(id, cfg, script) {
  return { agent_id: id, agent_config: withConfigDefaults(cfg), created_at: isoNow(), sessions: new Map(), script, turnCount: 0 };
}

/** A registry holding only the built-in `demo-agent`. @returns {AgentRegistry} */
export function createAgentRegistry() {
  const agents = new Map();
  agents.set(
    DEMO_AGENT_ID,
    newAgent(DEMO_AGENT_ID, {
      model: 'meta-llama/Llama-3.3-70B-Instruct',
      instructions: 'You are a helpful assistant.',
      name: 'demo-agent',
      toolgroups: ['builtin::websearch'],
      client_tools: DEMO_CLIENT_TOOLS.map((t) => structuredClone(t)),
      input_shields: ['llama-guard'],
      output_shields: ['llama-guard'],
    }),
  );
  return agents;
}

/** The real server's words for an unknown agent. @param {string} id */
export const agentNotFound = (id) => `Invalid value: Could not find agent info for ${id}`;
/** The real server's words for an unknown session. @param {string} sid */
export const sessionNotFound = (sid) => `Invalid value: Session '${sid}' not found or access denied.`;
