/**
 * JSX for React 19: `<llama-agent-chat>` with its attributes, its properties and its events.
 *
 *   import 'llama-agent-chat/react'; // registers the element (same module as 'llama-agent-chat') and
 *                                    // adds it to React's JSX.IntrinsicElements
 *
 * React 19 sets a prop as a property when the element has a property of that name (so `headers`,
 * `clientTools` and `tools` arrive as objects) and as an attribute otherwise (`base-url`, …); a prop
 * `onllama-chat-send` listens to the `llama-chat-send` event. Import the element before React renders
 * it, or React sets attributes where it meant properties.
 */
import type { HTMLAttributes, Key, Ref } from 'react';
import type { LlamaAgentChat } from '../dist/types/index.js';
import type { LlamaAgentChatAttributes, LlamaAgentChatEventProps, LlamaAgentChatProperties } from './element-props.js';

export * from '../dist/types/index.js';
export type * from './element-props.js';

export interface LlamaAgentChatJsxProps
  extends
    Omit<HTMLAttributes<LlamaAgentChat>, keyof LlamaAgentChatProperties>,
    LlamaAgentChatProperties,
    LlamaAgentChatAttributes,
    LlamaAgentChatEventProps {
  ref?: Ref<LlamaAgentChat>;
  key?: Key | null;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'llama-agent-chat': LlamaAgentChatJsxProps;
    }
  }
}
