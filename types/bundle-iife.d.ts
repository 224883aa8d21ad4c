/**
 * Types for `llama-agent-chat/bundle.iife` (dist/llama-agent-chat.iife.js), the classic-script bundle.
 * It exports nothing as a module: it registers the elements and sets the global `LlamaAgentChat` to
 * what the npm entry exports.
 */
import type * as LlamaAgentChatExports from '../dist/types/index.js';

declare global {
  /** Set by the classic-script bundle: the classes the npm entry exports. */
  var LlamaAgentChat: typeof LlamaAgentChatExports;
}

export {};
