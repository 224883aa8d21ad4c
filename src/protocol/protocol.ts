/**
 * The one interface behind which a chat protocol lives. An adapter only builds requests and
 * interprets what comes back; the controller does all I/O. Adding a protocol means adding an
 * adapter file, nothing else.
 */
import type { ChatMessage } from '../state/conversation.js';
import type { TurnEvent } from './turn-events.js';

export interface ChatConfig {
  baseUrl: string;
  agentId: string;
}

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  url: string;
  /** JSON body; sent with Content-Type: application/json. */
  body?: unknown;
}

export interface ChatProtocol {
  /** The attributes this protocol needs, in the order a user should fix them, with what is missing. */
  missingAttributes(config: ChatConfig): string[];
  createSession(config: ChatConfig): HttpRequestSpec;
  /** The new session's id from the create response, or undefined when the answer makes no sense. */
  sessionIdFrom(response: unknown): string | undefined;
  loadHistory(config: ChatConfig, sessionId: string): HttpRequestSpec;
  historyFrom(response: unknown): ChatMessage[];
  startTurn(config: ChatConfig, sessionId: string, text: string): HttpRequestSpec;
  /** One parsed `data:` payload of the turn stream → our own events. */
  normalize(data: unknown): TurnEvent[];
}

/** Joins a base URL (with or without trailing slash, possibly with a path prefix) and a route. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}
