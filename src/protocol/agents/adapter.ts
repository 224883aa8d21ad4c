/** The Llama Stack Agents API (0.1–0.3) as a ChatProtocol. */
import { contentToText } from '../content.js';
import { joinUrl, type ChatConfig, type ChatProtocol } from '../protocol.js';
import { reduceConversation, type ChatMessage } from '../../state/conversation.js';
import { normalizeAgentsEvent } from './normalize.js';
import type { TurnRequestBody } from './wire.js';

/** 0.1–0.2 serve the Agents API under /v1 only; 0.3 under both /v1 (deprecated) and /v1alpha. */
const AGENTS_PREFIX = '/v1/agents';

const enc = encodeURIComponent;

function agentUrl(config: ChatConfig, rest = ''): string {
  return joinUrl(config.baseUrl, `${AGENTS_PREFIX}/${enc(config.agentId)}${rest}`);
}

type Loose = Record<string, unknown>;
const asObject = (v: unknown): Loose | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined);

/**
 * One stored Turn → its messages. The assistant side is rebuilt by replaying the turn's steps through
 * the same normalizer and reducer as a live stream, so history and live turns look the same.
 */
function turnToMessages(turnValue: unknown, index: number): ChatMessage[] {
  const turn = asObject(turnValue);
  if (!turn) return [];
  const turnId = typeof turn.turn_id === 'string' ? turn.turn_id : `turn-${index}`;
  const inputs = Array.isArray(turn.input_messages) ? turn.input_messages.map(asObject) : [];
  const userText = inputs
    .filter((m) => m?.role === 'user')
    .map((m) => contentToText(m?.content))
    .join('\n\n');
  const messages: ChatMessage[] = [];
  if (userText) {
    messages.push({ id: `${turnId}:user`, sender: 'user', content: userText, status: 'complete', toolCalls: [] });
  }
  const placeholder: ChatMessage = { id: `${turnId}:assistant`, sender: 'assistant', content: '', status: 'streaming', toolCalls: [] };
  let conversation = { messages: [placeholder] as readonly ChatMessage[] };
  const steps = Array.isArray(turn.steps) ? turn.steps : [];
  const replay = [
    ...steps.map((step) => ({ event: { payload: { event_type: 'step_complete', step_details: step } } })),
    { event: { payload: { event_type: 'turn_complete', turn } } },
  ];
  for (const data of replay) {
    for (const event of normalizeAgentsEvent(data)) conversation = reduceConversation(conversation, { type: 'turn-event', event });
  }
  const assistant = conversation.messages[0];
  messages.push(assistant.status === 'streaming' ? { ...assistant, status: 'complete' } : assistant);
  return messages;
}

export const agentsProtocol: ChatProtocol = {
  missingAttributes(config) {
    const missing: string[] = [];
    if (!config.baseUrl) missing.push('base-url');
    if (!config.agentId) missing.push('agent-id');
    return missing;
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
  historyFrom(response) {
    const turns = asObject(response)?.turns;
    return Array.isArray(turns) ? turns.flatMap(turnToMessages) : [];
  },
  startTurn(config, sessionId, text) {
    const body: TurnRequestBody = { messages: [{ role: 'user', content: text }], stream: true };
    return { method: 'POST', url: agentUrl(config, `/session/${enc(sessionId)}/turn`), body };
  },
  normalize: normalizeAgentsEvent,
};
