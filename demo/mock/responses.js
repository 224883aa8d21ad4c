// @ts-check
/**
 * The Responses + Conversations half of the mock (Llama Stack 0.3 had both; OGX 0.4+ — 0.8.0 is what is
 * imitated here — only has these), and the server "flavours" that let one mock process impersonate several
 * servers. Mounted by ./server.js (through ./router.js); Node built-ins only. See ../../docs/protocol.md ("Responses
 * API" and "What a real 0.8.0 server sends") and the transcripts in ../../test/fixtures/ogx-0.8.0.
 *
 * Routes (under whatever flavour the request resolves to, see below):
 *   POST /v1/responses                 `{model, input, stream?, conversation?, instructions?,
 *                                      previous_response_id?, tools?, max_output_tokens?, temperature?, metadata?}`
 *                                      stream true → `text/event-stream; charset=utf-8`, frames `data: <json>\n\n`
 *                                      only, event name in the JSON `type`, `sequence_number` from 0, exactly one
 *                                      terminal event, then the body ends. stream false/absent → the final
 *                                      response object as JSON.
 *   GET  /v1/responses/{id}            a stored (completed or incomplete) response object
 *   POST /v1/conversations             `{items?, metadata?}` → Conversation (`conv_` + 48 hex)
 *   GET  /v1/conversations/{id}        the Conversation; unknown → 404 `{"detail": "Conversation '…' not found."}`
 *   GET  /v1/conversations/{id}/items  `?order=asc|desc` (default desc: newest first), `limit` (default 20),
 *                                      `after` (an item id) → `{object:"list", data, first_id, last_id, has_more}`
 *
 * What a real 0.8.0 server does and the mock copies (checked by test/node/responses-conformance.test.js):
 * - Event and object JSON is written like pydantic's `model_dump_json`: compact, raw UTF-8, fields in model
 *   order (`sequence_number`, `type` last), nulls kept, floats as `1.0`. The full response object rides in
 *   `response.created`, `response.in_progress` and the terminal event.
 * - No `response.output_text.done` is ever sent; `response.content_part.done`, `response.output_item.done` and
 *   the terminal response carry the final text.
 * - Client function calls end in `response.completed` whose output holds the `function_call` item; argument
 *   deltas carry no call_id or name. The follow-up request's input holds `function_call_output` items.
 * - MCP calls: `response.mcp_list_tools.in_progress` / `.completed` without item_id, the call's argument
 *   deltas sent as `response.function_call_arguments.delta` BEFORE the `mcp_call` item's
 *   `response.output_item.added`, then `response.mcp_call.arguments.done` (dot), `response.mcp_call.completed`
 *   without item_id, and one skipped `sequence_number` after the tool listing.
 * - Length stops end in `response.incomplete` with `incomplete_details.reason: "length"` (OpenAI would say
 *   `max_output_tokens`), the message item still `status: "completed"`.
 * - A provider failure mid-reply ends in `response.failed` with `output: []` and
 *   `error: {code: "server_error", …}`: the streamed text is not in the final object.
 * - Unknown model, conversation or previous response with `stream: true`: HTTP 200, then a single in-band
 *   `{"code":"404","message":"…","param":null,"sequence_number":1,"type":"error"}` — the server's
 *   `sse_generator` numbers it "last seen + 1", and nothing was seen. Without streaming: 404 `{"detail": …}`.
 * - Pre-stream body validation: 400 `{"error":{"message":"{'errors': [...]}"}}` (a Python dict printed as text).
 * - Conversation items are written only when a response completes or is incomplete, never after a failure or
 *   when the client goes away first: the input (a string becomes a user message with one `input_text` part,
 *   id `msg_` + 48 hex; other input items get `item_` + 48 hex), then the output items.
 *
 *
 * Where wording the transcripts do not show comes from (the OGX / llama-stack server source):
 * - "Conversation '<id>' not found." / "Model '<id>' not found. Use 'client.models.list()' to list available
 *   Models." / "Response '<id>' not found.": `ResourceNotFoundError` messages; HTTP 404 from their status_code.
 * - "Invalid value for 'conversation_id': …": the conversation service's id check (`conv_` + 48 hex).
 * - The in-band error's fields and `sequence_number` (last seen + 1): the Responses router's `sse_generator`.
 * - `response.failed`'s `{code: "server_error", message: "An unexpected error occurred while generating the
 *   response."}`: the streaming orchestrator's catch-all.
 * Guesses, not checked against a server: the non-streaming path answering a failed response with
 * 500 `{"detail": "Internal server error: An unexpected error occurred."}`; an unknown `after` cursor giving
 * an empty page; 0.3's in-band texts ("<status>: <detail>", model errors as "400: Invalid value: …").
 *
 * Flavours (`/as/<flavour>/…`: which servers the mock impersonates, and their error envelopes): ./flavours.js.
 * The event and object bodies are 0.8.0's for every flavour that has the Responses API.
 *
 * Demo scenarios (any model; picked from the input, case-insensitive):
 *   input holds a `function_call_output` item → the follow-up answer (function_call_followup.sse shape)
 *   "error"                 → message deltas, then `response.failed` with `output: []`
 *   "long" / "incomplete"   → `response.incomplete`, `incomplete_details.reason: "length"` (incomplete.sse)
 *   "weather"               → a client `function_call` to the request's `get_weather` function tool (or its
 *                             first function tool), ending `response.completed` (function_call.sse). Without any
 *                             function tool, a short text answer saying so.
 *   "search" / "docs"       → a server-side MCP call (mcp_or_web_search.sse); server_label from the request's
 *                             first `mcp` tool, else "docs"
 *   "slow"                  → the default answer, one event every `slowChunkDelayMs`
 *   "time" / "title"        → client `function_call`s to the browser tools the request declares as function tools:
 *     (whole words)           "time" → `get_local_time`, "title" → `get_page_title` (both when both words occur, in
 *                             that order), arguments `"{}"`, ending `response.completed` (function_call.sse). Only
 *                             declared tools are called; when neither is declared, the default answer (as before).
 *                             Two calls in one response come the way the server's streaming orchestrator sends
 *                             parallel calls: each call's `output_item.added` + argument deltas as the model streams
 *                             them, then every `function_call_arguments.done`, then every `output_item.done`. Until an
 *                             item is committed the server numbers it with the count of committed output items, so
 *                             both calls' added/delta/arguments.done events carry the same `output_index`; the
 *                             `output_item.done`s carry 0 and 1. Key calls by `item_id`, never by `output_index`.
 *                             The follow-up (its input holds the `function_call_output`s; names are looked up by
 *                             `call_id` in the conversation, the previous response or the input's own `function_call`
 *                             items) answers "It is **<time>** for you, and you are reading *<title>*." (or the half
 *                             that was asked for), in the function_call_followup.sse shape.
 *   anything else           → a markdown answer streamed in (sometimes mid-word) `response.output_text.delta`s
 * Precedence, first match wins: function_call_output in the input, "error", "long"/"incomplete", "weather",
 * "search"/"docs", "slow", "time"/"title", default — so the browser-tool words never take a message from an older
 * scenario. The conversation of a browser-tool round holds, oldest first: the user message, the function_call(s),
 * then (written by the follow-up) the function_call_output(s) and the assistant message.
 * A model whose id starts with "unknown" (e.g. `unknown-model`) does not exist on the server.
 *
 * Scripts (`POST /__mock/scripts` with `"flavour"`, answered with `"base_path": "/s/<id>"`, see ./control.js):
 * under `/s/<id>/…` requests are answered by the script's flavour; `POST /v1/responses` replays the script's
 * turns/chunks; `POST /v1/conversations` answers `createSessionStatus`/`createSessionBody` (or
 * `sessionStatus`/`sessionBody`) when set, else a conversation with id `conversationId` when set; `GET
 * /v1/conversations/{any id}` knows every id; `…/items` fails with `getSessionStatus`/`getSessionBody` (or
 * `sessionStatus`/`sessionBody`) when set, else serves `items` (oldest first, as a conversation holds them)
 * with the real order/limit/after semantics.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { responseAbort, sleep } from './abortable.js';
import { browserToolAnswer, browserToolsAskedFor, LOCAL_TIME_TOOL, PAGE_TITLE_TOOL } from './browser-tools.js';
import {
  corsHeaders,
  fieldRequired,
  JSON_CONTENT_TYPE,
  legacyErrorFrame,
  legacyValidationBody,
  safeDecode,
  sendJson,
  sendMethodNotAllowed,
  sendNotFound,
  sseData,
  sseHeaders,
  startSse,
} from './http.js';
import { PyFloat, pydanticJson, pyJsonDumps, pyRepr } from './python-json.js';
import { answeredScriptedSessionFailure, playScript } from './scripts.js';

// Kept importable from here, where they were first written.
export { FLAVOURS, DEFAULT_FLAVOUR, resolveMount } from './flavours.js';
export { PyFloat, pydanticJson } from './python-json.js';
export { LOCAL_TIME_TOOL, PAGE_TITLE_TOOL, browserToolsAskedFor, browserToolAnswer } from './browser-tools.js';
const CONVERSATION_ID_RE = /^conv_[0-9a-f]{48}$/;
const TERMINAL_TYPES = new Set(['response.completed', 'response.incomplete', 'response.failed']);

// ---------------------------------------------------------------------------------------------------
// Serialization

const F = (/** @type {number} */ v) => new PyFloat(v);

