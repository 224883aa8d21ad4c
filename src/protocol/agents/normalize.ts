/**
 * Agents API stream events → our TurnEvents. Pure and lenient: every field may be missing or of
 * another shape; we narrow once here so everything after trusts the types.
 *
 * Event types in the 0.3.5 schema and what becomes of them:
 *   step_start            ignored (nothing to show until content arrives)
 *   step_progress         text deltas, tool-call fragments / calls; image deltas ignored
 *   step_complete         turn id; tool calls and responses (tool_execution); shield violations;
 *                         memory_retrieval's inserted context (in the schema, not sent by current servers)
 *   turn_start            turn id (not sent since 0.1.6, handled anyway)
 *   turn_complete         final message, replacing what was streamed
 *   turn_awaiting_input   client tools requested
 *   {"error": …}          in-band failure on a 200 stream (not in the schema)
 */
import { contentToText } from '../content.js';
import { describeInBandError } from '../errors.js';
import { asArray, asObject, asString, type Loose } from '../protocol.js';
import type { ToolCallInfo, TurnEvent } from '../turn-events.js';
import type { EventType, StepType } from './wire.js';

/** A ToolCall object → ToolCallInfo. 0.3 sends `arguments` as a JSON string; 0.2 could send an object. */
export function toToolCallInfo(value: unknown): ToolCallInfo | undefined {
  const call = asObject(value);
  if (!call) return undefined;
  const toolName = asString(call.tool_name) ?? '';
  const args = call.arguments;
  const argumentsText =
    typeof args === 'string' ? args : (asString(call.arguments_json) ?? (args === undefined ? '' : JSON.stringify(args)));
  return { callId: asString(call.call_id) ?? '', toolName, arguments: argumentsText };
}

function toolCallsOf(value: unknown): ToolCallInfo[] {
  return asArray(value)
    .map(toToolCallInfo)
    .filter((c): c is ToolCallInfo => !!c);
}

function progressEvents(delta: Loose | undefined): TurnEvent[] {
  if (!delta) return [{ kind: 'ignored', reason: 'step_progress without delta' }];
  if (delta.type === 'text') {
    const text = asString(delta.text);
    return text ? [{ kind: 'text-delta', text }] : [];
  }
  if (delta.type === 'tool_call') {
    const status = delta.parse_status;
    const payload = delta.tool_call;
    if (typeof payload === 'string') {
      // in_progress: a fragment of the model's call syntax; failed: the raw text it could not parse.
      if (status === 'failed') return [{ kind: 'tool-call', call: { callId: '', toolName: '', arguments: payload }, parsed: false }];
      return payload ? [{ kind: 'tool-call-fragment', text: payload }] : [];
    }
    const call = toToolCallInfo(payload);
    // A whole ToolCall object, whether the status says succeeded or (for server tools) in_progress.
    return call ? [{ kind: 'tool-call', call, parsed: true }] : [{ kind: 'ignored', reason: 'tool_call delta without a call' }];
  }
  return [{ kind: 'ignored', reason: `step_progress delta of type ${String(delta.type)}` }];
}

function stepCompleteEvents(details: Loose | undefined): TurnEvent[] {
  if (!details) return [];
  const events: TurnEvent[] = [];
  const turnId = asString(details.turn_id);
  if (turnId) events.push({ kind: 'turn-id', turnId });
  switch (details.step_type as StepType | undefined) {
    case 'tool_execution': {
      for (const call of toolCallsOf(details.tool_calls)) events.push({ kind: 'tool-call', call, parsed: true });
      for (const response of asArray(details.tool_responses).map(asObject)) {
        if (!response) continue;
        events.push({
          kind: 'tool-result',
          callId: asString(response.call_id) ?? '',
          toolName: asString(response.tool_name) ?? '',
          content: contentToText(response.content),
        });
      }
      break;
    }
    case 'shield_call': {
      const violation = asObject(details.violation);
      if (violation) {
        events.push({
          kind: 'shield-violation',
          level: asString(violation.violation_level) ?? 'error',
          message: asString(violation.user_message) ?? 'A safety check blocked this message.',
        });
      }
      break;
    }
    case 'memory_retrieval': {
      const text = contentToText(details.inserted_context);
      if (text) events.push({ kind: 'retrieved-context', text });
      break;
    }
    case 'inference': {
      // Tool calls were already streamed as deltas; the stored text may be "" (the server drops text
      // streamed before a tool call), so nothing here replaces what the user saw.
      break;
    }
    default:
      events.push({ kind: 'ignored', reason: `step_complete of type ${String(details.step_type)}` });
  }
  return events;
}

function finalTurn(turn: Loose | undefined) {
  const output = asObject(turn?.output_message);
  return {
    turnId: asString(turn?.turn_id),
    text: contentToText(output?.content),
    toolCalls: toolCallsOf(output?.tool_calls),
    stopReason: asString(output?.stop_reason),
  };
}

/** One parsed `data:` payload of an Agents API stream → zero or more TurnEvents. */
export function normalizeAgentsEvent(data: unknown): TurnEvent[] {
  const root = asObject(data);
  if (!root) return [{ kind: 'ignored', reason: 'event is not a JSON object' }];
  if ('error' in root) return [{ kind: 'error', message: describeInBandError(root.error) }];
  const payload = asObject(asObject(root.event)?.payload);
  if (!payload) return [{ kind: 'ignored', reason: 'event without event.payload' }];
  switch (payload.event_type as EventType | undefined) {
    case 'step_start':
      return [{ kind: 'ignored', reason: `step_start ${String(payload.step_type)}` }];
    case 'step_progress':
      return progressEvents(asObject(payload.delta));
    case 'step_complete':
      return stepCompleteEvents(asObject(payload.step_details));
    case 'turn_start': {
      const turnId = asString(payload.turn_id);
      return turnId ? [{ kind: 'turn-id', turnId }] : [];
    }
    case 'turn_complete': {
      const { turnId, text } = finalTurn(asObject(payload.turn));
      return [{ kind: 'turn-complete', turnId, text }];
    }
    case 'turn_awaiting_input': {
      const { turnId, text, toolCalls, stopReason } = finalTurn(asObject(payload.turn));
      return [{ kind: 'turn-awaiting-input', turnId, text, toolCalls, stopReason }];
    }
    default:
      return [{ kind: 'ignored', reason: `unknown event_type ${String(payload.event_type)}` }];
  }
}
