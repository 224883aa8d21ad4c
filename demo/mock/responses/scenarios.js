// @ts-check
/**
 * What a demo response does: the scenario a request's input picks, and its content. The events themselves are
 * built by ./events.js.
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
 */

import { browserToolsAskedFor } from '../browser-tools.js';

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

export const ERROR_PARTIAL_ANSWER = 'Let me look into that for you. First, the key point is';
export const FAILED_ERROR = { code: 'server_error', message: 'An unexpected error occurred while generating the response.' };
export const INCOMPLETE_ANSWER =
  'TCP congestion control keeps senders from overwhelming the network. It relies on a congestion window ' +
  '(cwnd) that grows during slow start, then increases linearly in congestion avoidance, and';
export const NO_TOOL_ANSWER =
  "I can't check the weather from here: this request has no `get_weather` function tool, so there is nothing to call.";

export const MCP_TOOLS = [
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
export const MCP_OUTPUT =
  'Conversations API > List items\nGET /v1/conversations/{conversation_id}/items returns a list object (data, ' +
  'first_id, last_id, has_more). Query params: after, include, limit (default 20), order (asc|desc, default desc).';
export const MCP_ANSWER =
  'Use `GET /v1/conversations/{conversation_id}/items`. It returns a `list` object with `data`, `first_id`, ' +
  '`last_id` and `has_more`.\n\n- `limit` defaults to **20**\n- `order` defaults to **desc** — pass `order=asc` ' +
  'for chronological order';

/** @param {unknown} content */
export function contentText(content) {
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
export const functionCallOutputs = (input) =>
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

/** A follow-up answer built from a function_call_output. @param {unknown} output */
export function followupAnswer(output) {
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
