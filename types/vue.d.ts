/**
 * Vue 3 template types for `<llama-agent-chat>`: its attributes, its properties and its events.
 *
 *   import 'llama-agent-chat/vue'; // registers the element (same module as 'llama-agent-chat') and
 *                                  // declares it in Vue's GlobalComponents, for vue-tsc and Volar
 *
 * Vue still needs to be told, at compile time, that the tag is a custom element
 * (`compilerOptions.isCustomElement`; see the README's Vue recipe). Bind objects with `.prop`
 * (`:headers.prop="headers"`) and listen with `@llama-chat-…`.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { LlamaAgentChatAttributes, LlamaAgentChatEvents, LlamaAgentChatProperties } from './element-props.js';

export * from '../dist/types/index.js';
export type * from './element-props.js';

type Listeners = { [E in keyof LlamaAgentChatEvents]: (event: LlamaAgentChatEvents[E]) => void };

declare module 'vue' {
  interface GlobalComponents {
    'llama-agent-chat': new () => {
      $props: Omit<HTMLAttributes, keyof LlamaAgentChatProperties> & LlamaAgentChatProperties & LlamaAgentChatAttributes & PublicProps;
      $emit: EmitFn<Listeners>;
    };
  }
}
