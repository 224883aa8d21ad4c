/**
 * Registers <llama-agent-chat> and <chat-message>. This is both the npm entry and the entry of the
 * self-contained bundle for script tags.
 */
import { ChatMessageElement } from './components/chat-message/chat-message.js';
import { LlamaAgentChat } from './components/llama-agent-chat/llama-agent-chat.js';
import { registerMessageElement } from './components/message-element.js';

export { ChatMessageElement, LlamaAgentChat };
export type {
  LlamaChatAgentCreatedDetail,
  LlamaChatErrorDetail,
  LlamaChatSendDetail,
  LlamaChatSessionCreatedDetail,
  LlamaChatToolCallDetail,
  LlamaChatTurnCompleteDetail,
} from './components/llama-agent-chat/llama-agent-chat.js';
export type { ClientTool, ClientTools } from './controllers/client-tools.js';
export { registerLocale, type LlamaChatLocale } from './i18n/registry.js';
export type { LlamaChatStrings } from './i18n/strings.js';
export type { ApiPreference } from './protocol/detect.js';
export type { TurnOutcome, TurnStatus, ToolCallInfo } from './protocol/turn-events.js';
import type { ConversationMessage } from './state/conversation.js';
export type { ConversationMessage, MessageStatus, Sender, ToolCallView } from './state/conversation.js';

// The names before 0.2, kept because they cost nothing: the same binding exported twice adds no bytes
// to the bundle. `ChatMessage` was the element class, `ChatMessageData` the data type.
export {
  /** @deprecated Renamed `ChatMessageElement`: the `<chat-message>` element. The data type is `ConversationMessage`. */
  ChatMessageElement as ChatMessage,
};
/** @deprecated Renamed `ConversationMessage`: one message of the conversation, as data. */
export type ChatMessageData = ConversationMessage;

// Define the elements once, even if two copies of the bundle end up on a page. <chat-message> is not
// put in the page's registry where the engine has scoped ones (see components/message-element.ts).
if (!customElements.get('llama-agent-chat')) {
  LlamaAgentChat.messageScope = registerMessageElement(ChatMessageElement);
  customElements.define('llama-agent-chat', LlamaAgentChat);
}
