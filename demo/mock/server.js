// @ts-check
/**
 * A mock Llama Stack 0.3.5 server (Agents API over HTTP + Server-Sent Events), shared by the demo page
 * and by the browser and Node tests. Node built-ins only.
 *
 * It also serves the Responses + Conversations APIs (`/v1/responses`, `/v1/conversations…`, as 0.3 did and
 * OGX 0.4+ does; bodies are OGX 0.8.0's) and can impersonate other servers ("flavours"): both live in
 * ./responses.js, whose doc comment lists their routes, scenarios and error shapes. In short:
 *   /as/<flavour>/<rest>   answered as /<rest> by `llama-stack-0.2` (0.2.23: /v1/agents only),
 *                          `llama-stack-0.3` (0.3.5: /v1 + /v1alpha agents, Responses, Conversations),
 *                          `ogx-0.8` (0.8.0: Responses + Conversations, every agent route 404) or
 *                          `openai-compatible` (Responses only: no version, health or conversations).
 *   no prefix              `llama-stack-0.3`: exactly the routes below, plus Responses + Conversations.
 *   /s/<script id>/<rest>  answered by the script's flavour, replaying the script (see "Test control").
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
 * The built-in agent `demo-agent` (and any agent created with `POST /v1/agents`) picks a scenario from
 * the last user message (case-insensitive; the first line that matches wins, in this order):
 *   "input shield"                 → input shield violation: no inference step, final message = violation
 *   "shield"                       → output shield violation: the answer streams in full, then
 *                                    `turn_complete.output_message.content` is the violation message
 *   "error"                        → a few text deltas, then the in-band error, no turn_complete
 *   "tool" / "search" / "weather"  → server-side tool call (`brave_search`, or `get_weather` for weather)
 *   "slow"                         → the default answer, one chunk every `slowChunkDelayMs` (150 ms)
 *   "time" / "title" (whole words) → client-side tool calls, like client_tool_awaiting.sse: one inference step
 *                                    streams `get_local_time(` `{}` `)` (and `get_page_title(` `{}` `)` when
 *                                    "title" occurs too: "time" → get_local_time, "title" → get_page_title), then
 *                                    one `succeeded` ToolCall per call (arguments `"{}"`), `step_complete` with
 *                                    `stop_reason: "end_of_message"`, then `turn_awaiting_input`; the stream ends.
 *                                    Only tools the agent declares in `agent_config.client_tools` are called
 *                                    (demo-agent declares both); an agent that declares no client tools at all
 *                                    (e.g. one the widget created) gets them anyway — a real server would try to run
 *                                    an undeclared tool itself and fail. Declaring only other tools → default answer.
 *                                    Then `POST …/turn/{turn_id}/resume` (see below) finishes the turn.
 *   anything else                  → a markdown answer streamed in deltas of 1–3 words
 * The browser-tool words come after every older trigger, so a message that picked an older scenario still does.
 *
 * Resuming a demo turn, `POST …/session/{sid}/turn/{turn_id}/resume` with
 * `{"tool_responses": [{call_id, tool_name, content}], "stream": true}`, streams like
 * client_tool_awaiting_resume.sse: a `tool_execution` `step_complete` with no `step_start`, reusing the step id of
 * the inference step that asked, carrying the pending `tool_calls` and the `tool_responses` as sent
 * (`metadata: null` added); a new inference step answering "It is **<time>** for you, and you are reading
 * *<title>*." from the contents; `turn_complete` for the same turn id with all three steps. Like the real server
 * (its `_run_turn` stores every turn it ends, awaiting or not, under its turn id), the awaiting turn is in the
 * session's history right away — with its tool calls and `stop_reason: "end_of_message"`, not as an answer — and
 * the resumed turn replaces it: history holds the turn once. Failures:
 *   - body: no `tool_responses` list, or an item without call_id/tool_name/content → 400 validation error;
 *     `stream` not true → 501, like turns.
 *   - then HTTP 200 and one in-band `{"error": {"message": "400: Invalid value: …"}}`, nothing else: unknown agent or
 *     session (the turn route's messages); a session without turns ("No turns found for session", the real
 *     server's words); an unknown turn id; a turn that waits for nothing ("No tool call to resume in turn …");
 *     a call id that is not pending, answered twice, or a pending call left unanswered (the message names the
 *     call ids the turn waits for). The turn stays awaiting, so a corrected resume still works. The real 0.3.5
 *     server checks none of the ids itself (it resumes the session's last turn and hands the responses to the
 *     model, whose provider then rejects unmatched tool messages mid-stream); failing early and readably is the
 *     mock's choice. A resume the client abandons leaves the turn awaiting, as on the real server.
 *
 * Test control routes (CORS like the rest):
 *   POST /__mock/scripts                 → {"agent_id": "script-<n>", "base_path": "/s/script-<n>"}; see
 *                                          {@link MockScript}. The script answers agent turns of agent
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
 *
 * Usage: `node demo/mock/server.js [port]` (default 8321), or as Vite middleware:
 *   `server.middlewares.use(createMockLlamaStack().handle)`
 */

import http from 'node:http';
import path from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { responseAbort, sleep, untilAborted } from './abortable.js';
import { prng } from './prng.js';
import { fileURLToPath } from 'node:url';
import {
  answerPreflight,
  corsHeaders,
  JSON_CONTENT_TYPE,
  legacyErrorFrame,
  parseBody,
  readBody,
  safeDecode,
  sendJson,
  sseData,
  SSE_CONTENT_TYPE,
} from './http.js';
import { isoNow, pyJsonDumps } from './python-json.js';
import {
  createResponsesApi,
  resolveMount,
  FLAVOURS,
  DEFAULT_FLAVOUR,
  LOCAL_TIME_TOOL,
  PAGE_TITLE_TOOL,
  browserToolsAskedFor,
  browserToolAnswer,
} from './responses.js';

export { pyJsonDumps } from './python-json.js';

export const MOCK_VERSION = '0.3.5';
export const DEMO_AGENT_ID = 'demo-agent';

const BUILTIN_TOOLS = ['brave_search', 'wolfram_alpha', 'photogen', 'code_interpreter'];
const SHIELD_REFUSAL = "I can't answer that. Can I help with something else?";
const DEFAULT_SCRIPT_CHUNK_DELAY_MS = 10;

