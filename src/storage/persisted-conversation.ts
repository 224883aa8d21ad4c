/**
 * Which conversation a page was in, remembered across page loads. The server is the source of truth:
 * only ids are stored (the session or conversation id, and an agent the widget created itself),
 * never message text and never header values. Storage that is missing or throws (Safari private
 * mode, storage disabled by policy, quota exceeded) is treated as empty, silently.
 */
export type PersistMode = 'session' | 'local' | 'none';

export const PERSIST_MODES: readonly PersistMode[] = ['session', 'local', 'none'];

/** What identifies one conversation slot: the page's origin, the server, the API and the agent or model. */
export interface ConversationSlot {
  origin: string;
  baseUrl: string;
  api: string;
  agentId: string;
  model: string;
}

export interface StoredConversation {
  sessionId: string;
  /** An agent the widget created from `model` (zero-setup Agents mode), so the next page reuses it. */
  agentId?: string;
}

export function storageKey(slot: ConversationSlot): string {
  return `llama-agent-chat:${JSON.stringify([slot.origin, slot.baseUrl.replace(/\/+$/, ''), slot.api, slot.agentId, slot.model])}`;
}

function area(mode: PersistMode): Storage | undefined {
  // Reading the property itself throws where storage is disabled.
  return mode === 'local' ? localStorage : mode === 'session' ? sessionStorage : undefined;
}

export function readConversation(mode: PersistMode, key: string): StoredConversation | undefined {
  try {
    const value: unknown = JSON.parse(area(mode)?.getItem(key) ?? 'null');
    const { sessionId, agentId } = (value ?? {}) as Record<string, unknown>;
    if (typeof sessionId !== 'string' || !sessionId) return undefined;
    return typeof agentId === 'string' && agentId ? { sessionId, agentId } : { sessionId };
  } catch {
    return undefined;
  }
}

export function writeConversation(mode: PersistMode, key: string, value: StoredConversation): void {
  try {
    area(mode)?.setItem(key, JSON.stringify(value));
  } catch {
    // Nowhere to remember it: the conversation still works on this page.
  }
}

export function forgetConversation(mode: PersistMode, key: string): void {
  try {
    area(mode)?.removeItem(key);
  } catch {
    // Nothing was stored.
  }
}
