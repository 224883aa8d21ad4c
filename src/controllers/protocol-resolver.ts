/**
 * Which protocol a server speaks, from `GET /v1/version` (asked also when the api is forced, to find
 * where a 0.3 server keeps its Agents API).
 */
import { createAgentsProtocol } from '../protocol/agents/adapter.js';
import { agentsPrefix, chooseApi, parseVersion, type ApiPreference, type ServerFacts } from '../protocol/detect.js';
import type { RequestKind } from '../protocol/errors.js';
import { joinUrl, type ChatProtocol, type HttpRequestSpec } from '../protocol/protocol.js';
import { createResponsesProtocol } from '../protocol/responses/adapter.js';
import type { HttpResult } from './http.js';

/** A JSON request to the server (the controller's, with the host's base URL and headers). */
export type FetchJson = (spec: HttpRequestSpec, kind: RequestKind, signal: AbortSignal) => Promise<HttpResult>;

export interface ResolvedProtocol {
  protocol: ChatProtocol;
  /** False when the server could not say (then the choice is the preference's and is not kept). */
  known: boolean;
  version: number[] | undefined;
}

/**
 * The protocol for `baseUrl` under `preference`. Throws a readable Error when the server cannot be
 * reached and the choice depends on it. A 404 on the version route is an answer too: an
 * OpenAI-compatible server, which has no such route.
 */
export async function detectProtocol(
  baseUrl: string,
  preference: ApiPreference,
  fetchJson: FetchJson,
  signal: AbortSignal,
): Promise<ResolvedProtocol> {
  const result = await fetchJson({ method: 'GET', url: joinUrl(baseUrl, '/v1/version') }, 'version', signal);
  if (signal.aborted) throw new Error('aborted');
  const known = result.ok || result.status === 404;
  if (!known && preference === 'auto') {
    throw new Error(result.status === 0 ? result.message : `Could not tell which API this server speaks. ${result.message}`);
  }
  const facts: ServerFacts = { version: result.ok ? parseVersion(result.body) : undefined };
  const api = chooseApi(preference, facts);
  return {
    protocol: api === 'agents' ? createAgentsProtocol(agentsPrefix(facts)) : createResponsesProtocol(),
    known,
    version: facts.version,
  };
}