/**
 * @typedef {{ base64: string }} Base64Chunk
 * @typedef {{ delayMs: number }} DelayEntry
 * @typedef {{ gate: string }} GateEntry
 * @typedef {string | Base64Chunk | DelayEntry | GateEntry} ScriptChunk
 *
 * @typedef {object} ScriptedTurn One scripted answer to `POST …/turn` (and `…/resume`).
 * @property {number} [status] HTTP status, default 200.
 * @property {Record<string, string | null>} [headers] Response headers. Default content-type is
 *   `text/event-stream; charset=utf-8` when status is 200, `application/json` otherwise. CORS headers
 *   are added unless given here. A `null` value removes that header (e.g. no content-type at all).
 * @property {ScriptChunk[]} chunks Written exactly as given, one `res.write` each: strings as UTF-8,
 *   `{base64}` as raw bytes (to split inside a multi-byte character), `{delayMs}` waits that long,
 *   `{gate}` waits until the test opens that gate (`POST /__mock/scripts/<id>/gates/<name>`): a test
 *   that must see the reply mid-stream holds it there instead of hoping a delay is long enough.
 *   Between two chunks with no `{delayMs}` entry between them the mock waits `chunkDelayMs`.
 * @property {'close' | 'hang' | 'destroy' | 'reset'} [end] After the chunks: end the response (default), keep it
 *   open until the client goes away or the server closes, or destroy the socket mid-response. `reset`
 *   destroys the socket before anything is written (no status line, no headers, chunks ignored).
 * @property {number} [chunkDelayMs] Default wait between chunks, 10 ms.
 *
 * @typedef {ScriptedTurn & {
 *   turns?: ScriptedTurn[],
 *   history?: object[],
 *   sessionId?: string,
 *   sessionStatus?: number, sessionBody?: unknown,
 *   getSessionStatus?: number, getSessionBody?: unknown,
 *   createSessionStatus?: number, createSessionBody?: unknown,
 *   flavour?: string,
 *   conversationId?: string,
 *   items?: object[],
 * }} MockScript
 * `POST /__mock/scripts` body. `turns` (optional) answers the 1st, 2nd, … turn in order (the last one
 * repeats); otherwise every turn uses the top-level status/headers/chunks/end. `history` is the `turns`
 * array served by `GET …/session/{any sid}` (every session id is then known). `sessionId` fixes the id
 * returned by `POST …/session`. `sessionStatus`/`sessionBody` make both `POST …/session` and
 * `GET …/session/{sid}` answer that status and body; `createSession*` / `getSession*` override one of them.
 * Responses/Conversations extensions (see ./responses.js): `flavour` (default `llama-stack-0.3`) is the
 * server the script's base path `/s/<id>` impersonates; the turns/chunks also answer `POST …/v1/responses`;
 * `conversationId` fixes the id returned by `POST …/v1/conversations`; `items` (oldest first) is what
 * `GET …/v1/conversations/{any id}/items` lists; `createSession*` also apply to `POST …/v1/conversations` and
 * `getSession*` to `GET …/v1/conversations/{id}/items` (and `GET …/v1/conversations/{id}`).
 *
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path Path and query string as received.
 * @property {Record<string, string | string[] | undefined>} headers Lower-cased header names.
 * @property {unknown} body Parsed JSON, else the raw string, or null when empty.
 * @property {boolean} open True while the response is still open (neither ended nor closed by the client).
 * @property {boolean} endedByServer Once closed: true if the mock ended the response, false if the client
 *   went away first (or the script destroyed the socket).
 *
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
 * @property {MockScript} [script]
 * @property {number} turnCount
 * @property {Map<string, { opened: Promise<unknown>, open: () => void }>} [gates] A scripted agent's gates by name.
 *
 * @typedef {object} MockOptions
 * @property {number} [chunkDelayMs] Delay between streamed events for the demo scenarios (default 25).
 * @property {number} [slowChunkDelayMs] Delay between events in the "slow" scenario (default 150).
 *
 * @typedef {import('node:http').IncomingMessage & { body?: unknown }} Req
 * @typedef {import('node:http').ServerResponse} Res
 */

// ---------------------------------------------------------------------------------------------------
// Serialization helpers

function callId() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return 'call_' + Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

