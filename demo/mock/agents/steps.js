// @ts-check
/**
 * The steps of an Agents API turn as events (`step_start`, `step_progress`, `step_complete`) and the turn
 * object that ends it. Each is a lazy generator of payloads, so timestamps are taken when each event is sent.
 * Step ids and turn ids are UUIDs, `turn_id` first appears in `step_complete`, timestamps have microseconds
 * and a `Z`; `tool_responses[].metadata: null` and `shield_call` steps with `violation: null` are the real
 * server's departures from its own OpenAPI types, reproduced on purpose (see test/node/conformance.test.js).
 */

import { randomUUID } from 'node:crypto';
import { isoNow } from '../python-json.js';
import { splitFixed, splitIntoDeltas } from './deltas.js';

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

export const chunk = (/** @type {object} */ payload) => ({ payload });

/**
 * @param {TurnCtx} ctx
 * @param {{ text?: string, toolCalls?: {call_id: string, tool_name: string, arguments: string}[] }} opts
 * @returns {Generator<TurnItem, object, void>}
 */
export function* inferenceStep(ctx, { text = '', toolCalls = [] }) {
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
export function* toolExecutionStep(ctx, call, content) {
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
export function* shieldStep(ctx, touchpoint, violation) {
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

/**
 * @param {TurnCtx} ctx
 * @param {object} outputMessage
 */
export function finishTurn(ctx, outputMessage) {
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
