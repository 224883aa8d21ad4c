// @ts-check
/**
 * A mock Llama Stack 0.3.5 server (Agents API over HTTP + Server-Sent Events), shared by the demo page
 * and by the browser and Node tests. Node built-ins only.
 *
 * It also serves the Responses + Conversations APIs (`/v1/responses`, `/v1/conversations…`, as 0.3 did and
 * OGX 0.4+ does; bodies are OGX 0.8.0's) and can impersonate other servers ("flavours"): ./responses.js's doc
 * comment lists the Responses routes, scenarios and error shapes, ./flavours.js the flavours. In short:
 *   /as/<flavour>/<rest>   answered as /<rest> by `llama-stack-0.2` (0.2.23: /v1/agents only),
 *                          `llama-stack-0.3` (0.3.5: /v1 + /v1alpha agents, Responses, Conversations),
 *                          `ogx-0.8` (0.8.0: Responses + Conversations, every agent route 404) or
 *                          `openai-compatible` (Responses only: no version, health or conversations).
 *   no prefix              `llama-stack-0.3`: the Agents routes below, plus Responses + Conversations.
 *   /s/<script id>/<rest>  answered by the script's flavour, replaying the script (see ./control.js).
 *
 * What it imitates (see ../../docs/protocol.md and the transcripts in ../../test/fixtures/llama-stack-0.3.5):
 * - Agent routes under both `/v1/agents…` and `/v1alpha/agents…`, plus `GET /v1/version` and `/v1/health`.
 * - Turn streams framed as `data: <compact JSON>\n\n` only: no `event:`, no `id:`, no comments, no `[DONE]`;
 *   `content-type: text/event-stream; charset=utf-8`, no content-length. Step ids and turn ids are UUIDs,
 *   `turn_id` first appears in `step_complete`, timestamps have microseconds and a `Z`.
 * - Failures during a turn (unknown agent or session, a provider error) arrive in-band after a 200, written
 *   the way Python's `json.dumps` writes them: `{"error": {"message": "…"}}` with spaces and `\u` escapes.
 * - Pre-stream failures use FastAPI bodies: `{"detail": "…"}`, validation errors
 *   `{"error": {"detail": {"errors": […]}}}`.
 * - The real server's departures from its own OpenAPI types are reproduced on purpose (they are what a
 *   client really receives): `input_messages[].context: null`, `tool_responses[].metadata: null`,
 *   `shield_call` steps with `violation: null`. See test/node/conformance.test.js.
 * - CORS like `server.cors: true`, with one deliberate difference: a real server only allows
 *   `http(s)://localhost:<port>` origins; this mock echoes ANY Origin, because the tests run on both
 *   127.0.0.1 and localhost. Allowed request headers are ONLY Content-Type, Authorization and
 *   X-Requested-With, so a client that sends any other custom header fails the preflight, as it would
 *   against a real server.
 *
 * Where each part lives (each module's doc comment has the details):
 *   ./router.js              which routes answer a request (prefixes, `/v1/version`, `/v1/health`, 404s)
 *   ./http.js                body reading, CORS and preflight, JSON answers, SSE framing — both protocols
 *   ./python-json.js         the Python-style JSON the real servers write — both protocols
 *   ./flavours.js            the servers the mock impersonates, and where a request path lands
 *   ./browser-tools.js       the demo page's browser tools (`get_local_time`, `get_page_title`) — both protocols
 *   ./agents/routes.js       the Agents API routes: ./agents/agent-routes.js (agents, sessions),
 *                            ./agents/turn-routes.js (turns, resume), ./agents/registry.js (the agents)
 *   ./agents/scenarios.js    what the last user message makes a demo agent do (the list of trigger words)
 *   ./agents/resume.js       resuming a turn that waits for client tools, and its failures
 *   ./agents/stream.js, ./agents/turns.js, ./agents/steps.js, ./agents/deltas.js   the turn event streams
 *   ./responses.js           the Responses + Conversations API
 *   ./scripts.js             test scripts: exact chunks, delays, gates, failures
 *   ./control.js             the `/__mock` routes tests drive the mock with; ./request-log.js what they read back
 *
 * Usage: `node demo/mock/server.js [port]` (default 8321), or as Vite middleware:
 *   `server.middlewares.use(createMockLlamaStack().handle)`
 */

import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgentRegistry, DEMO_AGENT_ID } from './agents/registry.js';
import { createAgentRoutes } from './agents/routes.js';
import { createControlRoutes } from './control.js';
import { createRequestLog } from './request-log.js';
import { createResponsesApi } from './responses.js';
import { createRouter } from './router.js';

export { DEMO_AGENT_ID } from './agents/registry.js';
export { pyJsonDumps } from './python-json.js';
export { splitIntoDeltas } from './agents/deltas.js';
export { DEFAULT_ANSWER, DEMO_CLIENT_TOOLS, pickScenario } from './agents/scenarios.js';

export const MOCK_VERSION = '0.3.5';

/**
 * @typedef {object} MockOptions
 * @property {number} [chunkDelayMs] Delay between streamed events for the demo scenarios (default 25).
 * @property {number} [slowChunkDelayMs] Delay between events in the "slow" scenario (default 150).
 *
 * @typedef {import('./http.js').Req} Req
 * @typedef {import('./http.js').Res} Res
 * @typedef {import('./scripts.js').ScriptChunk} ScriptChunk
 * @typedef {import('./scripts.js').ScriptedTurn} ScriptedTurn
 * @typedef {import('./scripts.js').MockScript} MockScript
 * @typedef {import('./request-log.js').RecordedRequest} RecordedRequest
 * @typedef {import('./agents/registry.js').MockSession} MockSession
 * @typedef {import('./agents/registry.js').MockAgent} MockAgent
 */

/**
 * Creates the mock: a connect-style handler usable as Vite dev-server middleware. State (agents,
 * sessions, conversations, scripts, recorded requests) lives in this instance.
 * @param {MockOptions} [options]
 * @returns {{ handle: (req: Req, res: Res, next?: (err?: unknown) => void) => void, close: () => void }}
 */
export function createMockLlamaStack(options = {}) {
  const chunkDelayMs = options.chunkDelayMs ?? 25;
  const slowChunkDelayMs = options.slowChunkDelayMs ?? 150;
  const agents = createAgentRegistry();
  const requestLog = createRequestLog();
  return createRouter({
    agents,
    requestLog,
    control: createControlRoutes({ agents, requestLog }),
    agentRoutes: createAgentRoutes({ agents, chunkDelayMs, slowChunkDelayMs }),
    responsesApi: createResponsesApi({ chunkDelayMs, slowChunkDelayMs }),
  });
}

/**
 * Starts the mock on an HTTP server.
 * @param {{ port?: number, host?: string } & MockOptions} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startMockLlamaStack({ port = 0, host = '127.0.0.1', ...mockOptions } = {}) {
  const mock = createMockLlamaStack(mockOptions);
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const server = http.createServer((req, res) => mock.handle(req, res));
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const hostPart = address.family === 'IPv6' || address.family === /** @type {any} */ (6) ? `[${address.address}]` : address.address;
  let closing = /** @type {Promise<void> | undefined} */ (undefined);
  return {
    url: `http://${hostPart}:${address.port}`,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        mock.close();
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections?.();
      });
      return closing;
    },
  };
}

// Run directly: `node demo/mock/server.js [port]`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8321);
  const { url, close } = await startMockLlamaStack({ port });
  console.log(`Mock Llama Stack ${MOCK_VERSION} listening on ${url} (agent id: ${DEMO_AGENT_ID})`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
