/**
 * The conversation as data, and the pure reducer that owns the placeholder rules:
 * - exactly one assistant placeholder per turn, added together with the user's message;
 * - deltas are appended immutably to that placeholder;
 * - the final message replaces what was streamed (an output shield may have rewritten it);
 * - on error or abort the partial text is kept, with a readable error beside it.
 * No DOM, no timers, no I/O.
 */
import type { ToolCallInfo, TurnEvent } from '../protocol/turn-events.js';

export type Sender = 'user' | 'assistant';
export type MessageStatus = 'streaming' | 'complete' | 'error' | 'aborted';

export interface ToolCallView extends ToolCallInfo {
  /** False when the server reported a call it could not parse; `arguments` is then the raw text. */
  parsed: boolean;
  /** The tool's response as text, once it ran on the server. */
  result?: string;
}

export interface ChatMessage {
  readonly id: string;
  readonly sender: Sender;
  /** Raw text: what the user typed, or the assistant's text as received, before any formatting. */
  readonly content: string;
  readonly status: MessageStatus;
  /** Readable failure text for `error` and `aborted` messages. */
  readonly error?: string;
  /** Readable note that is not a failure (a shield violation, a wait for client tools). */
  readonly notice?: string;
  readonly turnId?: string;
  readonly toolCalls: readonly ToolCallView[];
}

export interface Conversation {
  readonly messages: readonly ChatMessage[];
}

export const emptyConversation: Conversation = { messages: [] };

export type ConversationAction =
  | { type: 'turn-started'; userId: string; assistantId: string; text: string }
  /** Retry: the failed reply of the last turn becomes a fresh placeholder; the user message stays. */
  | { type: 'turn-restarted'; assistantId: string }
  | { type: 'turn-event'; event: TurnEvent }
  | { type: 'turn-failed'; message: string }
  | { type: 'turn-aborted'; message: string }
  | { type: 'history-loaded'; messages: readonly ChatMessage[] }
  | { type: 'cleared' };

function streamingIndex(messages: readonly ChatMessage[]): number {
  const last = messages.length - 1;
  return last >= 0 && messages[last].status === 'streaming' ? last : -1;
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const next = items.slice();
  next[index] = item;
  return next;
}

/** The user message whose reply can be retried: the last turn's, when that reply failed or was stopped. */
export function retryableTurn(conversation: Conversation): { user: ChatMessage; reply: ChatMessage } | undefined {
  const { messages } = conversation;
  const reply = messages[messages.length - 1];
  const user = messages[messages.length - 2];
  if (!reply || !user || reply.sender !== 'assistant' || user.sender !== 'user') return undefined;
  return reply.status === 'error' || reply.status === 'aborted' ? { user, reply } : undefined;
}

function upsertToolCall(calls: readonly ToolCallView[], call: ToolCallInfo, parsed: boolean): ToolCallView[] {
  // A complete call replaces the still-streaming draft (which has no id), or an earlier report of the same id.
  const sameId = call.callId ? calls.findIndex((c) => c.callId === call.callId) : -1;
  const index = sameId >= 0 ? sameId : calls.findIndex((c) => c.callId === '' && c.parsed);
  const merged: ToolCallView = { ...(index >= 0 ? calls[index] : {}), ...call, parsed };
  return index < 0 ? [...calls, merged] : replaceAt(calls, index, merged);
}

function applyTurnEvent(message: ChatMessage, event: TurnEvent): ChatMessage {
  switch (event.kind) {
    case 'text-delta':
      return { ...message, content: message.content + event.text };
    case 'tool-call-fragment': {
      const calls = message.toolCalls;
      const last = calls[calls.length - 1];
      if (last && last.callId === '' && last.parsed) {
        return { ...message, toolCalls: replaceAt(calls, calls.length - 1, { ...last, arguments: last.arguments + event.text }) };
      }
      return { ...message, toolCalls: [...calls, { callId: '', toolName: '', arguments: event.text, parsed: true }] };
    }
    case 'tool-call':
      return { ...message, toolCalls: upsertToolCall(message.toolCalls, event.call, event.parsed) };
    case 'tool-result': {
      const index = message.toolCalls.findIndex((c) => c.callId === event.callId);
      const base: ToolCallView =
        index >= 0 ? message.toolCalls[index] : { callId: event.callId, toolName: event.toolName, arguments: '', parsed: true };
      const updated = { ...base, result: event.content };
      return {
        ...message,
        toolCalls: index >= 0 ? replaceAt(message.toolCalls, index, updated) : [...message.toolCalls, updated],
      };
    }
    case 'shield-violation':
      return { ...message, notice: event.message };
    case 'turn-id':
      return { ...message, turnId: event.turnId };
    case 'turn-complete':
      // The final message wins (an output shield replaces the streamed answer), unless it is empty.
      return {
        ...message,
        status: 'complete',
        content: event.text || message.content,
        turnId: event.turnId ?? message.turnId,
      };
    case 'turn-awaiting-input': {
      const names = event.toolCalls.map((c) => c.toolName).filter(Boolean).join(', ') || 'a tool';
      let toolCalls = message.toolCalls;
      for (const call of event.toolCalls) toolCalls = upsertToolCall(toolCalls, call, true);
      return {
        ...message,
        status: 'complete',
        content: event.text || message.content,
        turnId: event.turnId ?? message.turnId,
        toolCalls,
        notice: `The agent is waiting for the result of ${names}, which runs in the browser, and this page provides no such tool.`,
      };
    }
    case 'error':
      return { ...message, status: 'error', error: event.message };
    case 'ignored':
      return message;
  }
}

export function reduceConversation(conversation: Conversation, action: ConversationAction): Conversation {
  const { messages } = conversation;
  switch (action.type) {
    case 'turn-started':
      return {
        messages: [
          ...messages,
          { id: action.userId, sender: 'user', content: action.text, status: 'complete', toolCalls: [] },
          { id: action.assistantId, sender: 'assistant', content: '', status: 'streaming', toolCalls: [] },
        ],
      };
    case 'turn-restarted': {
      const turn = retryableTurn(conversation);
      if (!turn) return conversation;
      const fresh: ChatMessage = { id: action.assistantId, sender: 'assistant', content: '', status: 'streaming', toolCalls: [] };
      return { messages: replaceAt(messages, messages.length - 1, fresh) };
    }
    case 'turn-event': {
      const index = streamingIndex(messages);
      if (index < 0) return conversation;
      const updated = applyTurnEvent(messages[index], action.event);
      return updated === messages[index] ? conversation : { messages: replaceAt(messages, index, updated) };
    }
    case 'turn-failed':
    case 'turn-aborted': {
      const index = streamingIndex(messages);
      if (index < 0) return conversation;
      const status = action.type === 'turn-failed' ? 'error' : 'aborted';
      return { messages: replaceAt(messages, index, { ...messages[index], status, error: action.message }) };
    }
    case 'history-loaded':
      return { messages: action.messages };
    case 'cleared':
      return emptyConversation;
  }
}