function hashString(/** @type {string} */ s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Splits text into deltas of 1–3 words; each word keeps its leading whitespace (" tests"), like the
 * real stream. Concatenating the deltas gives back the text exactly.
 * @param {string} text
 * @returns {string[]}
 */
export function splitIntoDeltas(text) {
  /** @type {string[]} */
  const tokens = [...(text.match(/\s*\S+/g) ?? [])];
  const rest = text.slice(tokens.join('').length);
  if (rest) tokens.push(rest);
  const rand = prng(hashString(text));
  const out = [];
  for (let i = 0; i < tokens.length;) {
    const n = 1 + Math.floor(rand() * 3);
    out.push(tokens.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

/** Splits a string into pieces of `size` UTF-16 units without cutting a surrogate pair. */
function splitFixed(/** @type {string} */ s, /** @type {number} */ size) {
  const chars = Array.from(s);
  const out = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Scenario content

export const DEFAULT_ANSWER = [
  '## Llama Stack in a nutshell 🦙',
  '',
  'Here is what this **demo agent** can show you:',
  '',
  '- Answers that stream in *word by word* over Server-Sent Events',
  '- A server-side tool call: ask about the `weather` or to `search` something',
  '- A session (会话) that remembers every turn, even after a reload',
  '',
  'A tiny client, for the curious:',
  '',
  '```js',
  "const res = await fetch('/v1/agents/demo-agent/session', { method: 'POST' });",
  'if (res.status < 400 && res.ok) console.log(await res.json());',
  '```',
  '',
  'Read more in the [Llama Stack docs](https://llama-stack.readthedocs.io/). Try the words **slow**, **error** or **shield** too.',
].join('\n');

const ERROR_PARTIAL_ANSWER = 'Let me look into that for you. First, the key point is';
const ERROR_MESSAGE = '500: Internal server error: An unexpected error occurred.';

const SHIELD_ANSWER =
  'Here is a step-by-step answer that the **output shield** will flag once it is complete. ' +
  'Everything you see streaming now will be replaced by the violation message.';

const SEARCH_RESULT_URL = 'https://llama-stack.readthedocs.io/en/latest/building_applications/agent.html';

/**
 * @param {string} userText
 * @returns {{ tool_name: string, args: Record<string, unknown>, result: unknown, answer: string }}
 */
function toolPlan(userText) {
  if (/weather/i.test(userText)) {
    return {
      tool_name: 'get_weather',
      args: { city: 'Lisbon', unit: 'celsius' },
      result: { city: 'Lisbon', temperature_c: 21, conditions: 'sunny', humidity: 0.55, wind_kmh: 14 },
      answer:
        'Right now in **Lisbon** it is **21 °C** and sunny ☀️.\n\n' +
        '- Humidity: 55%\n- Wind: 14 km/h from the north\n\n' +
        'A good afternoon for a walk along the *Tejo*.',
    };
  }
  const query = userText.trim().replace(/\s+/g, ' ').slice(0, 80) || 'Llama Stack agents';
  return {
    tool_name: 'brave_search',
    args: { query },
    result: {
      query,
      top_k: [
        {
          url: SEARCH_RESULT_URL,
          title: 'Agents \u2014 Llama Stack documentation',
          content: 'An agent runs a loop of inference and tool calls within a session, streaming each step...',
          score: 0.91,
          raw_content: null,
        },
        {
          url: 'https://github.com/llamastack/llama-stack',
          title: 'llamastack/llama-stack on GitHub',
          content: 'Composable building blocks to build Llama apps...',
          score: 0.84,
          raw_content: null,
        },
      ],
    },
    answer:
      'I searched the web. The top result is the **Llama Stack agents guide**: an agent runs a loop of ' +
      '*inference* and *tool calls* inside a session and streams every step.\n\n' +
      `Sources: [Agents — Llama Stack documentation](${SEARCH_RESULT_URL}), ` +
      '[llamastack/llama-stack](https://github.com/llamastack/llama-stack).',
  };
}

/** @param {unknown} content */
function contentText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((item) => (item && typeof item === 'object' && item.type === 'text' && typeof item.text === 'string' ? item.text : ''))
      .join(' ');
  }
  if (content && typeof content === 'object' && /** @type {any} */ (content).type === 'text') {
    return String(/** @type {any} */ (content).text ?? '');
  }
  return '';
}

/** @param {unknown[]} messages */
function lastUserText(messages) {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = /** @type {any} */ (messages[i]);
    if (m && m.role === 'user') return contentText(m.content);
  }
  return '';
}

/**
 * @param {string} text
 * @returns {'input_shield' | 'shield' | 'error' | 'tool' | 'slow' | 'client_tool' | 'default'}
 */
export function pickScenario(text) {
  const t = text.toLowerCase();
  if (t.includes('input shield')) return 'input_shield';
  if (t.includes('shield')) return 'shield';
  if (t.includes('error')) return 'error';
  if (t.includes('tool') || t.includes('search') || t.includes('weather')) return 'tool';
  if (t.includes('slow')) return 'slow';
  if (browserToolsAskedFor(t).length) return 'client_tool';
  return 'default';
}

/** The browser-side tools of the demo page, as an agent declares them in `agent_config.client_tools`. */
export const DEMO_CLIENT_TOOLS = [
  { name: LOCAL_TIME_TOOL, description: "The user's local date and time", input_schema: { type: 'object', properties: {} } },
  { name: PAGE_TITLE_TOOL, description: 'The title of the page the user is on', input_schema: { type: 'object', properties: {} } },
];

/**
 * The client tool calls a message makes an agent issue: the browser tools it asks for that the agent declares
 * (all of them when it declares no client tools at all).
 * @param {string} userText @param {Record<string, unknown>} agentConfig
 * @returns {{call_id: string, tool_name: string, arguments: string}[]}
 */
function browserToolCalls(userText, agentConfig) {
  const declared = (Array.isArray(agentConfig.client_tools) ? agentConfig.client_tools : []).map((t) => t?.name).filter(Boolean);
  const names = browserToolsAskedFor(userText).filter((n) => !declared.length || declared.includes(n));
  return names.map((name) => ({ call_id: callId(), tool_name: name, arguments: '{}' }));
}

/** Input messages as the real server echoes them: user messages gain `context: null`. */
function normalizeInputMessages(/** @type {unknown[]} */ messages) {
  return messages.map((m) => {
    const msg = /** @type {Record<string, unknown>} */ (m);
    if (msg && msg.role === 'user') return { role: 'user', content: msg.content, context: msg.context ?? null };
    return msg;
  });
}

// ---------------------------------------------------------------------------------------------------
// Turn generation: a lazy generator of payloads, so timestamps are taken when each event is sent.

/**
 * @typedef {object} TurnCtx
 * @property {string} turnId
 * @property {string} sessionId
 * @property {unknown[]} inputMessages
 * @property {object[]} steps
 * @property {string} startedAt
 *
 * @typedef {{ payload: object } | { error: string }} TurnItem
 */

const chunk = (/** @type {object} */ payload) => ({ payload });

/**
 * @param {TurnCtx} ctx
 * @param {{ text?: string, toolCalls?: {call_id: string, tool_name: string, arguments: string}[] }} opts
 * @returns {Generator<TurnItem, object, void>}
 */
function* inferenceStep(ctx, { text = '', toolCalls = [] }) {
  const stepId = randomUUID();
  const startedAt = isoNow();
  yield chunk({ event_type: 'step_start', step_type: 'inference', step_id: stepId, metadata: {} });
  for (const piece of text ? splitIntoDeltas(text) : []) {
    yield chunk({ event_type: 'step_progress', step_type: 'inference', step_id: stepId, delta: { type: 'text', text: piece } });
  }
  for (const call of toolCalls) {
    const fragments = [`${call.tool_name}(`, ...splitFixed(call.arguments, 7), ')'];
    for (const f of fragments) {
      yield chunk({
        event_type: 'step_progress',
        step_type: 'inference',
        step_id: stepId,
        delta: { type: 'tool_call', tool_call: f, parse_status: 'in_progress' },
      });
    }
  }
  for (const call of toolCalls) {
    yield chunk({
      event_type: 'step_progress',
      step_type: 'inference',
      step_id: stepId,
      delta: { type: 'tool_call', tool_call: { ...call }, parse_status: 'succeeded' },
    });
  }
  const step = {
    turn_id: ctx.turnId,
    step_id: stepId,
    started_at: startedAt,
    completed_at: isoNow(),
    step_type: 'inference',
    model_response: {
      role: 'assistant',
      // Text streamed before a tool call is dropped from the stored content, as on a real server.
      content: toolCalls.length ? '' : text,
      stop_reason: toolCalls.length ? 'end_of_message' : 'end_of_turn',
      tool_calls: toolCalls.map((c) => ({ ...c })),
    },
  };
  ctx.steps.push(step);
  yield chunk({ event_type: 'step_complete', step_type: 'inference', step_id: stepId, step_details: step });
  return step;
}

/**
 * @param {TurnCtx} ctx
 * @param {{call_id: string, tool_name: string, arguments: string}} call
 * @param {string} content
 */
function* toolExecutionStep(ctx, call, content) {
  const stepId = randomUUID();
  const startedAt = isoNow();
  yield chunk({ event_type: 'step_start', step_type: 'tool_execution', step_id: stepId, metadata: {} });
  yield chunk({
    event_type: 'step_progress',
    step_type: 'tool_execution',
    step_id: stepId,
    delta: { type: 'tool_call', tool_call: { ...call }, parse_status: 'in_progress' },
  });
  const step = {
    turn_id: ctx.turnId,
    step_id: stepId,
    started_at: startedAt,
    completed_at: isoNow(),
    step_type: 'tool_execution',
    tool_calls: [{ ...call }],
    tool_responses: [{ call_id: call.call_id, tool_name: call.tool_name, content, metadata: null }],
  };
  ctx.steps.push(step);
  yield chunk({ event_type: 'step_complete', step_type: 'tool_execution', step_id: stepId, step_details: step });
}

/**
 * @param {TurnCtx} ctx
 * @param {'user-input' | 'assistant-output'} touchpoint
 * @param {object | null} violation
 */
function* shieldStep(ctx, touchpoint, violation) {
  const stepId = randomUUID();
  const startedAt = isoNow();
  yield chunk({ event_type: 'step_start', step_type: 'shield_call', step_id: stepId, metadata: { touchpoint } });
  const step = {
    turn_id: ctx.turnId,
    step_id: stepId,
    started_at: startedAt,
    completed_at: isoNow(),
    step_type: 'shield_call',
    violation,
  };
  ctx.steps.push(step);
  yield chunk({ event_type: 'step_complete', step_type: 'shield_call', step_id: stepId, step_details: step });
}

const violationObject = () => ({
  violation_level: 'error',
  user_message: SHIELD_REFUSAL,
  metadata: { violation_type: 'S1' },
});

/**
 * @param {TurnCtx} ctx
 * @param {object} outputMessage
 */
function finishTurn(ctx, outputMessage) {
  return {
    turn_id: ctx.turnId,
    session_id: ctx.sessionId,
    input_messages: ctx.inputMessages,
    steps: ctx.steps,
    output_message: outputMessage,
    output_attachments: [],
    started_at: ctx.startedAt,
    completed_at: isoNow(),
  };
}

/**
 * @typedef {object} PendingToolCalls What a turn awaiting client tools waits for (the real server's
 *   "in-progress tool call step").
 * @property {string} stepId The inference step that asked; the tool_execution step reuses its id.
 * @property {string} startedAt When the tool_execution step started (as the turn began to wait).
 * @property {{call_id: string, tool_name: string, arguments: string}[]} toolCalls
 */

/**
 * The event stream of one demo turn. Calls `onComplete(turn)` just before `turn_complete`, and
 * `onAwaiting(turn, pending)` just before `turn_awaiting_input`.
 * @param {ReturnType<typeof pickScenario>} scenario
 * @param {TurnCtx} ctx
 * @param {string} userText
 * @param {(turn: object) => void} onComplete
 * @param {{ clientCalls?: {call_id: string, tool_name: string, arguments: string}[],
 *   onAwaiting?: (turn: object, pending: PendingToolCalls) => void }} [clientTools] the calls of the
 *   `client_tool` scenario
 * @returns {Generator<TurnItem, void, void>}
 */
function* demoTurn(scenario, ctx, userText, onComplete, clientTools = {}) {
  /** @type {object} */
  let output;
  switch (scenario) {
    case 'client_tool': {
      const calls = clientTools.clientCalls ?? [];
      const step = /** @type {any} */ (yield* inferenceStep(ctx, { toolCalls: calls }));
      const pending = { stepId: step.step_id, startedAt: isoNow(), toolCalls: calls.map((c) => ({ ...c })) };
      const turn = finishTurn(ctx, { ...step.model_response, tool_calls: calls.map((c) => ({ ...c })) });
      clientTools.onAwaiting?.(turn, pending);
      yield chunk({ event_type: 'turn_awaiting_input', turn });
      return;
    }
    case 'error': {
      const stepId = randomUUID();
      yield chunk({ event_type: 'step_start', step_type: 'inference', step_id: stepId, metadata: {} });
      for (const piece of splitIntoDeltas(ERROR_PARTIAL_ANSWER)) {
        yield chunk({ event_type: 'step_progress', step_type: 'inference', step_id: stepId, delta: { type: 'text', text: piece } });
      }
      yield { error: ERROR_MESSAGE };
      return;
    }
    case 'tool': {
      const plan = toolPlan(userText);
      const call = { call_id: callId(), tool_name: plan.tool_name, arguments: pyJsonDumps(plan.args) };
      yield* inferenceStep(ctx, { toolCalls: [call] });
      yield* toolExecutionStep(ctx, call, pyJsonDumps(plan.result));
      const step = yield* inferenceStep(ctx, { text: plan.answer });
      output = /** @type {any} */ (step).model_response;
      break;
    }
    case 'shield': {
      yield* shieldStep(ctx, 'user-input', null);
      yield* inferenceStep(ctx, { text: SHIELD_ANSWER });
      yield* shieldStep(ctx, 'assistant-output', violationObject());
      output = { role: 'assistant', content: SHIELD_REFUSAL, stop_reason: 'end_of_turn', tool_calls: [] };
      break;
    }
    case 'input_shield': {
      yield* shieldStep(ctx, 'user-input', violationObject());
      output = { role: 'assistant', content: SHIELD_REFUSAL, stop_reason: 'end_of_turn', tool_calls: [] };
      break;
    }
    default: {
      const step = yield* inferenceStep(ctx, { text: DEFAULT_ANSWER });
      output = /** @type {any} */ (step).model_response;
    }
  }
  const turn = finishTurn(ctx, { ...output, tool_calls: [.../** @type {any} */ (output.tool_calls ?? [])] });
  onComplete(turn);
  yield chunk({ event_type: 'turn_complete', turn });
}

/**
 * The event stream of a resumed turn (client_tool_awaiting_resume.sse). Calls `onComplete(turn)` just
 * before `turn_complete`.
 * @param {TurnCtx} ctx the awaiting turn's id, session, input messages, steps (a copy) and start
 * @param {PendingToolCalls} pending
 * @param {{call_id: string, tool_name: string, content: unknown, metadata?: unknown}[]} toolResponses as sent (validated)
 * @param {(turn: object) => void} onComplete
 * @returns {Generator<TurnItem, void, void>}
 */
function* resumedTurn(ctx, pending, toolResponses, onComplete) {
  const step = {
    turn_id: ctx.turnId,
    step_id: pending.stepId,
    started_at: pending.startedAt,
    completed_at: isoNow(),
    step_type: 'tool_execution',
    tool_calls: pending.toolCalls.map((c) => ({ ...c })),
    tool_responses: toolResponses.map((r) => ({
      call_id: r.call_id,
      tool_name: r.tool_name,
      content: r.content,
      metadata: r.metadata ?? null,
    })),
  };
  ctx.steps.push(step);
  // No step_start: the step began when the turn started waiting, in the stream that asked for the tools.
  yield chunk({ event_type: 'step_complete', step_type: 'tool_execution', step_id: step.step_id, step_details: step });
  /** @type {{ time?: string, title?: string }} */
  const outputs = {};
  for (const r of toolResponses) {
    const name = pending.toolCalls.find((c) => c.call_id === r.call_id)?.tool_name;
    if (name === LOCAL_TIME_TOOL) outputs.time = contentText(r.content);
    if (name === PAGE_TITLE_TOOL) outputs.title = contentText(r.content);
  }
  const answer = /** @type {any} */ (yield* inferenceStep(ctx, { text: browserToolAnswer(outputs) }));
  const turn = finishTurn(ctx, { ...answer.model_response, tool_calls: [] });
  onComplete(turn);
  yield chunk({ event_type: 'turn_complete', turn });
}

/**
 * What is wrong with a resume of a demo turn, as the text after "400: Invalid value: ", or undefined.
 * @param {MockSession} session @param {string} turnId
 * @param {PendingToolCalls | undefined} pending
 * @param {{call_id: string}[]} toolResponses
 */
function resumeProblem(session, turnId, pending, toolResponses) {
  if (!session.turns.length) return 'No turns found for session';
  if (!session.turns.some((t) => /** @type {any} */ (t).turn_id === turnId)) {
    return `Turn '${turnId}' not found in session '${session.session_id}'.`;
  }
  if (!pending) return `No tool call to resume in turn ${turnId}`;
  const list = (/** @type {string[]} */ ids) => ids.map((id) => `'${id}'`).join(', ');
  const waiting = pending.toolCalls.map((c) => `'${c.call_id}' (${c.tool_name})`).join(', ');
  const pendingIds = new Set(pending.toolCalls.map((c) => c.call_id));
  const unknown = toolResponses.map((r) => r.call_id).filter((id) => !pendingIds.has(id));
  if (unknown.length) return `Turn ${turnId} has no pending tool call with call_id ${list(unknown)}; it is waiting for ${waiting}.`;
  const seen = new Set();
  const twice = toolResponses.map((r) => r.call_id).filter((id) => seen.has(id) || !seen.add(id));
  if (twice.length) return `More than one tool response for call_id ${list([...new Set(twice)])} in turn ${turnId}.`;
  const missing = pending.toolCalls.filter((c) => !seen.has(c.call_id));
  if (missing.length) {
    return `No tool response for call_id ${missing.map((c) => `'${c.call_id}' (${c.tool_name})`).join(', ')}: turn ${turnId} is waiting for ${waiting}.`;
  }
  return undefined;
}

/**
 * FastAPI-style validation errors of a resume body (`ResumeAgentTurnRequest`), or none.
 * @param {Record<string, any>} b
 */
function resumeBodyErrors(b) {
  if (b.tool_responses === undefined) return [{ loc: ['body', 'tool_responses'], msg: 'Field required', type: 'missing' }];
  if (!Array.isArray(b.tool_responses))
    return [{ loc: ['body', 'tool_responses'], msg: 'Input should be a valid list', type: 'list_type' }];
  /** @type {{ loc: (string | number)[], msg: string, type: string }[]} */
  const errors = [];
  b.tool_responses.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      errors.push({
        loc: ['body', 'tool_responses', i],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        type: 'model_attributes_type',
      });
      return;
    }
    for (const field of ['call_id', 'tool_name', 'content']) {
      if (r[field] === undefined) errors.push({ loc: ['body', 'tool_responses', i, field], msg: 'Field required', type: 'missing' });
      else if (field !== 'content' && typeof r[field] !== 'string') {
        errors.push({ loc: ['body', 'tool_responses', i, field], msg: 'Input should be a valid string', type: 'string_type' });
      }
    }
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------------
// FastAPI error bodies

/**
 * FastAPI-style request validation error (what llama stack answers with 400).
 * @param {(string | number)[][]} missing locations of missing fields
 */
function validationError(missing) {
  return { error: { detail: { errors: missing.map((loc) => ({ loc, msg: 'Field required', type: 'missing' })) } } };
}

// ---------------------------------------------------------------------------------------------------
// The handler

/**
 * Creates the mock: a connect-style handler usable as Vite dev-server middleware. State (agents,
 * sessions, scripts, recorded requests) lives in this instance.
 * @param {MockOptions} [options]
 * @returns {{ handle: (req: Req, res: Res, next?: (err?: unknown) => void) => void, close: () => void }}
 */
export function createMockLlamaStack(options = {}) {
  const chunkDelayMs = options.chunkDelayMs ?? 25;
  const slowChunkDelayMs = options.slowChunkDelayMs ?? 150;

  /** @type {Map<string, MockAgent>} */
  const agents = new Map();
  /** @type {(RecordedRequest & { pathname: string })[]} */
  let recorded = [];
  let scriptCounter = 0;
  /** @type {Set<Res>} */
  const openResponses = new Set();
  /** Client tool calls that demo turns wait for, by session and turn id. @type {WeakMap<MockSession, Map<string, PendingToolCalls>>} */
  const pendingToolCalls = new WeakMap();

  agents.set(DEMO_AGENT_ID, {
    agent_id: DEMO_AGENT_ID,
    agent_config: withConfigDefaults({
      model: 'meta-llama/Llama-3.3-70B-Instruct',
      instructions: 'You are a helpful assistant.',
      name: 'demo-agent',
      toolgroups: ['builtin::websearch'],
      client_tools: DEMO_CLIENT_TOOLS.map((t) => structuredClone(t)),
      input_shields: ['llama-guard'],
      output_shields: ['llama-guard'],
    }),
    created_at: isoNow(),
    sessions: new Map(),
    turnCount: 0,
  });

  // Responses + Conversations (./responses.js), sharing this instance's script plumbing.
  const responsesApi = createResponsesApi({ chunkDelayMs, slowChunkDelayMs, sendScriptBody, playScript });

  /** @param {Record<string, unknown>} cfg */
  function withConfigDefaults(cfg) {
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

  /** @param {string} id */
  const agentNotFound = (id) => `Invalid value: Could not find agent info for ${id}`;
  /** @param {string} sid */
  const sessionNotFound = (sid) => `Invalid value: Session '${sid}' not found or access denied.`;

  /**
   * @param {Req} req @param {Res} res
   * @param {number} status @param {unknown} body
   */
  function sendScriptBody(req, res, status, body) {
    if (typeof body === 'string') {
      res.writeHead(status, { ...corsHeaders(req), 'content-type': JSON_CONTENT_TYPE });
      res.end(body);
    } else {
      sendJson(req, res, status, body ?? null);
    }
  }

  /**
   * Streams a demo turn.
   * @param {Req} req @param {Res} res
   * @param {MockAgent | undefined} agent
   * @param {string} agentId @param {string} sessionId
   * @param {unknown[]} messages
   */
  async function streamDemoTurn(req, res, agent, agentId, sessionId, messages) {
    const signal = responseAbort(res);
    res.writeHead(200, { ...corsHeaders(req), 'content-type': SSE_CONTENT_TYPE });
    res.flushHeaders();
    const session = agent?.sessions.get(sessionId);
    if (!agent || !session) {
      res.end(legacyErrorFrame(`400: ${agent ? sessionNotFound(sessionId) : agentNotFound(agentId)}`));
      return;
    }
    const userText = lastUserText(messages);
    let scenario = pickScenario(userText);
    const clientCalls = scenario === 'client_tool' ? browserToolCalls(userText, agent.agent_config) : [];
    if (scenario === 'client_tool' && !clientCalls.length) scenario = 'default';
    const wait = scenario === 'slow' ? slowChunkDelayMs : chunkDelayMs;
    /** @type {TurnCtx} */
    const ctx = {
      turnId: randomUUID(),
      sessionId,
      inputMessages: normalizeInputMessages(messages),
      steps: [],
      startedAt: isoNow(),
    };
    const gen = demoTurn(scenario, ctx, userText, (turn) => session.turns.push(turn), {
      clientCalls,
      // Stored at once, as the real server stores a turn that waits for client tools; the resume replaces it.
      onAwaiting: (turn, pending) => {
        session.turns.push(turn);
        pendingOf(session).set(ctx.turnId, pending);
      },
    });
    await pump(res, signal, gen, wait);
  }

  /** @param {MockSession} session */
  function pendingOf(session) {
    let map = pendingToolCalls.get(session);
    if (!map) pendingToolCalls.set(session, (map = new Map()));
    return map;
  }

  /**
   * Streams a resumed demo turn, or the in-band error saying why it cannot be resumed.
   * @param {Req} req @param {Res} res
   * @param {MockAgent | undefined} agent
   * @param {string} agentId @param {string} sessionId @param {string} turnId
   * @param {{call_id: string, tool_name: string, content: unknown, metadata?: unknown}[]} toolResponses
   */
  async function streamDemoResume(req, res, agent, agentId, sessionId, turnId, toolResponses) {
    const signal = responseAbort(res);
    res.writeHead(200, { ...corsHeaders(req), 'content-type': SSE_CONTENT_TYPE });
    res.flushHeaders();
    const session = agent?.sessions.get(sessionId);
    if (!agent || !session) {
      res.end(legacyErrorFrame(`400: ${agent ? sessionNotFound(sessionId) : agentNotFound(agentId)}`));
      return;
    }
    const pending = pendingToolCalls.get(session)?.get(turnId);
    const problem = resumeProblem(session, turnId, pending, toolResponses);
    if (problem || !pending) {
      res.end(legacyErrorFrame(`400: Invalid value: ${problem}`));
      return;
    }
    const awaiting = /** @type {any} */ (session.turns.find((t) => /** @type {any} */ (t).turn_id === turnId));
    /** @type {TurnCtx} */
    const ctx = {
      turnId,
      sessionId,
      inputMessages: awaiting.input_messages,
      steps: [...awaiting.steps],
      startedAt: awaiting.started_at,
    };
    const gen = resumedTurn(ctx, pending, toolResponses, (turn) => {
      // The completed turn takes the awaiting one's place (the real store keys turns by turn id).
      const at = session.turns.findIndex((t) => /** @type {any} */ (t).turn_id === turnId);
      if (at >= 0) session.turns[at] = turn;
      else session.turns.push(turn);
      pendingToolCalls.get(session)?.delete(turnId);
    });
    await pump(res, signal, gen, chunkDelayMs);
  }

  /**
   * Writes a turn's events, one every `wait` ms, and ends the response (not when the client left).
   * @param {Res} res @param {AbortSignal} signal
   * @param {Generator<TurnItem, void, void>} gen @param {number} wait
   */
  async function pump(res, signal, gen, wait) {
    let first = true;
    for (;;) {
      if (!first && !(await sleep(wait, signal))) return gen.return();
      first = false;
      if (signal.aborted) return gen.return();
      const next = gen.next();
      if (next.done) break;
      const item = next.value;
      if ('error' in item) {
        res.write(legacyErrorFrame(item.error));
        break;
      }
      res.write(sseData(JSON.stringify({ event: item })));
    }
    res.end();
  }

  /** The gate `name` of a scripted agent (made closed the first time either side names it). */
  function gate(/** @type {MockAgent} */ agent, /** @type {string} */ name) {
    agent.gates ??= new Map();
    let entry = agent.gates.get(name);
    if (!entry) {
      /** @type {() => void} */
      let open = () => {};
      const opened = new Promise((resolve) => (open = () => resolve(undefined)));
      entry = { opened, open };
      agent.gates.set(name, entry);
    }
    return entry;
  }

  /**
   * Plays a scripted turn.
   * @param {Res} res @param {Req} req @param {MockAgent} agent
   */
  async function playScript(req, res, agent) {
    const script = /** @type {MockScript} */ (agent.script);
    const index = agent.turnCount++;
    /** @type {ScriptedTurn} */
    const turn = script.turns?.length ? script.turns[Math.min(index, script.turns.length - 1)] : script;
    if (turn.end === 'reset') {
      res.socket?.destroy();
      return;
    }
    const status = turn.status ?? 200;
    /** @type {Record<string, string>} */
    const headers = { ...corsHeaders(req), 'content-type': status === 200 ? SSE_CONTENT_TYPE : JSON_CONTENT_TYPE };
    for (const [name, value] of Object.entries(turn.headers ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = String(value);
    }
    const signal = responseAbort(res);
    res.writeHead(status, headers);
    res.flushHeaders();
    const defaultWait = turn.chunkDelayMs ?? DEFAULT_SCRIPT_CHUNK_DELAY_MS;
    let wroteOne = false;
    let waitedExplicitly = false;
    for (const item of turn.chunks ?? []) {
      if (item && typeof item === 'object' && 'delayMs' in item) {
        if (!(await sleep(Number(item.delayMs) || 0, signal))) return;
        waitedExplicitly = true;
        continue;
      }
      if (item && typeof item === 'object' && 'gate' in item) {
        if (!(await untilAborted(gate(agent, String(item.gate)).opened, signal))) return;
        waitedExplicitly = true;
        continue;
      }
      if (wroteOne && !waitedExplicitly && !(await sleep(defaultWait, signal))) return;
      if (signal.aborted) return;
      const bytes =
        typeof item === 'string'
          ? Buffer.from(item, 'utf8')
          : item && typeof item === 'object' && 'base64' in item
            ? Buffer.from(String(item.base64), 'base64')
            : Buffer.from(JSON.stringify(item), 'utf8');
      res.write(bytes);
      wroteOne = true;
      waitedExplicitly = false;
    }
    const end = turn.end ?? 'close';
    if (end === 'hang') return; // stays open until the client leaves or close() destroys the socket
    if (end === 'destroy') {
      // Let the written bytes leave before the socket is torn down (no terminating chunk is sent).
      await sleep(20, signal);
      res.socket?.destroy();
      return;
    }
    res.end();
  }

  /**
   * @param {Req} req @param {Res} res
   * @param {string} method @param {string[]} segs path segments after the version prefix
   * @param {unknown} body
   */
  async function handleAgents(req, res, method, segs, body) {
    const b = /** @type {Record<string, any>} */ (body && typeof body === 'object' ? body : {});
    const notFound = () => sendJson(req, res, 404, { detail: 'Not Found' });
    const notAllowed = () => sendJson(req, res, 405, { detail: 'Method Not Allowed' });

    // /agents
    if (segs.length === 1) {
      if (method === 'POST') {
        const cfg = b.agent_config;
        const missing = [];
        if (!cfg || typeof cfg !== 'object') missing.push(['body', 'agent_config']);
        else {
          if (typeof cfg.model !== 'string') missing.push(['body', 'agent_config', 'model']);
          if (typeof cfg.instructions !== 'string') missing.push(['body', 'agent_config', 'instructions']);
        }
        if (missing.length) return sendJson(req, res, 400, validationError(missing));
        const id = randomUUID();
        agents.set(id, { agent_id: id, agent_config: withConfigDefaults(cfg), created_at: isoNow(), sessions: new Map(), turnCount: 0 });
        return sendJson(req, res, 200, { agent_id: id });
      }
      if (method === 'GET') {
        const data = [...agents.values()].map((a) => ({ agent_id: a.agent_id, agent_config: a.agent_config, created_at: a.created_at }));
        return sendJson(req, res, 200, { data, has_more: false });
      }
      return notAllowed();
    }

    const agentId = decodeURIComponent(segs[1]);
    const agent = agents.get(agentId);

    // /agents/{agent_id}
    if (segs.length === 2) {
      if (method === 'GET') {
        if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
        return sendJson(req, res, 200, { agent_id: agent.agent_id, agent_config: agent.agent_config, created_at: agent.created_at });
      }
      if (method === 'DELETE') {
        if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
        if (agentId !== DEMO_AGENT_ID) agents.delete(agentId);
        return sendJson(req, res, 200, null);
      }
      return notAllowed();
    }

    // /agents/{agent_id}/sessions
    if (segs.length === 3 && segs[2] === 'sessions') {
      if (method !== 'GET') return notAllowed();
      if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
      return sendJson(req, res, 200, { data: [...agent.sessions.values()], has_more: false });
    }

    if (segs[2] !== 'session') return notFound();

    // /agents/{agent_id}/session
    if (segs.length === 3) {
      if (method !== 'POST') return notAllowed();
      const script = agent?.script;
      const status = script?.createSessionStatus ?? script?.sessionStatus;
      if (script && status !== undefined && status !== 200) {
        return sendScriptBody(req, res, status, script.createSessionBody ?? script.sessionBody ?? null);
      }
      if (typeof b.session_name !== 'string') return sendJson(req, res, 400, validationError([['body', 'session_name']]));
      if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
      const sid = script?.sessionId ?? randomUUID();
      agent.sessions.set(sid, { session_id: sid, session_name: b.session_name, turns: [], started_at: isoNow() });
      return sendJson(req, res, 200, { session_id: sid });
    }

    const sessionId = decodeURIComponent(segs[3]);

    // /agents/{agent_id}/session/{session_id}
    if (segs.length === 4) {
      if (method === 'GET') {
        const script = agent?.script;
        const status = script?.getSessionStatus ?? script?.sessionStatus;
        if (script && status !== undefined && status !== 200) {
          return sendScriptBody(req, res, status, script.getSessionBody ?? script.sessionBody ?? null);
        }
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
      return notAllowed();
    }

    if (segs[4] !== 'turn') return notFound();

    // /agents/{agent_id}/session/{session_id}/turn
    if (segs.length === 5) {
      if (method !== 'POST') return notAllowed();
      if (agent?.script) return playScript(req, res, agent);
      if (!Array.isArray(b.messages)) return sendJson(req, res, 400, validationError([['body', 'messages']]));
      if (b.stream !== true) {
        return sendJson(req, res, 501, { detail: 'Not implemented: Non-streaming agent turns not yet implemented' });
      }
      return streamDemoTurn(req, res, agent, agentId, sessionId, b.messages);
    }

    const turnId = decodeURIComponent(segs[5]);

    // /agents/{agent_id}/session/{session_id}/turn/{turn_id}
    if (segs.length === 6) {
      if (method !== 'GET') return notAllowed();
      if (!agent) return sendJson(req, res, 400, { detail: agentNotFound(agentId) });
      const session = agent.sessions.get(sessionId);
      if (!session) return sendJson(req, res, 400, { detail: sessionNotFound(sessionId) });
      const turn = session.turns.find((t) => /** @type {any} */ (t).turn_id === turnId);
      return sendJson(req, res, 200, turn ?? null);
    }

    // /agents/{agent_id}/session/{session_id}/turn/{turn_id}/resume — scripted agents replay their script;
    // demo agents finish a turn that waits for client tools (see the header comment).
    if (segs.length === 7 && segs[6] === 'resume') {
      if (method !== 'POST') return notAllowed();
      if (agent?.script) return playScript(req, res, agent);
      const errors = resumeBodyErrors(b);
      if (errors.length) return sendJson(req, res, 400, { error: { detail: { errors } } });
      if (b.stream !== true) {
        return sendJson(req, res, 501, { detail: 'Not implemented: Non-streaming agent turns not yet implemented' });
      }
      return streamDemoResume(req, res, agent, agentId, sessionId, turnId, b.tool_responses);
    }

    return notFound();
  }

  /**
   * @param {Req} req @param {Res} res
   * @param {string} method @param {string[]} segs segments after `__mock`
   * @param {URL} url @param {{ok: boolean, value: unknown}} parsed
   */
  function handleControl(req, res, method, segs, url, parsed) {
    if (segs[0] === 'scripts' && segs.length === 1 && method === 'POST') {
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
      agents.set(id, {
        agent_id: id,
        agent_config: withConfigDefaults({ model: 'scripted', instructions: 'Scripted by a test.' }),
        created_at: isoNow(),
        sessions: new Map(),
        script: s,
        turnCount: 0,
      });
      return sendJson(req, res, 200, { agent_id: id, base_path: `/s/${id}` });
    }
    if (segs[0] === 'scripts' && segs[2] === 'gates' && segs.length === 4 && method === 'POST') {
      const agent = agents.get(safeDecode(segs[1]));
      if (!agent?.script) return sendJson(req, res, 404, { detail: `No script ${JSON.stringify(segs[1])}` });
      gate(agent, safeDecode(segs[3])).open();
      return sendJson(req, res, 200, null);
    }
    if (segs[0] === 'requests' && segs.length === 1) {
      if (method === 'DELETE') {
        recorded = [];
        return sendJson(req, res, 200, null);
      }
      if (method === 'GET') {
        const id = url.searchParams.get('agent_id');
        const list = id ? recorded.filter((r) => r.pathname.split('/').map(safeDecode).includes(id)) : recorded;
        return sendJson(
          req,
          res,
          200,
          list.map(({ method, path, headers, body, open, endedByServer }) => ({ method, path, headers, body, open, endedByServer })),
        );
      }
    }
    return sendJson(req, res, 404, { detail: 'Not Found' });
  }

  /**
   * @param {Req} req @param {Res} res @param {(err?: unknown) => void} [next]
   */
  function handle(req, res, next) {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    // `/as/<flavour>/…` and `/s/<script id>/…` are answered as `/…` by that flavour (see ./responses.js).
    const mount = resolveMount(url.pathname.split('/').filter(Boolean), (id) =>
      agents.get(id)?.script ? (agents.get(id)?.script?.flavour ?? DEFAULT_FLAVOUR) : undefined,
    );
    const segs = mount?.segs ?? [];
    const owned = mount !== null && (segs[0] === 'v1' || segs[0] === 'v1alpha' || (segs[0] === '__mock' && !mount.prefixed));
    if (!owned) {
      if (next) return next();
      return sendJson(req, res, 404, { detail: 'Not Found' });
    }
    openResponses.add(res);
    res.on('close', () => openResponses.delete(res));
    const method = (req.method ?? 'GET').toUpperCase();
    readBody(req)
      .then(async (raw) => {
        const parsed = parseBody(raw);
        if (segs[0] !== '__mock') {
          const record = {
            method,
            path: req.url ?? url.pathname,
            pathname: url.pathname,
            headers: { ...req.headers },
            body: parsed.value,
            open: !res.writableEnded && !res.destroyed,
            endedByServer: false,
          };
          // `open` goes false when the response ends or the client goes away: a test can check that the
          // widget really closed a hanging stream.
          // `endedByServer` tells a response the mock ended from one the client cut (or the mock destroyed).
          res.on('close', () => {
            record.open = false;
            record.endedByServer = res.writableFinished;
          });
          recorded.push(record);
        }
        if (method === 'OPTIONS') return answerPreflight(req, res);
        if (segs[0] === '__mock') return handleControl(req, res, method, segs.slice(1), url, parsed);
        const { flavour, scriptId } = /** @type {NonNullable<typeof mount>} */ (mount);
        const scriptAgent = scriptId === undefined ? undefined : agents.get(scriptId);
        if (!parsed.ok && responsesApi.owns(segs)) return responsesApi.invalidJson(req, res, flavour);
        if (!parsed.ok) {
          return sendJson(req, res, 400, {
            error: { detail: { errors: [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }] } },
          });
        }
        if (segs[0] === 'v1' && segs.length === 2 && segs[1] === 'version' && flavour.version) {
          return method === 'GET'
            ? sendJson(req, res, 200, { version: flavour.version })
            : sendJson(req, res, 405, { detail: 'Method Not Allowed' });
        }
        if (segs[0] === 'v1' && segs.length === 2 && segs[1] === 'health' && flavour.health) {
          return method === 'GET' ? sendJson(req, res, 200, { status: 'OK' }) : sendJson(req, res, 405, { detail: 'Method Not Allowed' });
        }
        if (segs[1] === 'agents' && flavour.agentPrefixes.includes(segs[0])) {
          // Under a script's base path every agent id names the script's agent.
          const agentSegs = scriptId !== undefined && segs.length > 2 ? ['agents', scriptId, ...segs.slice(3)] : segs.slice(1);
          return handleAgents(req, res, method, agentSegs, parsed.value);
        }
        if (responsesApi.owns(segs)) return responsesApi.handle(req, res, method, segs, url, parsed.value, { flavour, scriptAgent });
        return sendJson(req, res, 404, { detail: 'Not Found' });
      })
      .catch((err) => {
        if (!res.headersSent) sendJson(req, res, 500, { detail: `Internal server error: ${String(err)}` });
        else res.destroy();
      });
  }

  /** Ends every open response of this instance (hanging or still streaming). */
  function close() {
    for (const res of openResponses) res.destroy();
    openResponses.clear();
  }

  return { handle, close };
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
