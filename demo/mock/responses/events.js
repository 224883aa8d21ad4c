// @ts-check
/** The events of demo responses: output items as the server streams them, and each scenario's sequence of them. */

import { randomUUID } from 'node:crypto';
import { browserToolAnswer, browserToolsAskedFor, LOCAL_TIME_TOOL, PAGE_TITLE_TOOL } from '../browser-tools.js';
import { pyJsonDumps } from '../python-json.js';
import { callId } from './ids.js';
import { splitArguments, splitResponseDeltas } from './deltas.js';
import {
  contentText,
  ERROR_PARTIAL_ANSWER,
  FAILED_ERROR,
  followupAnswer,
  functionCallOutputs,
  INCOMPLETE_ANSWER,
  lastUserInputText,
  MCP_ANSWER,
  MCP_OUTPUT,
  MCP_TOOLS,
  NO_TOOL_ANSWER,
  RESPONSES_DEFAULT_ANSWER,
} from './scenarios.js';

/**
 * @typedef {import('./builder.js').ResponseBuilder} ResponseBuilder
 * @typedef {import('./scenarios.js').ResponsesScenario} ResponsesScenario
 */

/**
 * One assistant message streamed as text deltas. With `failAfter`, stops after that many deltas (the
 * provider failed) and returns false.
 * @param {ResponseBuilder} b @param {string} text @param {{ failAfter?: number }} [opts]
 * @returns {Generator<object, boolean, void>}
 */
export function* messageEvents(b, text, { failAfter } = {}) {
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
export function* functionCallEvents(b, calls) {
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
export function* mcpEvents(b, serverLabel, query) {
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
export function* demoResponseEvents(scenario, b, callNames = new Map()) {
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
