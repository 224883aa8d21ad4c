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

export type ToolCallStatus = 'streaming' | 'called' | 'done' | 'error';

export interface ToolCallView extends ToolCallInfo {
  /** False when the server reported a call it could not parse; `arguments` is then the raw text. */
  parsed: boolean;
  /** streaming: arguments still arriving; called: waiting for the result; done / error: result in. */
  status: ToolCallStatus;
  /** The tool's response as text, once it ran. */
  result?: string;
}

export interface ConversationMessage {
  readonly id: string;
  readonly sender: Sender;
  /** Raw text: what the user typed, or the assistant's text as received, before any formatting. */
  readonly content: string;
  readonly status: MessageStatus;
  /** Readable failure text for `error` and `aborted` messages. */
  readonly error?: string;
  /** Readable note that is not a failure (e.g. the turn waits for a tool nobody provides). */
  readonly notice?: string;
  /** A safety shield's verdict on this turn. */
  readonly safety?: { readonly level: string; readonly message: string };
  /** Context a memory/RAG step retrieved for this reply. */
  readonly context?: string;
  readonly turnId?: string;
  readonly toolCalls: readonly ToolCallView[];
}

export interface Conversation {
  readonly messages: readonly ConversationMessage[];
}

export const emptyConversation: Conversation = { messages: [] };

export type ConversationAction =
  | { type: 'turn-started'; userId: string; assistantId: string; text: string }
  /** Retry: the failed reply of the last turn becomes a fresh placeholder; the user message stays. */
  | { type: 'turn-restarted'; assistantId: string }
  | { type: 'turn-event'; event: TurnEvent }
  /** The turn ended without a final answer but not in failure (e.g. waiting for a tool nobody provides). */
  | { type: 'turn-paused'; notice: string }
  | { type: 'turn-failed'; message: string }
  | { type: 'turn-aborted'; message: string }
  | { type: 'history-loaded'; messages: readonly ConversationMessage[] }
  | { type: 'cleared' };

function streamingIndex(messages: readonly ConversationMessage[]): number {
  const last = messages.length - 1;
  return last >= 0 && messages[last].status === 'streaming' ? last : -1;
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const next = items.slice();
  next[index] = item;
  return next;
}

/**
 * `value` and everything in it made read-only, in place. Safe on the conversation because the reducer
 * never changes what it made (every action copies); what is frozen already is not walked again.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The user message whose reply can be retried: the last turn's, when that reply failed or was stopped. */
export function retryableTurn(conversation: Conversation): { user: ConversationMessage; reply: ConversationMessage } | undefined {
  const { messages } = conversation;
  const reply = messages[messages.length - 1];
  const user = messages[messages.length - 2];
  if (!reply || !user || reply.sender !== 'assistant' || user.sender !== 'user') return undefined;
  return reply.status === 'error' || reply.status === 'aborted' ? { user, reply } : undefined;
}

/** The call still being written: the last one, while its arguments stream. */
const openDraft = (calls: readonly ToolCallView[]) => {
  const last = calls.length - 1;
  return last >= 0 && calls[last].status === 'streaming' ? last : -1;
};

function upsertToolCall(calls: readonly ToolCallView[], call: ToolCallInfo, parsed: boolean, streaming: boolean): ToolCallView[] {
  // The same call again (by id), or the draft whose fragments streamed before anyone named it.
  const sameId = call.callId ? calls.findIndex((c) => c.callId === call.callId) : -1;
  const draft = openDraft(calls);
  const index = sameId >= 0 ? sameId : draft >= 0 && !calls[draft].callId ? draft : -1;
  const before = index >= 0 ? calls[index] : undefined;
  const merged: ToolCallView = {
    ...before,
    callId: call.callId || before?.callId || '',
    toolName: call.toolName || before?.toolName || '',
    // An empty argument string (a call announced before its arguments) keeps what streamed so far.
    arguments: call.arguments || before?.arguments || '',
    parsed,
    status: streaming ? 'streaming' : before?.status === 'done' || before?.status === 'error' ? before.status : 'called',
  };
  return index < 0 ? [...calls, merged] : replaceAt(calls, index, merged);
}

function applyTurnEvent(message: ConversationMessage, event: TurnEvent): ConversationMessage {
  switch (event.kind) {
    case 'text-delta':
      return { ...message, content: message.content + event.text };
    case 'tool-call-fragment': {
      const calls = message.toolCalls;
      const draft = openDraft(calls);
      if (draft >= 0) {
        return { ...message, toolCalls: replaceAt(calls, draft, { ...calls[draft], arguments: calls[draft].arguments + event.text }) };
      }
      const fresh: ToolCallView = { callId: '', toolName: '', arguments: event.text, parsed: true, status: 'streaming' };
      return { ...message, toolCalls: [...calls, fresh] };
    }
    case 'tool-call':
      return { ...message, toolCalls: upsertToolCall(message.toolCalls, event.call, event.parsed, !!event.streaming) };
    case 'tool-result': {
      const index = message.toolCalls.findIndex((c) => c.callId === event.callId);
      const base: ToolCallView =
        index >= 0
          ? message.toolCalls[index]
          : { callId: event.callId, toolName: event.toolName, arguments: '', parsed: true, status: 'called' };
      // The server's echo of a client tool's result does not clear the error we saw (the tool threw).
      const failed = event.isError || base.status === 'error';
      const updated: ToolCallView = { ...base, result: event.content, status: failed ? 'error' : 'done' };
      return {
        ...message,
        toolCalls: index >= 0 ? replaceAt(message.toolCalls, index, updated) : [...message.toolCalls, updated],
      };
    }
    case 'shield-violation':
      return { ...message, safety: { level: event.level, message: event.message } };
    case 'retrieved-context':
      return { ...message, context: message.context ? `${message.context}\n\n${event.text}` : event.text };
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
      // Still streaming: the controller runs the client tools and resumes, or pauses the turn.
      let toolCalls = message.toolCalls;
      for (const call of event.toolCalls) toolCalls = upsertToolCall(toolCalls, call, true, false);
      return { ...message, content: event.text || message.content, turnId: event.turnId ?? message.turnId, toolCalls };
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
      const fresh: ConversationMessage = { id: action.assistantId, sender: 'assistant', content: '', status: 'streaming', toolCalls: [] };
      return { messages: replaceAt(messages, messages.length - 1, fresh) };
    }
    case 'turn-event': {
      const index = streamingIndex(messages);
      if (index < 0) return conversation;
      const updated = applyTurnEvent(messages[index], action.event);
      return updated === messages[index] ? conversation : { messages: replaceAt(messages, index, updated) };
    }
    case 'turn-paused': {
      const index = streamingIndex(messages);
      if (index < 0) return conversation;
      return { messages: replaceAt(messages, index, { ...messages[index], status: 'complete', notice: action.notice }) };
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
