// @ts-check
/**
 * What a demo agent does with a turn: the scenario the user's message picks, and its content (answers, tool
 * plans, the client tools the demo page offers). The events themselves are built by ./turns.js.
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
 *                                    Then `POST …/turn/{turn_id}/resume` (see ./resume.js) finishes the turn.
 *   anything else                  → a markdown answer streamed in deltas of 1–3 words
 * The browser-tool words come after every older trigger, so a message that picked an older scenario still does.
 */

import { randomBytes } from 'node:crypto';
import { browserToolsAskedFor, LOCAL_TIME_TOOL, PAGE_TITLE_TOOL } from '../browser-tools.js';

export const SHIELD_REFUSAL = "I can't answer that. Can I help with something else?";

export function callId() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return 'call_' + Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

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

export const ERROR_PARTIAL_ANSWER = 'Let me look into that for you. First, the key point is';
export const ERROR_MESSAGE = '500: Internal server error: An unexpected error occurred.';

export const SHIELD_ANSWER =
  'Here is a step-by-step answer that the **output shield** will flag once it is complete. ' +
  'Everything you see streaming now will be replaced by the violation message.';

const SEARCH_RESULT_URL = 'https://llama-stack.readthedocs.io/en/latest/building_applications/agent.html';

/**
 * @param {string} userText
 * @returns {{ tool_name: string, args: Record<string, unknown>, result: unknown, answer: string }}
 */
export function toolPlan(userText) {
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
export function contentText(content) {
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
export function lastUserText(messages) {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = /** @type {any} */ (messages[i]);
    if (m && m.role === 'user') return contentText(m.content);
  }
  return '';
}

/** @typedef {ReturnType<typeof pickScenario>} Scenario */

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
export function browserToolCalls(userText, agentConfig) {
  const declared = (Array.isArray(agentConfig.client_tools) ? agentConfig.client_tools : []).map((t) => t?.name).filter(Boolean);
  const names = browserToolsAskedFor(userText).filter((n) => !declared.length || declared.includes(n));
  return names.map((name) => ({ call_id: callId(), tool_name: name, arguments: '{}' }));
}
