/**
 * The Responses + Conversations API (Llama Stack / OGX ≥ 0.4, OpenAI-compatible servers) as a
 * ChatProtocol. A session is a conversation (`conv_…`); a turn is `POST /v1/responses` in it.
 */
import { asArray, asObject, asString, joinUrl, type ChatConfig, type ChatProtocol, type Loose } from '../protocol.js';
import { reduceConversation, type ConversationMessage, type Conversation } from '../../state/conversation.js';
import { normalizeResponsesEvent, toolCallOfItem } from './normalize.js';

const enc = encodeURIComponent;
const HISTORY_PAGE = 100;

function itemsUrl(config: ChatConfig, sessionId: string, after?: string): string {
  const query = `order=asc&limit=${HISTORY_PAGE}${after ? `&after=${enc(after)}` : ''}`;
  return joinUrl(config.baseUrl, `/v1/conversations/${enc(sessionId)}/items?${query}`);
}

function textOfParts(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map(asObject)
    .map((part) => asString(part?.text) ?? (part?.type === 'input_image' ? '[image]' : ''))
    .join('');
}

/**
 * Conversation items (oldest first) → messages: each user message opens a turn; everything after it
 * (tool calls, their outputs, assistant text) is replayed through the live reducer into one reply.
 */
function itemsToMessages(items: unknown[]): ConversationMessage[] {
  let conversation: Conversation = { messages: [] };
  let n = 0;
  const ensureReply = () => {
    const last = conversation.messages[conversation.messages.length - 1];
    if (last?.sender === 'assistant' && last.status === 'streaming') return;
    const id = `h${++n}`;
    conversation = { messages: [...conversation.messages, { id, sender: 'assistant', content: '', status: 'streaming', toolCalls: [] }] };
  };
  const closeReply = () => {
    conversation = reduceConversation(conversation, { type: 'turn-event', event: { kind: 'turn-complete', text: '' } });
  };
  for (const item of items.map(asObject)) {
    if (!item) continue;
    if (item.type === 'message' && item.role === 'user') {
      closeReply();
      conversation = {
        messages: [
          ...conversation.messages,
          { id: asString(item.id) ?? `h${++n}`, sender: 'user', content: textOfParts(item.content), status: 'complete', toolCalls: [] },
        ],
      };
      continue;
    }
    ensureReply();
    const apply = (events: ReturnType<typeof normalizeResponsesEvent>) => {
      for (const event of events) conversation = reduceConversation(conversation, { type: 'turn-event', event });
    };
    if (item.type === 'message') {
      const text = textOfParts(item.content);
      const current = conversation.messages[conversation.messages.length - 1];
      // Several assistant messages in one turn (text before and after a tool call): keep them all.
      if (text) apply([{ kind: 'text-delta', text: current.content ? `\n\n${text}` : text }]);
    } else if (item.type === 'function_call_output') {
      const callId = asString(item.call_id) ?? '';
      const call = conversation.messages[conversation.messages.length - 1].toolCalls.find((c) => c.callId === callId);
      apply([
        { kind: 'tool-result', callId, toolName: call?.toolName ?? '', content: asString(item.output) ?? JSON.stringify(item.output) },
      ]);
    } else if (toolCallOfItem(item)) {
      apply(normalizeResponsesEvent({ type: 'response.output_item.done', item }));
    }
  }
  closeReply();
  return conversation.messages as ConversationMessage[];
}

export function createResponsesProtocol(): ChatProtocol {
  const body = (config: ChatConfig, sessionId: string, input: unknown) => {
    const request: Loose = { model: config.model, input, conversation: sessionId, stream: true };
    if (config.instructions) request.instructions = config.instructions;
    if (config.tools.length) request.tools = config.tools;
    return request;
  };
  return {
    api: 'responses',
    createSession(config) {
      return { method: 'POST', url: joinUrl(config.baseUrl, '/v1/conversations'), body: { metadata: { source: 'llama-agent-chat' } } };
    },
    sessionIdFrom(response) {
      const id = asObject(response)?.id;
      return typeof id === 'string' && id ? id : undefined;
    },
    loadHistory(config, sessionId) {
      return { method: 'GET', url: itemsUrl(config, sessionId) };
    },
    readHistoryPage(config, sessionId, response) {
      const page = asObject(response);
      const records = asArray(page?.data);
      const last = asString(page?.last_id) ?? asString(asObject(records[records.length - 1])?.id);
      return { records, next: page?.has_more === true && last ? { method: 'GET', url: itemsUrl(config, sessionId, last) } : undefined };
    },
    historyFrom: itemsToMessages,
    startTurn(config, sessionId, text) {
      return { method: 'POST', url: joinUrl(config.baseUrl, '/v1/responses'), body: body(config, sessionId, text) };
    },
    resumeTurn(config, sessionId, _turnId, outputs) {
      const input = outputs.map((o) => ({ type: 'function_call_output', call_id: o.callId, output: o.content }));
      return { method: 'POST', url: joinUrl(config.baseUrl, '/v1/responses'), body: body(config, sessionId, input) };
    },
    normalize: normalizeResponsesEvent,
  };
}
