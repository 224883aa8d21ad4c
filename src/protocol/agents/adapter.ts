/** The Llama Stack Agents API (0.1–0.3) as a ChatProtocol. */
import { contentToText } from '../content.js';
import { asArray, asObject, joinUrl, type ChatConfig, type ChatProtocol } from '../protocol.js';
import { reduceConversation, type ConversationMessage } from '../../state/conversation.js';
import { normalizeAgentsEvent } from './normalize.js';
import type { TurnRequestBody } from './wire.js';

const enc = encodeURIComponent;

/**
 * One stored Turn → its messages. The assistant side is rebuilt by replaying the turn's steps through
 * the same normalizer and reducer as a live stream, so history and live turns look the same.
 */
function turnToMessages(turnValue: unknown, index: number): ConversationMessage[] {
  const turn = asObject(turnValue);
  if (!turn) return [];
  const turnId = typeof turn.turn_id === 'string' ? turn.turn_id : `turn-${index}`;
  const userText = asArray(turn.input_messages)
    .map(asObject)
    .filter((m) => m?.role === 'user')
    .map((m) => contentToText(m?.content))
    .join('\n\n');
  const messages: ConversationMessage[] = [];
  if (userText) {
    messages.push({ id: `${turnId}:user`, sender: 'user', content: userText, status: 'complete', toolCalls: [] });
  }
  const placeholder: ConversationMessage = {
    id: `${turnId}:assistant`,
    sender: 'assistant',
    content: '',
    status: 'streaming',
    toolCalls: [],
  };
  let conversation = { messages: [placeholder] as readonly ConversationMessage[] };
  const replay = [
    ...asArray(turn.steps).map((step) => ({ event: { payload: { event_type: 'step_complete', step_details: step } } })),
    { event: { payload: { event_type: 'turn_complete', turn } } },
  ];
  for (const data of replay) {
    for (const event of normalizeAgentsEvent(data)) conversation = reduceConversation(conversation, { type: 'turn-event', event });
  }
  const assistant = conversation.messages[0];
  messages.push(assistant.status === 'streaming' ? { ...assistant, status: 'complete' } : assistant);
  return messages;
}

/** `prefix` is `/v1/agents` (0.1–0.2, and 0.3's deprecated routes) or `/v1alpha/agents` (0.3). */
export function createAgentsProtocol(prefix = '/v1/agents'): ChatProtocol {
  const agentUrl = (config: ChatConfig, rest = '') => joinUrl(config.baseUrl, `${prefix}/${enc(config.agentId)}${rest}`);
  const turnUrl = (config: ChatConfig, sessionId: string, rest = '') => agentUrl(config, `/session/${enc(sessionId)}/turn${rest}`);
  return {
    api: 'agents',
    createAgent(config) {
      const agent_config = {
        model: config.model,
        instructions: config.instructions || 'You are a helpful assistant.',
        enable_session_persistence: true,
      };
      return { method: 'POST', url: joinUrl(config.baseUrl, prefix), body: { agent_config } };
    },
    createSession(config) {
      return { method: 'POST', url: agentUrl(config, '/session'), body: { session_name: `llama-agent-chat ${new Date().toISOString()}` } };
    },
    sessionIdFrom(response) {
      const id = asObject(response)?.session_id;
      return typeof id === 'string' && id ? id : undefined;
    },
    loadHistory(config, sessionId) {
      return { method: 'GET', url: agentUrl(config, `/session/${enc(sessionId)}`) };
    },
    readHistoryPage(_config, _sessionId, response) {
      return { records: asArray(asObject(response)?.turns) };
    },
    historyFrom(records) {
      return records.flatMap(turnToMessages);
    },
    startTurn(config, sessionId, text) {
      const body: TurnRequestBody = { messages: [{ role: 'user', content: text }], stream: true };
      return { method: 'POST', url: turnUrl(config, sessionId), body };
    },
    resumeTurn(config, sessionId, turnId, outputs) {
      const tool_responses = outputs.map((o) => ({ call_id: o.callId, tool_name: o.toolName, content: o.content }));
      return { method: 'POST', url: turnUrl(config, sessionId, `/${enc(turnId)}/resume`), body: { tool_responses, stream: true } };
    },
    normalize: normalizeAgentsEvent,
  };
}
