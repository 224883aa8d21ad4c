// @ts-check
/** The event streams of demo turns: a new turn by scenario (see ./scenarios.js), and a resumed one. */

import { randomUUID } from 'node:crypto';
import { pyJsonDumps, isoNow } from '../python-json.js';
import { browserToolAnswer, LOCAL_TIME_TOOL, PAGE_TITLE_TOOL } from '../browser-tools.js';
import { splitIntoDeltas } from './deltas.js';
import { chunk, finishTurn, inferenceStep, shieldStep, toolExecutionStep } from './steps.js';
import {
  callId,
  contentText,
  DEFAULT_ANSWER,
  ERROR_MESSAGE,
  ERROR_PARTIAL_ANSWER,
  SHIELD_ANSWER,
  SHIELD_REFUSAL,
  toolPlan,
} from './scenarios.js';

/**
 * @typedef {import('./steps.js').TurnCtx} TurnCtx
 * @typedef {import('./steps.js').TurnItem} TurnItem
 */

/** Input messages as the real server echoes them: user messages gain `context: null`. */
export function normalizeInputMessages(/** @type {unknown[]} */ messages) {
  return messages.map((m) => {
    const msg = /** @type {Record<string, unknown>} */ (m);
    if (msg && msg.role === 'user') return { role: 'user', content: msg.content, context: msg.context ?? null };
    return msg;
  });
}

const violationObject = () => ({
  violation_level: 'error',
  user_message: SHIELD_REFUSAL,
  metadata: { violation_type: 'S1' },
});

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
 * @param {import('./scenarios.js').Scenario} scenario
 * @param {TurnCtx} ctx
 * @param {string} userText
 * @param {(turn: object) => void} onComplete
 * @param {{ clientCalls?: {call_id: string, tool_name: string, arguments: string}[],
 *   onAwaiting?: (turn: object, pending: PendingToolCalls) => void }} [clientTools] the calls of the
 *   `client_tool` scenario
 * @returns {Generator<TurnItem, void, void>}
 */
export function* demoTurn(scenario, ctx, userText, onComplete, clientTools = {}) {
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
  const toolCalls = /** @type {{ tool_calls?: unknown[] }} */ (output).tool_calls ?? [];
  const turn = finishTurn(ctx, { ...output, tool_calls: [...toolCalls] });
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
export function* resumedTurn(ctx, pending, toolResponses, onComplete) {
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
