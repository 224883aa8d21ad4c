/**
 * The one interface behind which a chat protocol lives. An adapter only builds requests and
 * interprets what comes back; the controller does all I/O. Adding a protocol means adding an
 * adapter file and naming it in detect.ts, nothing else.
 */
import type { ConversationMessage } from '../state/conversation.js';
import type { TurnEvent } from './turn-events.js';

export type ApiName = 'agents' | 'responses';

/** What the host configured, as the adapters need it. */
export interface ChatConfig {
  baseUrl: string;
  agentId: string;
  model: string;
  instructions: string;
  /** Tool definitions passed through to the Responses API. */
  tools: readonly unknown[];
}

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  url: string;
  /** JSON body; sent with Content-Type: application/json. */
  body?: unknown;
}

/** The result of a client-side tool, to send back to the server. */
export interface ToolOutput {
  callId: string;
  toolName: string;
  /** The tool's result as text (JSON for structured results, the error text for failures). */
  content: string;
}

/** One page of history: records in chronological order, and the request for the next page, if any. */
export interface HistoryPage {
  records: unknown[];
  next?: HttpRequestSpec;
}

export interface ChatProtocol {
  readonly api: ApiName;
  /** Zero-setup: the request that creates an agent for `config.model`, where the protocol has agents. */
  createAgent?(config: ChatConfig): HttpRequestSpec;
  createSession(config: ChatConfig): HttpRequestSpec;
  /** The new session's id from the create response, or undefined when the answer makes no sense. */
  sessionIdFrom(response: unknown): string | undefined;
  loadHistory(config: ChatConfig, sessionId: string): HttpRequestSpec;
  readHistoryPage(config: ChatConfig, sessionId: string, response: unknown): HistoryPage;
  /** All records of all pages → messages. */
  historyFrom(records: unknown[]): ConversationMessage[];
  startTurn(config: ChatConfig, sessionId: string, text: string): HttpRequestSpec;
  /** Continues a turn that waited for client-side tools, with their outputs. */
  resumeTurn(config: ChatConfig, sessionId: string, turnId: string, outputs: ToolOutput[]): HttpRequestSpec;
  /** One parsed `data:` payload of the turn stream → our own events. */
  normalize(data: unknown): TurnEvent[];
}

/** Joins a base URL (with or without trailing slash, possibly with a path prefix) and a route. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

export type Loose = Record<string, unknown>;

export function asObject(value: unknown): Loose | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
