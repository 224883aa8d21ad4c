/**
 * A conversation's earlier messages, read page by page through the protocol in use, or the notice
 * that says why they could not be.
 */
import { isUnknownSession } from '../protocol/errors.js';
import type { ChatConfig, ChatProtocol, HttpRequestSpec } from '../protocol/protocol.js';
import type { ConversationMessage } from '../state/conversation.js';
import type { ChatNotice } from './chat-controller.js';
import type { FetchJson } from './protocol-resolver.js';

/** History pages loaded at most (100 items each in the Responses API). */
const MAX_HISTORY_PAGES = 50;

export type HistoryOutcome = { messages: ConversationMessage[] } | { notice: ChatNotice };

export const historyFailed = (why: string): HistoryOutcome => ({
  notice: { kind: 'history-failed', message: `The earlier messages could not be loaded. ${why}` },
});

/** Every page of `sessionId`'s history; `{ messages: [] }` once `signal` aborts. */
export async function fetchHistory(
  protocol: ChatProtocol,
  config: ChatConfig,
  sessionId: string,
  fetchJson: FetchJson,
  signal: AbortSignal,
): Promise<HistoryOutcome> {
  const records: unknown[] = [];
  let spec: HttpRequestSpec | undefined = protocol.loadHistory(config, sessionId);
  // A server that always says has_more (or repeats its cursor) must not keep us loading forever.
  for (let pages = 0; spec && pages < MAX_HISTORY_PAGES; pages++) {
    const result = await fetchJson(spec, 'history', signal);
    if (signal.aborted) return { messages: [] };
    if (!result.ok) {
      if (result.status === 404 || isUnknownSession(result.body)) {
        const message = `The server does not know the conversation ${sessionId}. It may have ended when the server restarted.`;
        return { notice: { kind: 'session-not-found', message } };
      }
      return historyFailed(result.message);
    }
    const page = protocol.readHistoryPage(config, sessionId, result.body);
    records.push(...page.records);
    spec = page.next?.url === spec.url ? undefined : page.next;
  }
  return { messages: protocol.historyFrom(records) };
}
