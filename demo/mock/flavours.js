// @ts-check
/**
 * The servers one mock process can impersonate ("flavours"), and where a request path lands: which flavour
 * answers it, and the path that flavour sees. Used by the router (./router.js), the Agents and the Responses
 * routes alike.
 *
 * A request to `/as/<flavour>/<rest>` is answered as `/<rest>` by that flavour; requests without a
 * prefix are `llama-stack-0.3`:
 *   llama-stack-0.2    version 0.2.23; Agents API under /v1/agents only; no Responses/Conversations (404).
 *   llama-stack-0.3    version 0.3.5; Agents API under /v1/agents and /v1alpha/agents; Responses + Conversations.
 *                      Error envelopes are 0.3's: in-band `{"error": {"message": "…"}}` (Python json.dumps style,
 *                      like the Agents API) and validation `{"error": {"detail": {"errors": […]}}}`.
 *   ogx-0.8            version 0.8.0; Responses + Conversations only; every agent route 404 `{"detail":"Not Found"}`.
 *   openai-compatible  Responses only: no /v1/version, /v1/health or conversations (404). 0.8's error shapes.
 * The event and object bodies are 0.8.0's for every flavour that has the Responses API.
 * Under `/s/<script id>/…` a script's flavour answers (see ./scripts.js).
 */

import { safeDecode } from './http.js';

/**
 * @typedef {'legacy' | 'ogx'} ErrorStyle `legacy`: Llama Stack ≤0.3 envelopes; `ogx`: 0.8.0's.
 * @typedef {object} Flavour
 * @property {string} name
 * @property {string | null} version What `GET /v1/version` answers; null → 404.
 * @property {boolean} health Whether `GET /v1/health` exists.
 * @property {string[]} agentPrefixes Path prefixes (`v1`, `v1alpha`) under which the Agents API exists.
 * @property {boolean} responses
 * @property {boolean} conversations
 * @property {ErrorStyle} errors
 */

/** @type {Record<string, Flavour>} */
export const FLAVOURS = {
  'llama-stack-0.2': {
    name: 'llama-stack-0.2',
    version: '0.2.23',
    health: true,
    agentPrefixes: ['v1'],
    responses: false,
    conversations: false,
    errors: 'legacy',
  },
  'llama-stack-0.3': {
    name: 'llama-stack-0.3',
    version: '0.3.5',
    health: true,
    agentPrefixes: ['v1', 'v1alpha'],
    responses: true,
    conversations: true,
    errors: 'legacy',
  },
  'ogx-0.8': {
    name: 'ogx-0.8',
    version: '0.8.0',
    health: true,
    agentPrefixes: [],
    responses: true,
    conversations: true,
    errors: 'ogx',
  },
  'openai-compatible': {
    name: 'openai-compatible',
    version: null,
    health: false,
    agentPrefixes: [],
    responses: true,
    conversations: false,
    errors: 'ogx',
  },
};
export const DEFAULT_FLAVOUR = 'llama-stack-0.3';

/**
 * @typedef {object} Mount Where a request path lands.
 * @property {Flavour} flavour
 * @property {string[]} segs The path segments after the mount prefix.
 * @property {string} [scriptId] Set under `/s/<scriptId>/`.
 * @property {boolean} prefixed True under `/as/…` or `/s/…`.
 */

/**
 * Resolves `/as/<flavour>/…` and `/s/<scriptId>/…` prefixes.
 * @param {string[]} segs path segments (not decoded)
 * @param {(scriptId: string) => string | undefined} scriptFlavour the flavour name of a script, or
 *   undefined when no such script exists
 * @returns {Mount | null} null when the prefix names no known flavour or script
 */
export function resolveMount(segs, scriptFlavour) {
  if (segs[0] === 'as') {
    const flavour = segs[1] === undefined ? undefined : FLAVOURS[safeDecode(segs[1])];
    return flavour ? { flavour, segs: segs.slice(2), prefixed: true } : null;
  }
  if (segs[0] === 's' && segs[1] !== undefined) {
    const scriptId = safeDecode(segs[1]);
    const name = scriptFlavour(scriptId);
    if (name === undefined) return null;
    return { flavour: FLAVOURS[name] ?? FLAVOURS[DEFAULT_FLAVOUR], segs: segs.slice(2), scriptId, prefixed: true };
  }
  return { flavour: FLAVOURS[DEFAULT_FLAVOUR], segs, prefixed: false };
}
