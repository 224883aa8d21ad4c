/**
 * Remembers which conversation the chat is in, per slot (page origin, server, API, agent or model),
 * for `persist="session" | "local"`. Owns the rules; the element applies what it decides.
 */
import {
  forgetConversation,
  PERSIST_MODES,
  readConversation,
  storageKey,
  writeConversation,
  type PersistMode,
} from './persisted-conversation.js';

/** What the element is configured with, read each time. */
export interface MemoryConfig {
  persist: string;
  baseUrl: string;
  api: string;
  agentId: string;
  model: string;
  sessionId: string;
}

export class ConversationMemory {
  /** The slot last read, so a slot is read once. */
  private slotKey = '';
  /** The session id the slot holds (read from it or written to it). */
  private slotSessionId = '';
  /** An agent created from `model` or restored from storage: not part of the slot's identity. */
  private ownAgentId = '';

  constructor(private readonly readMemoryConfig: () => MemoryConfig) {}

  private get persistMode(): PersistMode {
    const persist = this.readMemoryConfig().persist as PersistMode;
    return PERSIST_MODES.includes(persist) ? persist : 'none';
  }

  private get currentKey(): string {
    const c = this.readMemoryConfig();
    return storageKey({
      origin: location.origin,
      baseUrl: c.baseUrl,
      api: c.api,
      agentId: c.agentId === this.ownAgentId ? '' : c.agentId,
      model: c.model,
    });
  }

  /** The widget created this agent from `model`: remember it with the session, not as the slot's agent. */
  agentCreated(agentId: string): void {
    this.ownAgentId = agentId;
  }

  remember(sessionId: string): void {
    const agentId = this.ownAgentId && this.readMemoryConfig().agentId === this.ownAgentId ? this.ownAgentId : undefined;
    writeConversation(this.persistMode, this.currentKey, agentId ? { sessionId, agentId } : { sessionId });
    this.slotSessionId = sessionId;
  }

  forget(): void {
    forgetConversation(this.persistMode, this.currentKey);
    this.slotSessionId = '';
  }

  /**
   * The conversation to switch to when the slot is first known or changes: the remembered one, or
   * none (`sessionId: undefined`). Undefined when nothing changes, including when the page chose a
   * session-id itself.
   */
  restore(): { sessionId: string | undefined; agentId?: string } | undefined {
    const config = this.readMemoryConfig();
    if (this.persistMode === 'none' || !config.baseUrl) return undefined;
    const key = this.currentKey;
    if (key === this.slotKey) return undefined;
    this.slotKey = key;
    // A session-id the page chose is kept; one that belonged to the previous slot is not.
    if (config.sessionId && config.sessionId !== this.slotSessionId) return undefined;
    const stored = readConversation(this.persistMode, key);
    this.slotSessionId = stored?.sessionId ?? '';
    if (stored?.agentId && !config.agentId) {
      this.ownAgentId = stored.agentId;
      return { sessionId: stored.sessionId, agentId: stored.agentId };
    }
    return { sessionId: stored?.sessionId };
  }

  /** True (and forgotten) when the remembered conversation the chat is in is unknown to the server. */
  dropIfUnknown(serverSaysUnknown: boolean): boolean {
    const { sessionId } = this.readMemoryConfig();
    if (this.persistMode === 'none' || !serverSaysUnknown || !this.slotSessionId || sessionId !== this.slotSessionId) return false;
    this.forget();
    return true;
  }
}
