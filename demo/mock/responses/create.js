// @ts-check
/**
 * `POST /v1/responses`: checks the request like the server does, then answers a demo scenario as a stream
 * (`data: <json>\n\n` frames only, event name in the JSON `type`, `sequence_number` from 0, exactly one terminal
 * event, then the body ends) or as the final response object. Under a script's base path, replays the script.
 */

import { responseAbort, sleep } from '../abortable.js';
import { sendJson, sseData, startSse } from '../http.js';
import { pydanticJson } from '../python-json.js';
import { playScript } from '../scripts.js';
import { failEarly, missing, sendPydantic, validationBody } from './answers.js';
import { ResponseBuilder } from './builder.js';
import { inputItems } from './conversations.js';
import { demoResponseEvents } from './events.js';
import { pickResponsesScenario } from './scenarios.js';

const TERMINAL_TYPES = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * @typedef {import('../http.js').Req} Req
 * @typedef {import('../http.js').Res} Res
 * @typedef {import('../http.js').ValidationIssue} ValidationIssue
 * @typedef {import('../flavours.js').Flavour} Flavour
 * @typedef {import('./conversations.js').StoredConversation} StoredConversation
 *
 * @typedef {object} ResponsesState What one mock instance keeps for the Responses API.
 * @property {import('./conversations.js').ConversationStore} conversations
 * @property {Map<string, object>} responses Completed or incomplete responses by id.
 * @property {number} chunkDelayMs
 * @property {number} slowChunkDelayMs
 */

/** The body's validation issues (input and model). @param {Record<string, any>} r @returns {ValidationIssue[]} */
function requestErrors(r) {
  const errors = [];
  if (r.input === undefined) errors.push(missing('input'));
  else if (typeof r.input !== 'string' && !Array.isArray(r.input))
    errors.push({ loc: ['body', 'input'], msg: 'Input should be a valid string', type: 'string_type' });
  if (r.model === undefined) errors.push(missing('model'));
  else if (typeof r.model !== 'string') errors.push({ loc: ['body', 'model'], msg: 'Input should be a valid string', type: 'string_type' });
  return errors;
}

/**
 * What the request names that does not exist (model, conversation, previous response), as `failEarly` reports it.
 * @param {Record<string, any>} r @param {Flavour} flavour @param {ResponsesState} state
 * @param {string | undefined} conversationId @param {StoredConversation | undefined} conv
 */
function missingResource(r, flavour, state, conversationId, conv) {
  if (/^unknown/i.test(r.model)) {
    const detail = `Model '${r.model}' not found. Use 'client.models.list()' to list available Models.`;
    // 0.3 turned this ValueError into "400: Invalid value: …" (a best reconstruction of that release).
    return { status: flavour.errors === 'legacy' ? 400 : 404, detail, legacy: `Invalid value: ${detail}` };
  }
  if (conversationId !== undefined && (!conv || !flavour.conversations)) {
    const detail = `Conversation '${conversationId}' not found.`;
    return { status: 404, detail, legacy: detail };
  }
  if (typeof r.previous_response_id === 'string' && !state.responses.has(r.previous_response_id)) {
    const detail = `Response '${r.previous_response_id}' not found.`;
    return { status: 404, detail, legacy: detail };
  }
  return undefined;
}

/**
 * Which function each call_id named, for a follow-up: from the conversation, the previous response or the
 * input's own function_call items (a client that keeps the history itself sends them along).
 * @param {Record<string, any>} r @param {ResponsesState} state @param {StoredConversation | undefined} conv
 */
function callNamesFor(r, state, conv) {
  /** @type {Map<string, string>} */
  const callNames = new Map();
  const learn = (/** @type {unknown} */ items) => {
    for (const i of Array.isArray(items) ? items : [])
      if (i && i.type === 'function_call' && typeof i.call_id === 'string') callNames.set(i.call_id, i.name);
  };
  learn(conv?.items.map((s) => s.item));
  if (typeof r.previous_response_id === 'string') learn(/** @type {any} */ (state.responses.get(r.previous_response_id))?.output);
  learn(r.input);
  return callNames;
}

/**
 * POST /v1/responses
 * @param {Req} req @param {Res} res @param {unknown} body @param {Flavour} flavour
 * @param {import('../agents/registry.js').MockAgent | undefined} scriptAgent @param {ResponsesState} state
 */
export async function createResponse(req, res, body, flavour, scriptAgent, state) {
  if (scriptAgent) return playScript(req, res, scriptAgent);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return sendJson(req, res, 400, validationBody(flavour, [missing()]));
  }
  const r = /** @type {Record<string, any>} */ (body);
  const errors = requestErrors(r);
  if (errors.length) return sendJson(req, res, 400, validationBody(flavour, errors));
  const stream = r.stream === true;
  if (r.conversation != null && r.previous_response_id != null) {
    return sendJson(req, res, 400, {
      detail:
        "Mutually exclusive parameters: 'previous_response_id' and 'conversation'. Ensure you are only providing one of these parameters.",
    });
  }
  const conversationId = typeof r.conversation === 'string' ? r.conversation : r.conversation?.id;
  const conv = conversationId ? state.conversations.get(conversationId) : undefined;
  const failure = missingResource(r, flavour, state, conversationId, conv);
  if (failure) return failEarly(req, res, flavour, stream, failure);

  const scenario = pickResponsesScenario(r.input);
  const inputText = typeof r.input === 'string' ? r.input : JSON.stringify(r.input);
  const b = new ResponseBuilder({ model: r.model, request: r, inputTokens: 20 + Math.ceil(inputText.length / 4) });
  const commit = (/** @type {any} */ terminal) => {
    if (terminal.type === 'response.failed') return;
    state.responses.set(b.id, terminal.response);
    if (conv) state.conversations.addItems(conv, [...inputItems(r.input), ...structuredClone(terminal.response.output)]);
  };
  const events = demoResponseEvents(scenario, b, callNamesFor(r, state, conv));
  if (stream) return streamEvents(req, res, events, scenario === 'slow' ? state.slowChunkDelayMs : state.chunkDelayMs, commit);

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
