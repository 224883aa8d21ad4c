// @ts-check
/**
 * Hands each request of a mock instance to the routes that answer it: the flavour or script prefix first
 * (./flavours.js), then `/__mock` (./control.js), `/v1/version` and `/v1/health`, the Agents API
 * (./agents/routes.js) or the Responses + Conversations API (./responses.js). Unknown paths go to `next` when
 * the mock is middleware, else 404.
 */

import { DEFAULT_FLAVOUR, resolveMount } from './flavours.js';
import { answerPreflight, legacyValidationBody, parseBody, readBody, sendJson, sendMethodNotAllowed, sendNotFound } from './http.js';

/**
 * @typedef {import('./http.js').Req} Req
 * @typedef {import('./http.js').Res} Res
 * @typedef {import('./http.js').ParsedBody} ParsedBody
 * @typedef {import('./flavours.js').Mount} Mount
 *
 * @typedef {object} Routes
 * @property {import('./agents/registry.js').AgentRegistry} agents
 * @property {import('./request-log.js').RequestLog} requestLog
 * @property {ReturnType<typeof import('./control.js').createControlRoutes>} control
 * @property {ReturnType<typeof import('./agents/routes.js').createAgentRoutes>} agentRoutes
 * @property {ReturnType<typeof import('./responses.js').createResponsesApi>} responsesApi
 */

/**
 * @param {Routes} routes
 * @returns {{ handle: (req: Req, res: Res, next?: (err?: unknown) => void) => void, close: () => void }}
 */
export function createRouter(routes) {
  const { agents, requestLog } = routes;
  /** @type {Set<Res>} */
  const openResponses = new Set();

  /** The flavour name of a script, or undefined when there is no such script. @param {string} id */
  const scriptFlavour = (id) => (agents.get(id)?.script ? (agents.get(id)?.script?.flavour ?? DEFAULT_FLAVOUR) : undefined);

  /**
   * @param {Req} req @param {Res} res @param {(err?: unknown) => void} [next]
   */
  function handle(req, res, next) {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    // `/as/<flavour>/…` and `/s/<script id>/…` are answered as `/…` by that flavour (see ./flavours.js).
    const mount = resolveMount(url.pathname.split('/').filter(Boolean), scriptFlavour);
    const segs = mount?.segs ?? [];
    const owned = mount !== null && (segs[0] === 'v1' || segs[0] === 'v1alpha' || (segs[0] === '__mock' && !mount.prefixed));
    if (!owned) {
      if (next) return next();
      return sendNotFound(req, res);
    }
    openResponses.add(res);
    res.on('close', () => openResponses.delete(res));
    const method = (req.method ?? 'GET').toUpperCase();
    readBody(req)
      .then(async (raw) => {
        const parsed = parseBody(raw);
        if (segs[0] !== '__mock') requestLog.record(req, res, method, url, parsed.value);
        return route(req, res, method, url, mount, parsed);
      })
      .catch((err) => {
        if (!res.headersSent) sendJson(req, res, 500, { detail: `Internal server error: ${String(err)}` });
        else res.destroy();
      });
  }

  /**
   * @param {Req} req @param {Res} res @param {string} method @param {URL} url
   * @param {Mount} mount @param {ParsedBody} parsed
   */
  function route(req, res, method, url, mount, parsed) {
    const { flavour, scriptId, segs } = mount;
    if (method === 'OPTIONS') return answerPreflight(req, res);
    if (segs[0] === '__mock') return routes.control.handle(req, res, method, segs.slice(1), url, parsed);
    const { responsesApi } = routes;
    if (!parsed.ok && responsesApi.owns(segs)) return responsesApi.invalidJson(req, res, flavour);
    if (!parsed.ok) {
      return sendJson(req, res, 400, legacyValidationBody([{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }]));
    }
    if (segs[0] === 'v1' && segs.length === 2 && segs[1] === 'version' && flavour.version) {
      return method === 'GET' ? sendJson(req, res, 200, { version: flavour.version }) : sendMethodNotAllowed(req, res);
    }
    if (segs[0] === 'v1' && segs.length === 2 && segs[1] === 'health' && flavour.health) {
      return method === 'GET' ? sendJson(req, res, 200, { status: 'OK' }) : sendMethodNotAllowed(req, res);
    }
    if (segs[1] === 'agents' && flavour.agentPrefixes.includes(segs[0])) {
      // Under a script's base path every agent id names the script's agent.
      const agentSegs = scriptId !== undefined && segs.length > 2 ? ['agents', scriptId, ...segs.slice(3)] : segs.slice(1);
      return routes.agentRoutes.handle(req, res, method, agentSegs, parsed.value);
    }
    const scriptAgent = scriptId === undefined ? undefined : agents.get(scriptId);
    if (responsesApi.owns(segs)) return responsesApi.handle(req, res, method, segs, url, parsed.value, { flavour, scriptAgent });
    return sendNotFound(req, res);
  }

  /** Ends every open response of this instance (hanging or still streaming). */
  function close() {
    for (const res of openResponses) res.destroy();
    openResponses.clear();
  }

  return { handle, close };
}