const hex48 = () => randomBytes(24).toString('hex');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function callId() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return 'call_' + Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Splits text into deltas like a tokenizer would: words with their leading space, punctuation on its own,
 * and long words cut in two (" conge" + "stion"). Never splits inside a code point. Concatenating the
 * deltas gives back the text exactly.
 * @param {string} text
 * @returns {string[]}
 */
export function splitResponseDeltas(text) {
  const tokens = text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]+|\s+/gu) ?? [];
  /** @type {string[]} */
  const out = [];
  for (const token of tokens) {
    const chars = Array.from(token);
    if (chars.length >= 8 && /^\s?[\p{L}]+$/u.test(token)) {
      const cut = Math.ceil(chars.length / 2);
      out.push(chars.slice(0, cut).join(''), chars.slice(cut).join(''));
    } else out.push(token);
  }
  return out;
}

/** Splits tool-call arguments into a few fragments, as providers stream them. */
function splitArguments(/** @type {string} */ args) {
  const pieces = args.split(/(?<=": ")|(?=", ")|(?<=", )/);
  return pieces.filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------
// Scenario content

export const RESPONSES_DEFAULT_ANSWER = [
  '## Responses in a nutshell 🦙',
  '',
  'This mock speaks the **Responses** and **Conversations** APIs of OGX (Llama Stack 0.4 and later):',
  '',
  '- Text streams in as `response.output_text.delta` events, sometimes split mid-word',
  '- Ask about the `weather` for a client-side function call, or to `search` the docs for an MCP call',
  '- A conversation (会话) keeps every completed turn as items',
  '',
  'A tiny client, for the curious:',
  '',
  '```js',
  "const res = await fetch('/v1/conversations', { method: 'POST', body: '{}' });",
  'if (res.status < 400 && res.ok) console.log((await res.json()).id);',
  '```',
  '',
  'Read more in the [OGX docs](https://llamastack.github.io/). Try the words **slow**, **long** or **error** too.',
].join('\n');

const ERROR_PARTIAL_ANSWER = 'Let me look into that for you. First, the key point is';
const FAILED_ERROR = { code: 'server_error', message: 'An unexpected error occurred while generating the response.' };
const INCOMPLETE_ANSWER =
  'TCP congestion control keeps senders from overwhelming the network. It relies on a congestion window ' +
  '(cwnd) that grows during slow start, then increases linearly in congestion avoidance, and';
const NO_TOOL_ANSWER = "I can't check the weather from here: this request has no `get_weather` function tool, so there is nothing to call.";

const MCP_TOOLS = [
  {
    input_schema: { type: 'object', properties: { query: { type: 'string', description: 'Search query' } }, required: ['query'] },
    name: 'search_docs',
    description: 'Search the OGX documentation and return matching passages.',
  },
  {
    input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    name: 'get_page',
    description: 'Fetch a documentation page by path.',
  },
];
const MCP_OUTPUT =
  'Conversations API > List items\nGET /v1/conversations/{conversation_id}/items returns a list object (data, ' +
  'first_id, last_id, has_more). Query params: after, include, limit (default 20), order (asc|desc, default desc).';
const MCP_ANSWER =
  'Use `GET /v1/conversations/{conversation_id}/items`. It returns a `list` object with `data`, `first_id`, ' +
  '`last_id` and `has_more`.\n\n- `limit` defaults to **20**\n- `order` defaults to **desc** — pass `order=asc` ' +
  'for chronological order';

/** @param {unknown} content */
function contentText(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) =>
      p && typeof p === 'object' && typeof p.text === 'string' && (p.type === 'input_text' || p.type === 'text' || p.type === 'output_text')
        ? p.text
        : '',
    )
    .join(' ');
}

/** The text of the last user message of a Responses `input`. @param {unknown} input */
export function lastUserInputText(input) {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  for (let i = input.length - 1; i >= 0; i--) {
    const item = input[i];
    if (item && typeof item === 'object' && (item.type === 'message' || item.type === undefined) && item.role === 'user') {
      return contentText(item.content);
    }
  }
  return '';
}

/** @param {unknown} input */
const functionCallOutputs = (input) =>
  Array.isArray(input) ? input.filter((i) => i && typeof i === 'object' && i.type === 'function_call_output') : [];

/**
 * @typedef {'function_call_followup' | 'error' | 'incomplete' | 'function_call' | 'mcp' | 'slow' | 'browser_tools' | 'default'} ResponsesScenario
 * @param {unknown} input the request's `input`
 * @returns {ResponsesScenario}
 */
export function pickResponsesScenario(input) {
  if (functionCallOutputs(input).length) return 'function_call_followup';
  const t = lastUserInputText(input).toLowerCase();
  if (/\berror/.test(t)) return 'error';
  if (/\b(long|incomplete)\b/.test(t)) return 'incomplete';
  if (/\bweather\b/.test(t)) return 'function_call';
  if (/\b(search|docs?\b)/.test(t)) return 'mcp';
  if (/\bslow/.test(t)) return 'slow';
  if (browserToolsAskedFor(t).length) return 'browser_tools';
  return 'default';
}

/** The tools as the real server echoes them in the response object. @param {unknown} tools */
function echoTools(tools) {
  if (!Array.isArray(tools)) return [];
  return tools.map((t) => {
    if (!t || typeof t !== 'object') return t;
    if (t.type === 'function') {
      return {
        type: 'function',
        name: t.name,
        description: t.description ?? null,
        parameters: t.parameters ?? null,
        strict: t.strict ?? null,
      };
    }
    if (t.type === 'mcp') return { type: 'mcp', server_label: t.server_label, allowed_tools: t.allowed_tools ?? null };
    return t;
  });
}

/** A follow-up answer built from a function_call_output. @param {unknown} output */
function followupAnswer(output) {
  /** @type {any} */
  let data;
  try {
    data = typeof output === 'string' ? JSON.parse(output) : undefined;
  } catch {
    data = undefined;
  }
  if (data && typeof data === 'object' && (data.location || data.city) && data.temperature !== undefined) {
    const unit = data.unit === 'fahrenheit' ? '°F' : '°C';
    const conditions = data.conditions ? ` and ${data.conditions}` : '';
    return `It's currently **${data.temperature} ${unit}**${conditions} in ${data.location ?? data.city}. A light jacket should be enough.`;
  }
  const text = typeof output === 'string' ? output : contentText(output);
  return `The tool answered: \`${text.slice(0, 200)}\`. That is all I know about it.`;
}

/** Field order of the item models, as a stored conversation item is dumped. */
const ITEM_FIELDS = {
  message: ['content', 'role', 'type', 'id', 'status'],
  function_call: ['call_id', 'name', 'arguments', 'type', 'id', 'status'],
  function_call_output: ['call_id', 'output', 'type', 'id', 'status'],
  mcp_call: ['id', 'type', 'arguments', 'name', 'server_label', 'error', 'output'],
  mcp_list_tools: ['id', 'type', 'server_label', 'tools'],
};

/**
 * An input or output item as the conversation service stores it: a message without `type` is a message, a
 * string `content` becomes one text part, optional fields are null, fields in model order.
 * @param {Record<string, any>} item
 */
function normalizeItem(item) {
  if (item.type === undefined && typeof item.role === 'string') item.type = 'message';
  if (item.type === 'message' && typeof item.content === 'string') {
    item.content = [{ text: item.content, type: item.role === 'assistant' ? 'output_text' : 'input_text' }];
  }
  const fields = /** @type {Record<string, string[]>} */ (ITEM_FIELDS)[item.type] ?? [
    ...Object.keys(item).filter((k) => k !== 'id' && k !== 'status'),
    'id',
    'status',
  ];
  /** @type {Record<string, any>} */
  const out = {};
  for (const f of fields) out[f] = item[f] ?? null;
  for (const [k, v] of Object.entries(item)) if (!(k in out)) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Event generation

/**
 * Builds the events of one response; `sequence_number` and the output list live here.
 */
class ResponseBuilder {
  /**
   * @param {{ model: string, request: Record<string, any>, inputTokens: number }} opts
   */
  constructor({ model, request, inputTokens }) {
    this.id = `resp_${randomUUID()}`;
    this.createdAt = nowSeconds();
    this.model = model;
    this.request = request;
    this.inputTokens = inputTokens;
    this.outputTokens = 0;
    this.seq = -1;
    /** @type {object[]} */
    this.output = [];
    this.tools = echoTools(request.tools);
  }

  /**
   * An event: the given fields, then `sequence_number` and `type`, like the pydantic models.
   * @param {string} type @param {Record<string, unknown>} fields
   */
  event(type, fields = {}) {
    return { ...fields, sequence_number: ++this.seq, type };
  }

  /** Leaves a `sequence_number` unused, as the real server does around server-side tool calls. */
  skipSequenceNumber() {
    this.seq++;
  }

  usage() {
    return {
      input_tokens: this.inputTokens,
      output_tokens: this.outputTokens,
      total_tokens: this.inputTokens + this.outputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    };
  }

  /**
   * The response object, fields in the order of 0.8.0's `OpenAIResponseObject`.
   * @param {'in_progress' | 'completed' | 'incomplete' | 'failed'} status
   * @param {{ error?: object, incomplete_details?: object, output?: object[], usage?: object | null }} [extra]
   */
  snapshot(status, extra = {}) {
    const r = this.request;
    const num = (/** @type {unknown} */ v, /** @type {number} */ d) => F(typeof v === 'number' ? v : d);
    return {
      background: false,
      created_at: this.createdAt,
      completed_at: status === 'completed' ? nowSeconds() : null,
      error: extra.error ?? null,
      frequency_penalty: num(r.frequency_penalty, 0),
      id: this.id,
      incomplete_details: extra.incomplete_details ?? null,
      model: this.model,
      object: 'response',
      output: structuredClone(extra.output ?? this.output),
      parallel_tool_calls: typeof r.parallel_tool_calls === 'boolean' ? r.parallel_tool_calls : true,
      previous_response_id: typeof r.previous_response_id === 'string' ? r.previous_response_id : null,
      prompt_cache_key: null,
      prompt: null,
      status,
      temperature: num(r.temperature, 1),
      text: { format: { type: 'text' }, verbosity: null },
      top_p: num(r.top_p, 1),
      top_logprobs: 0,
      tools: structuredClone(this.tools),
      tool_choice: typeof r.tool_choice === 'string' ? r.tool_choice : 'auto',
      truncation: 'disabled',
      usage: extra.usage === undefined ? (status === 'in_progress' ? null : this.usage()) : extra.usage,
      instructions: typeof r.instructions === 'string' ? r.instructions : null,
      max_tool_calls: null,
      reasoning: null,
      max_output_tokens: typeof r.max_output_tokens === 'number' ? r.max_output_tokens : null,
      safety_identifier: null,
      service_tier: 'default',
      metadata: r.metadata && typeof r.metadata === 'object' ? r.metadata : null,
      presence_penalty: num(r.presence_penalty, 0),
      store: true,
    };
  }
}

/**
 * One assistant message streamed as text deltas. With `failAfter`, stops after that many deltas (the
 * provider failed) and returns false.
 * @param {ResponseBuilder} b @param {string} text @param {{ failAfter?: number }} [opts]
 * @returns {Generator<object, boolean, void>}
 */
function* messageEvents(b, text, { failAfter } = {}) {
  const id = `msg_${randomUUID()}`;
  const index = b.output.length;
  yield b.event('response.output_item.added', {
    response_id: b.id,
    item: { content: [], role: 'assistant', type: 'message', id, status: 'in_progress' },
    output_index: index,
  });
  yield b.event('response.content_part.added', {
    content_index: 0,
    response_id: b.id,
    item_id: id,
    output_index: index,
    part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
  });
  const deltas = splitResponseDeltas(text);
  for (const delta of failAfter === undefined ? deltas : deltas.slice(0, failAfter)) {
    b.outputTokens++;
    yield b.event('response.output_text.delta', { content_index: 0, delta, item_id: id, logprobs: [], output_index: index });
  }
  if (failAfter !== undefined) return false;
  yield b.event('response.content_part.done', {
    content_index: 0,
    response_id: b.id,
    item_id: id,
    output_index: index,
    part: { type: 'output_text', text, annotations: [], logprobs: [] },
  });
  const item = {
    content: [{ text, type: 'output_text', annotations: [], logprobs: [] }],
    role: 'assistant',
    type: 'message',
    id,
    status: 'completed',
  };
  b.output.push(item);
  yield b.event('response.output_item.done', { response_id: b.id, item: structuredClone(item), output_index: index });
  return true;
}

/**
 * Client-side function calls (function_call.sse), one or several in one model reply. Several come the way the
 * server's streaming orchestrator sends parallel calls: each call's `output_item.added` and argument deltas as the
 * model streams them, then every `function_call_arguments.done`, then every `output_item.done`. Until the calls are
 * committed the server numbers them with the count of committed output items, so every call of the batch shares
 * that `output_index` in its added/delta/arguments.done events; each `output_item.done` carries the call's own.
 * @param {ResponseBuilder} b @param {{ name: string, args: string }[]} calls
 */
function* functionCallEvents(b, calls) {
  const index = b.output.length;
  const pending = calls.map(({ name, args }) => ({ id: `fc_${randomUUID()}`, call: callId(), name, args }));
  for (const { id, call, name, args } of pending) {
    yield b.event('response.output_item.added', {
      response_id: b.id,
      item: { call_id: call, name, arguments: '', type: 'function_call', id, status: 'in_progress' },
      output_index: index,
    });
    for (const delta of splitArguments(args)) {
      b.outputTokens++;
      yield b.event('response.function_call_arguments.delta', { delta, item_id: id, output_index: index });
    }
  }
  for (const { id, args } of pending) {
    yield b.event('response.function_call_arguments.done', { arguments: args, item_id: id, output_index: index });
  }
  for (const { id, call, name, args } of pending) {
    const item = { call_id: call, name, arguments: args, type: 'function_call', id, status: 'completed' };
    b.output.push(item);
    yield b.event('response.output_item.done', { response_id: b.id, item: structuredClone(item), output_index: b.output.length - 1 });
  }
}

/**
 * A server-side MCP call with its tool listing (mcp_or_web_search.sse).
 * @param {ResponseBuilder} b @param {string} serverLabel @param {string} query
 */
function* mcpEvents(b, serverLabel, query) {
  const listId = `mcp_list_${randomUUID()}`;
  const listIndex = b.output.length;
  yield b.event('response.mcp_list_tools.in_progress');
  yield b.event('response.output_item.added', {
    response_id: b.id,
    item: { id: listId, type: 'mcp_list_tools', server_label: serverLabel, tools: [] },
    output_index: listIndex,
  });
  yield b.event('response.mcp_list_tools.completed');
  const list = { id: listId, type: 'mcp_list_tools', server_label: serverLabel, tools: structuredClone(MCP_TOOLS) };
  b.output.push(list);
  yield b.event('response.output_item.done', { response_id: b.id, item: structuredClone(list), output_index: listIndex });
  b.skipSequenceNumber();

  const id = `fc_${randomUUID()}`;
  const index = b.output.length;
  const args = pyJsonDumps({ query });
  // Argument deltas come first, as function_call_arguments events, before the item exists.
  for (const delta of splitArguments(args)) {
    b.outputTokens++;
    yield b.event('response.function_call_arguments.delta', { delta, item_id: id, output_index: index });
  }
  yield b.event('response.mcp_call.arguments.done', { arguments: args, item_id: id, output_index: index });
  yield b.event('response.output_item.added', {
    response_id: b.id,
    item: { id, type: 'mcp_call', arguments: '', name: 'search_docs', server_label: serverLabel, error: null, output: null },
    output_index: index,
  });
  yield b.event('response.mcp_call.in_progress', { item_id: id, output_index: index });
  yield b.event('response.mcp_call.completed');
  const call = { id, type: 'mcp_call', arguments: args, name: 'search_docs', server_label: serverLabel, error: null, output: MCP_OUTPUT };
  b.output.push(call);
  yield b.event('response.output_item.done', { response_id: b.id, item: structuredClone(call), output_index: index });
}

/** The request's function tools. @param {Record<string, any>} r @returns {{ name: string }[]} */
const functionTools = (r) =>
  (Array.isArray(r.tools) ? r.tools : []).filter((t) => t && t.type === 'function' && typeof t.name === 'string');

/**
 * All events of one demo response, terminal event last.
 * @param {ResponsesScenario} scenario @param {ResponseBuilder} b
 * @param {Map<string, string>} [callNames] function name by call_id, for the calls a follow-up answers
 * @returns {Generator<object, void, void>}
 */
function* demoResponseEvents(scenario, b, callNames = new Map()) {
  const r = b.request;
  yield b.event('response.created', { response: b.snapshot('in_progress') });
  yield b.event('response.in_progress', { response: b.snapshot('in_progress') });
  switch (scenario) {
    case 'error': {
      yield* messageEvents(b, ERROR_PARTIAL_ANSWER, { failAfter: 5 });
      yield b.event('response.failed', { response: b.snapshot('failed', { error: { ...FAILED_ERROR }, output: [], usage: null }) });
      return;
    }
    case 'incomplete': {
      yield* messageEvents(b, INCOMPLETE_ANSWER);
      yield b.event('response.incomplete', { response: b.snapshot('incomplete', { incomplete_details: { reason: 'length' } }) });
      return;
    }
    case 'function_call': {
      const fns = functionTools(r);
      const tool = fns.find((t) => t.name === 'get_weather') ?? fns[0];
      if (!tool) {
        yield* messageEvents(b, NO_TOOL_ANSWER);
        break;
      }
      const where = /weather\s+(?:in|for|at)\s+(\p{Lu}[\p{L}'-]*(?:,?\s+\p{Lu}[\p{L}'-]*)*)/u.exec(lastUserInputText(r.input))?.[1];
      yield* functionCallEvents(b, [{ name: tool.name, args: pyJsonDumps({ location: where || 'Paris, France', unit: 'celsius' }) }]);
      break;
    }
    case 'browser_tools': {
      const declared = new Set(functionTools(r).map((t) => t.name));
      const names = browserToolsAskedFor(lastUserInputText(r.input)).filter((n) => declared.has(n));
      // Without those function tools the model has nothing to call: today's answer for a tool-less request.
      if (!names.length) yield* messageEvents(b, RESPONSES_DEFAULT_ANSWER);
      else
        yield* functionCallEvents(
          b,
          names.map((name) => ({ name, args: '{}' })),
        );
      break;
    }
    case 'function_call_followup': {
      const outputs = functionCallOutputs(r.input);
      /** @type {{ time?: string, title?: string }} */
      const browser = {};
      for (const o of outputs) {
        const name = callNames.get(o.call_id);
        const text = typeof o.output === 'string' ? o.output : contentText(o.output);
        if (name === LOCAL_TIME_TOOL) browser.time = text;
        if (name === PAGE_TITLE_TOOL) browser.title = text;
      }
      const answer =
        browser.time !== undefined || browser.title !== undefined
          ? browserToolAnswer(browser)
          : followupAnswer(/** @type {any} */ (outputs.at(-1)).output);
      yield* messageEvents(b, answer);
      break;
    }
    case 'mcp': {
      const mcp = (Array.isArray(r.tools) ? r.tools : []).find((t) => t && t.type === 'mcp' && typeof t.server_label === 'string');
      const query = lastUserInputText(r.input).trim().replace(/\s+/g, ' ').slice(0, 60) || 'list conversation items';
      yield* mcpEvents(b, mcp?.server_label ?? 'docs', query);
      yield* messageEvents(b, MCP_ANSWER);
      break;
    }
    default:
      yield* messageEvents(b, RESPONSES_DEFAULT_ANSWER);
  }
  yield b.event('response.completed', { response: b.snapshot('completed') });
}

// ---------------------------------------------------------------------------------------------------
// HTTP plumbing

/**
 * @typedef {import('./http.js').Req} Req
 * @typedef {import('./http.js').Res} Res
 * @typedef {import('./http.js').ValidationIssue} ValidationIssue
 * @typedef {import('./flavours.js').Flavour} Flavour
 * @typedef {import('./agents/registry.js').MockAgent} ScriptAgent A script's agent (see ./scripts.js).
 *
 * @typedef {object} ResponsesTiming
 * @property {number} chunkDelayMs
 * @property {number} slowChunkDelayMs
 *
 * @typedef {{ item: Record<string, any>, seq: number }} StoredItem
 * @typedef {{ conversation: Record<string, any>, items: StoredItem[] }} StoredConversation
 */

/**
 * Creates the Responses + Conversations handler. State (conversations, stored responses) lives in it.
 * @param {ResponsesTiming} deps
 */
export function createResponsesApi(deps) {
  /** @type {Map<string, StoredConversation>} */
  const conversations = new Map();
  /** @type {Map<string, object>} */
  const responses = new Map();
  let itemSeq = 0;

  /** Answers with JSON written like pydantic's `model_dump_json`. @param {Req} req @param {Res} res @param {number} status @param {unknown} body */
  function sendPydantic(req, res, status, body) {
    const text = pydanticJson(body);
    res.writeHead(status, { ...corsHeaders(req), 'content-type': JSON_CONTENT_TYPE, 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  }

  /**
   * A 400 body-validation error in the flavour's envelope.
   * @param {Flavour} flavour @param {ValidationIssue[]} errors
   */
  function validationBody(flavour, errors) {
    return flavour.errors === 'legacy' ? legacyValidationBody(errors) : { error: { message: pyRepr({ errors }) } };
  }
  /** @param {string[]} field */
  const missing = (...field) => fieldRequired(['body', ...field]);

  /**
   * Stores items in a conversation, giving id-less ones an id the way the conversation service does
   * (`msg_` or `item_` + 48 hex) and writing their fields in the server's model order.
   * @param {StoredConversation} conv @param {unknown[]} items
   */
  function addItems(conv, items) {
    for (const raw of items) {
      if (!raw || typeof raw !== 'object') continue;
      const item = normalizeItem(/** @type {Record<string, any>} */ (structuredClone(raw)));
      if ('id' in item && item.id == null) item.id = item.type === 'message' ? `msg_${hex48()}` : `item_${hex48()}`;
      conv.items.push({ item, seq: ++itemSeq });
    }
  }

  /**
   * The input of a request as conversation items (a string becomes one user message).
   * @param {unknown} input
   */
  function inputItems(input) {
    if (typeof input === 'string')
      return [{ content: [{ text: input, type: 'input_text' }], role: 'user', type: 'message', id: null, status: null }];
    return Array.isArray(input) ? input : [];
  }

  /**
   * Lists items with the real order/limit/after semantics.
   * @param {Record<string, any>[]} chronological oldest first
   * @param {URL} url
   * @param {Req} req @param {Res} res @param {Flavour} flavour
   */
  function listItems(chronological, url, req, res, flavour) {
    const order = url.searchParams.get('order') ?? 'desc';
    const limitRaw = url.searchParams.get('limit');
    /** @type {{ loc: (string | number)[], msg: string, type: string }[]} */
    const errors = [];
    if (order !== 'asc' && order !== 'desc') errors.push({ loc: ['query', 'order'], msg: "Input should be 'asc' or 'desc'", type: 'enum' });
    if (limitRaw !== null && !/^-?\d+$/.test(limitRaw)) {
      errors.push({
        loc: ['query', 'limit'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        type: 'int_parsing',
      });
    }
    if (errors.length) return sendJson(req, res, 400, validationBody(flavour, errors));
    const limit = Number(limitRaw) || 20; // `request.limit or 20`, like the real service
    const ordered = order === 'asc' ? [...chronological] : [...chronological].reverse();
    const after = url.searchParams.get('after');
    // An unknown `after` cursor gives an empty page (our choice; the real store's answer is not documented).
    const start = after ? ordered.findIndex((i) => i.id === after) + 1 || ordered.length : 0;
    const data = ordered.slice(start, start + limit);
    return sendPydantic(req, res, 200, {
      object: 'list',
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: start + limit < ordered.length,
    });
  }

  /**
   * Writes the stream of a demo response and commits it when it completes (or is incomplete).
   * @param {Req} req @param {Res} res
   * @param {Generator<object, void, void>} events @param {number} wait
   * @param {(terminal: any) => void} commit
   */
  async function streamEvents(req, res, events, wait, commit) {
    const signal = responseAbort(res);
    startSse(req, res);
    let first = true;
    for (const event of events) {
      if (!first && !(await sleep(wait, signal))) return;
      first = false;
      if (signal.aborted) return;
      const type = /** @type {any} */ (event).type;
      if (TERMINAL_TYPES.has(type)) commit(event);
      res.write(sseData(pydanticJson(event)));
    }
    res.end();
  }

  /**
   * An error found before generation starts (unknown model, conversation, previous response).
   * @param {Req} req @param {Res} res @param {Flavour} flavour @param {boolean} stream
   * @param {{ status: number, detail: string, legacy: string }} failure
   */
  function failEarly(req, res, flavour, stream, failure) {
    if (!stream) return sendJson(req, res, failure.status, { detail: flavour.errors === 'legacy' ? failure.legacy : failure.detail });
    res.writeHead(200, sseHeaders(req));
    if (flavour.errors === 'legacy') {
      // ≤0.3: `{"error": {"message": str(HTTPException)}}`, i.e. "<status>: <detail>".
      return res.end(legacyErrorFrame(`${failure.status}: ${failure.legacy}`));
    }
    // 0.8.0's sse_generator: code = str(status), sequence_number = last seen (0) + 1.
    const frame = { code: String(failure.status), message: failure.detail, param: null, sequence_number: 1, type: 'error' };
    return res.end(sseData(pydanticJson(frame)));
  }

  /**
   * POST /v1/responses
   * @param {Req} req @param {Res} res @param {unknown} body @param {Flavour} flavour
   * @param {ScriptAgent | undefined} scriptAgent
   */
  async function createResponse(req, res, body, flavour, scriptAgent) {
    if (scriptAgent) return playScript(req, res, scriptAgent);
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return sendJson(req, res, 400, validationBody(flavour, [missing()]));
    }
    const r = /** @type {Record<string, any>} */ (body);
    const errors = [];
    if (r.input === undefined) errors.push(missing('input'));
    else if (typeof r.input !== 'string' && !Array.isArray(r.input))
      errors.push({ loc: ['body', 'input'], msg: 'Input should be a valid string', type: 'string_type' });
    if (r.model === undefined) errors.push(missing('model'));
    else if (typeof r.model !== 'string')
      errors.push({ loc: ['body', 'model'], msg: 'Input should be a valid string', type: 'string_type' });
    if (errors.length) return sendJson(req, res, 400, validationBody(flavour, errors));
    const stream = r.stream === true;
    if (r.conversation != null && r.previous_response_id != null) {
      return sendJson(req, res, 400, {
        detail:
          "Mutually exclusive parameters: 'previous_response_id' and 'conversation'. Ensure you are only providing one of these parameters.",
      });
    }
    const conversationId = typeof r.conversation === 'string' ? r.conversation : r.conversation?.id;
    const conv = conversationId ? conversations.get(conversationId) : undefined;
    if (/^unknown/i.test(r.model)) {
      const detail = `Model '${r.model}' not found. Use 'client.models.list()' to list available Models.`;
      // 0.3 turned this ValueError into "400: Invalid value: …" (a best reconstruction of that release).
      return failEarly(req, res, flavour, stream, {
        status: flavour.errors === 'legacy' ? 400 : 404,
        detail,
        legacy: `Invalid value: ${detail}`,
      });
    }
    if (conversationId !== undefined && (!conv || !flavour.conversations)) {
      const detail = `Conversation '${conversationId}' not found.`;
      return failEarly(req, res, flavour, stream, { status: 404, detail, legacy: detail });
    }
    if (typeof r.previous_response_id === 'string' && !responses.has(r.previous_response_id)) {
      const detail = `Response '${r.previous_response_id}' not found.`;
      return failEarly(req, res, flavour, stream, { status: 404, detail, legacy: detail });
    }

    const scenario = pickResponsesScenario(r.input);
    const inputText = typeof r.input === 'string' ? r.input : JSON.stringify(r.input);
    const b = new ResponseBuilder({ model: r.model, request: r, inputTokens: 20 + Math.ceil(inputText.length / 4) });
    const commit = (/** @type {any} */ terminal) => {
      if (terminal.type === 'response.failed') return;
      responses.set(b.id, terminal.response);
      if (conv) addItems(conv, [...inputItems(r.input), ...structuredClone(terminal.response.output)]);
    };
    // Which function each call_id named, for a follow-up: from the conversation, the previous response or the
    // input's own function_call items (a client that keeps the history itself sends them along).
    /** @type {Map<string, string>} */
    const callNames = new Map();
    const learn = (/** @type {unknown} */ items) => {
      for (const i of Array.isArray(items) ? items : [])
        if (i && i.type === 'function_call' && typeof i.call_id === 'string') callNames.set(i.call_id, i.name);
    };
    learn(conv?.items.map((s) => s.item));
    if (typeof r.previous_response_id === 'string') learn(/** @type {any} */ (responses.get(r.previous_response_id))?.output);
    learn(r.input);
    const events = demoResponseEvents(scenario, b, callNames);
    if (stream) return streamEvents(req, res, events, scenario === 'slow' ? deps.slowChunkDelayMs : deps.chunkDelayMs, commit);

    let terminal = /** @type {any} */ (undefined);
    for (const event of events) terminal = event;
    if (terminal.type === 'response.failed') {
      // The non-streaming path raises on a failed response; the server's catch-all answers 500.
      return sendJson(req, res, 500, { detail: 'Internal server error: An unexpected error occurred.' });
    }
    commit(terminal);
    return sendPydantic(req, res, 200, terminal.response);
  }

  /**
   * @param {Req} req @param {Res} res @param {string} method @param {string[]} segs
   * @param {URL} url @param {unknown} body
   * @param {{ flavour: Flavour, scriptAgent?: ScriptAgent }} ctx
   */
  async function handle(req, res, method, segs, url, body, ctx) {
    const { flavour, scriptAgent } = ctx;
    const script = scriptAgent?.script;
    const notFound = () => sendNotFound(req, res);
    const notAllowed = () => sendMethodNotAllowed(req, res);

    if (segs[1] === 'responses') {
      if (!flavour.responses) return notFound();
      if (segs.length === 2) return method === 'POST' ? createResponse(req, res, body, flavour, scriptAgent) : notAllowed();
      if (segs.length === 3) {
        if (method !== 'GET') return notAllowed();
        const id = safeDecode(segs[2]);
        const found = responses.get(id);
        return found ? sendPydantic(req, res, 200, found) : sendJson(req, res, 404, { detail: `Response '${id}' not found.` });
      }
      return notFound();
    }

    // /v1/conversations…
    if (!flavour.conversations) return notFound();
    if (segs.length === 2) {
      if (method !== 'POST') return notAllowed();
      if (answeredScriptedSessionFailure(req, res, script, 'create')) return;
      const b = /** @type {Record<string, any>} */ (body && typeof body === 'object' ? body : {});
      if (b.items != null && !Array.isArray(b.items)) {
        return sendJson(
          req,
          res,
          400,
          validationBody(flavour, [{ loc: ['body', 'items'], msg: 'Input should be a valid list', type: 'list_type' }]),
        );
      }
      const id = typeof script?.conversationId === 'string' ? script.conversationId : `conv_${hex48()}`;
      const conversation = { id, object: 'conversation', created_at: nowSeconds(), metadata: b.metadata ?? null, items: null };
      const stored = { conversation, items: [] };
      addItems(stored, b.items ?? []);
      conversations.set(id, stored);
      return sendPydantic(req, res, 200, conversation);
    }

    const id = safeDecode(segs[2]);
    if (segs.length > 4 || (segs.length === 4 && segs[3] !== 'items')) return notFound();
    if (method !== 'GET') return notAllowed();
    if (script) {
      if (answeredScriptedSessionFailure(req, res, script, 'get')) return;
      // Under a script every conversation id is known.
      const stored = conversations.get(id);
      if (segs.length === 3) {
        return sendPydantic(
          req,
          res,
          200,
          stored?.conversation ?? { id, object: 'conversation', created_at: nowSeconds(), metadata: null, items: null },
        );
      }
      const items = Array.isArray(script.items) ? script.items : (stored?.items ?? []).map((s) => s.item);
      return listItems(items, url, req, res, flavour);
    }
    if (!CONVERSATION_ID_RE.test(id)) {
      // InvalidParameterError of the conversation service (OGX source, conversations.py).
      return sendJson(req, res, 400, {
        detail: `Invalid value for 'conversation_id': ${id}. Conversation ID must match format 'conv_' followed by 48 lowercase hex characters.`,
      });
    }
    const stored = conversations.get(id);
    if (!stored) return sendJson(req, res, 404, { detail: `Conversation '${id}' not found.` });
    if (segs.length === 3) return sendPydantic(req, res, 200, stored.conversation);
    return listItems(
      stored.items.map((s) => s.item),
      url,
      req,
      res,
      flavour,
    );
  }

  /** Whether a path (segments after the mount) belongs to this module. @param {string[]} segs */
  const owns = (segs) => segs[0] === 'v1' && (segs[1] === 'responses' || segs[1] === 'conversations');

  /**
   * A body that is not JSON, on one of this module's routes.
   * @param {Req} req @param {Res} res @param {Flavour} flavour
   */
  function invalidJson(req, res, flavour) {
    sendJson(req, res, 400, validationBody(flavour, [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }]));
  }

  return { handle, owns, invalidJson };
}
