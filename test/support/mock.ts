/**
 * Helpers for browser tests that talk to the mock Llama Stack (demo/mock/server.js), which the test
 * runner starts on its own origin and announces as window.__MOCK_URL__.
 */
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/index.js';
import type { LlamaAgentChat } from '../../src/index.js';
import type { ChatMessageElement } from '../../src/components/chat-message/chat-message.js';
export * from './mock-server.js';
import { mockUrl } from './mock-server.js';

// ------------------------------------------------------------ the element

export interface ChatOptions {
  sessionId?: string;
  idleTimeout?: number;
  baseUrl?: string;
  api?: string;
  model?: string;
}

export async function chatFor(agentId: string, extra: ChatOptions = {}): Promise<LlamaAgentChat> {
  const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat
    base-url=${extra.baseUrl ?? mockUrl()}
    agent-id=${ifDefined(agentId || undefined)}
    api=${ifDefined(extra.api)}
    model=${ifDefined(extra.model)}
    session-id=${ifDefined(extra.sessionId)}
    idle-timeout=${extra.idleTimeout ?? 10000}
  ></llama-agent-chat>`);
  await el.updateComplete;
  return el;
}

export function renderedMessages(el: LlamaAgentChat): ChatMessageElement[] {
  return [...el.shadowRoot!.querySelectorAll<ChatMessageElement>('chat-message')];
}

/** The visible text of a rendered message's content part. */
export function shownText(message: ChatMessageElement): string {
  return message.shadowRoot!.querySelector('[part="content"]')!.textContent ?? '';
}

export function shownError(message: ChatMessageElement): string {
  return message.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';
}

export const part = <T extends Element = HTMLElement>(el: LlamaAgentChat, name: string): T | null =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

/** Waits until the element renders `count` messages and the last one has the given status. */
export async function untilLastStatus(el: LlamaAgentChat, status: string): Promise<ChatMessageElement> {
  await waitUntil(
    () => {
      const messages = renderedMessages(el);
      return messages.length > 0 && messages[messages.length - 1].status === status;
    },
    `last message never became ${status}`,
    { timeout: 8000 },
  );
  await el.updateComplete;
  const messages = renderedMessages(el);
  return messages[messages.length - 1];
}

/** waitUntil with room for three engines sharing two cores. */
export const until = (predicate: () => unknown | Promise<unknown>, message?: string) =>
  waitUntil(predicate, message, { timeout: 8000, interval: 20 });

export { oneEvent };
