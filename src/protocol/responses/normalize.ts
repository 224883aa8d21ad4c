/**
 * Responses API stream events (Llama Stack / OGX ≥ 0.4, OpenAI-compatible servers) → our TurnEvents.
 * Pure and lenient: the real server departs from OpenAI's published types in places (see
 * docs/protocol.md), so every field is narrowed here and nowhere else.
 *
 *   response.output_text.delta                       text
 *   response.output_item.added / .done               tool cards for function, MCP, web and file search calls
 *   response.function_call_arguments.delta,
 *   response.mcp_call.arguments.delta (either spelling)  argument fragments (they carry no call id)
 *   response.completed                               done — or awaiting client tools when its output holds function calls
 *   response.incomplete / response.failed            readable errors, streamed text kept
 *   {"type":"error",…} and {"error":{…}}             readable errors
 *   everything else (created, in_progress, content parts, reasoning, mcp_list_tools…)  ignored
 */
import { describeInBandError } from '../errors.js';
import { asArray, asObject, asString, type Loose } from '../protocol.js';
import type { ToolCallInfo, TurnEvent } from '../turn-events.js';

const TOOL_ITEM_NAMES: Record<string, string> = {
  web_search_call: 'web_search',
  file_search_call: 'file_search',
};

/** A tool-call output item → ToolCallInfo; undefined for items that are not tool calls. */
export function toolCallOfItem(item: Loose | undefined): ToolCallInfo | undefined {
  const type = asString(item?.type);
  if (!item || !type) return undefined;
  if (type === 'function_call' || type === 'mcp_call') {
    const server = asString(item.server_label);
    const name = asString(item.name) ?? '';
    return {
      callId: asString(item.call_id) ?? asString(item.id) ?? '',
      toolName: type === 'mcp_call' && server ? `${server}.${name}` : name,
      arguments: asString(item.arguments) ?? '',
    };
  }
  if (type in TOOL_ITEM_NAMES) {
    const queries = asArray(item.queries).filter((q) => typeof q === 'string');
    const query = asString(asObject(item.action)?.query);
    const args = queries.length ? JSON.stringify({ queries }) : query ? JSON.stringify({ query }) : '';
    return { callId: asString(item.id) ?? '', toolName: TOOL_ITEM_NAMES[type], arguments: args };
  }
  return undefined;
}

/** The text of an output message item (its output_text parts). */
function messageText(item: Loose | undefined): string {
  if (item?.type !== 'message') return '';
  return asArray(item.content)
    .map(asObject)
    .map((part) => (part?.type === 'output_text' || part?.type === 'text' ? (asString(part.text) ?? '') : ''))
    .join('');
}

function toolResultOfItem(item: Loose, call: ToolCallInfo): TurnEvent[] {
  if (item.type === 'mcp_call') {
    const error = item.error;
    if (error)
      return [{ kind: 'tool-result', callId: call.callId, toolName: call.toolName, content: describeToolError(error), isError: true }];
    const output = asString(item.output);
    return output === undefined ? [] : [{ kind: 'tool-result', callId: call.callId, toolName: call.toolName, content: output }];
  }
  if (item.type === 'file_search_call') {
    const results = asArray(item.results);
    return results.length
      ? [{ kind: 'tool-result', callId: call.callId, toolName: call.toolName, content: JSON.stringify(results, null, 2) }]
      : [];
  }
  return [];
}

function describeToolError(error: unknown): string {
  return typeof error === 'string' ? error : (asString(asObject(error)?.message) ?? JSON.stringify(error));
}

function terminalResponse(response: Loose | undefined): { text: string; functionCalls: ToolCallInfo[]; id?: string } {
  const output = asArray(response?.output).map(asObject);
  return {
    id: asString(response?.id),
    text: output.map(messageText).join(''),
    functionCalls: output
      .filter((item) => item?.type === 'function_call')
      .map((item) => toolCallOfItem(item))
      .filter((c): c is ToolCallInfo => !!c),
  };
}

function incompleteMessage(response: Loose | undefined): string {
  const reason = asString(asObject(response?.incomplete_details)?.reason);
  if (reason === 'length' || reason === 'max_output_tokens') return 'The reply was cut short: it reached the length limit.';
  if (reason === 'content_filter') return 'The reply was cut short by a content filter.';
  return `The reply was cut short${reason ? ` (${reason})` : ''}.`;
}

/** One parsed `data:` payload of a Responses stream → zero or more TurnEvents. */
export function normalizeResponsesEvent(data: unknown): TurnEvent[] {
  const event = asObject(data);
  if (!event) return [{ kind: 'ignored', reason: 'event is not a JSON object' }];
  const type = asString(event.type);
  if (type === 'error' || (!type && 'error' in event)) {
    // 0.8: {"type":"error","code","message"}; up to 0.3: {"error":{"message"}}.
    return [{ kind: 'error', message: describeInBandError(type === 'error' ? { message: event.message, code: event.code } : event.error) }];
  }
  switch (type) {
    case 'response.created':
    case 'response.in_progress': {
      const id = asString(asObject(event.response)?.id);
      return id ? [{ kind: 'turn-id', turnId: id }] : [{ kind: 'ignored', reason: type }];
    }
    case 'response.output_text.delta': {
      const text = asString(event.delta);
      return text ? [{ kind: 'text-delta', text }] : [];
    }
    case 'response.function_call_arguments.delta':
    case 'response.mcp_call.arguments.delta':
    case 'response.mcp_call_arguments.delta': {
      const text = asString(event.delta);
      return text ? [{ kind: 'tool-call-fragment', text }] : [];
    }
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const item = asObject(event.item);
      const call = toolCallOfItem(item);
      if (!call || !item) return [{ kind: 'ignored', reason: `${type} ${String(item?.type)}` }];
      const done = type === 'response.output_item.done';
      return [{ kind: 'tool-call', call, parsed: true, streaming: !done }, ...(done ? toolResultOfItem(item, call) : [])];
    }
    case 'response.completed': {
      const response = asObject(event.response);
      const { id, text, functionCalls } = terminalResponse(response);
      if (functionCalls.length) return [{ kind: 'turn-awaiting-input', turnId: id, text, toolCalls: functionCalls }];
      return [{ kind: 'turn-complete', turnId: id, text }];
    }
    case 'response.incomplete':
      return [{ kind: 'error', message: incompleteMessage(asObject(event.response)) }];
    case 'response.failed': {
      const error = asObject(asObject(event.response)?.error);
      return [{ kind: 'error', message: describeInBandError(error ?? { message: 'The reply failed.' }) }];
    }
    default:
      return [{ kind: 'ignored', reason: `${type ?? 'untyped event'}` }];
  }
}
