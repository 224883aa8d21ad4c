/**
 * Which protocol a server speaks, from `GET {base}/v1/version`. Pure.
 *
 *   Llama Stack < 0.4        Agents API (0.3.x under /v1alpha/agents, older under /v1/agents)
 *   Llama Stack / OGX ≥ 0.4  Responses + Conversations API (the Agents API was removed)
 *   no /v1/version route     an OpenAI-compatible server: Responses API
 */
import type { ApiName } from './protocol.js';

export type ApiPreference = ApiName | 'auto';

export interface ServerFacts {
  /** The server's version as [major, minor, patch], when it told us. */
  version?: [number, number, number];
}

/** "0.3.5", "v0.8.0rc1", {version:"0.2.23"} → [0, 3, 5]…; undefined when there is no version in it. */
export function parseVersion(body: unknown): [number, number, number] | undefined {
  const text = typeof body === 'string' ? body : (body as { version?: unknown } | null)?.version;
  const match = typeof text === 'string' ? /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text) : null;
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

const below = (v: [number, number, number], major: number, minor: number) => v[0] < major || (v[0] === major && v[1] < minor);

export function chooseApi(preference: ApiPreference, facts: ServerFacts): ApiName {
  if (preference !== 'auto') return preference;
  return facts.version && below(facts.version, 0, 4) ? 'agents' : 'responses';
}

/** Where the Agents API lives: 0.3.x serves /v1alpha (its /v1 routes are deprecated), older only /v1. */
export function agentsPrefix(facts: ServerFacts): string {
  return facts.version && !below(facts.version, 0, 3) && below(facts.version, 0, 4) ? '/v1alpha/agents' : '/v1/agents';
}
