/**
 * What a page can set on `<llama-agent-chat>` in a framework's template, shared by the declarations
 * for React (react.d.ts), Vue (vue.d.ts) and Svelte (svelte.d.ts). test/node/manifest.test.js checks
 * these lists against the Custom Elements Manifest.
 */
import type { LlamaAgentChat } from '../dist/types/index.js';

/** The properties a page sets (read-only ones such as `messages` and `streaming` left out). */
export type LlamaAgentChatProperties = Partial<
  Pick<
    LlamaAgentChat,
    | 'baseUrl'
    | 'api'
    | 'agentId'
    | 'model'
    | 'instructions'
    | 'sessionId'
    | 'idleTimeout'
    | 'debug'
    | 'allowImages'
    | 'placeholder'
    | 'headers'
    | 'tools'
    | 'clientTools'
    | 'theme'
    | 'mode'
    | 'open'
    | 'position'
    | 'title'
    | 'lang'
    | 'suggestions'
    | 'persist'
    | 'strings'
  >
>;

/** The attributes whose names are not also property names. */
export interface LlamaAgentChatAttributes {
  'base-url'?: string;
  'agent-id'?: string;
  'session-id'?: string;
  'idle-timeout'?: number | string;
  'allow-images'?: boolean;
}

/** The element's own events, by name: `llama-chat-send`, … */
export type LlamaAgentChatEvents = {
  [E in keyof HTMLElementEventMap as E extends `llama-chat-${string}` ? E : never]: HTMLElementEventMap[E];
};

/** Each event as an `on…` listener prop (React 19 and Svelte 5 spell listeners so): `onllama-chat-send`, … */
export type LlamaAgentChatEventProps = {
  [E in keyof LlamaAgentChatEvents as `on${E}`]?: (event: LlamaAgentChatEvents[E]) => void;
};
