// Every entry point an adopter may import, type-checked (and bundled by Vite) from the packed package.
import { LlamaAgentChat, type TurnOutcome } from 'llama-agent-chat';
import { LlamaAgentChat as BundledLlamaAgentChat } from 'llama-agent-chat/bundle';
import type {} from 'llama-agent-chat/bundle.iife';
// The path the README shows for a self-contained module bundle: resolved through the ./dist/* export.
import 'llama-agent-chat/dist/llama-agent-chat.js';
import pkg from 'llama-agent-chat/package.json' with { type: 'json' };

const fromTheClassicScript: typeof LlamaAgentChat | undefined = globalThis.LlamaAgentChat?.LlamaAgentChat;
const sameShape: typeof LlamaAgentChat = BundledLlamaAgentChat;
const outcome = (o: TurnOutcome): string => o.status;
// @ts-expect-error idleTimeout is a number
document.createElement('llama-agent-chat').idleTimeout = '5';
document.createElement('llama-agent-chat').addEventListener('llama-chat-send', (event) => {
  // @ts-expect-error the detail of llama-chat-send has `text`, nothing else
  void event.detail.status;
});

console.log('entries', pkg.name, typeof fromTheClassicScript, typeof sameShape, typeof outcome);
