/**
 * Svelte 5 element types for `<llama-agent-chat>`: its attributes, its properties and its events.
 *
 *   import 'llama-agent-chat/svelte'; // registers the element (same module as 'llama-agent-chat') and
 *                                     // declares it in svelte/elements, for svelte-check
 *
 * Svelte 5 sets a property when the element has one (so `headers`, `clientTools` and `tools` arrive
 * as objects) and `onllama-chat-…` attributes listen to the events of that name.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { LlamaAgentChat } from '../dist/types/index.js';
import type { LlamaAgentChatAttributes, LlamaAgentChatEventProps, LlamaAgentChatProperties } from './element-props.js';

export * from '../dist/types/index.js';
export type * from './element-props.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'llama-agent-chat': Omit<HTMLAttributes<LlamaAgentChat>, keyof LlamaAgentChatProperties> &
      LlamaAgentChatProperties &
      LlamaAgentChatAttributes &
      LlamaAgentChatEventProps;
  }
}
