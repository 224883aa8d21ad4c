/**
 * Every label the widget shows or announces, in English. Other languages are separate modules
 * (src/i18n/locales/) that register a table of the same keys plus the failure sentences of
 * src/i18n/sentences.ts; a host overrides any key through the element's `strings` property. `{name}`
 * marks where a value goes.
 */
import type { Sentences } from './sentences.js';

export const en = {
  /** Text direction of the language: `ltr` or `rtl`. */
  dir: 'ltr' as 'ltr' | 'rtl',
  chat: 'Chat',
  conversation: 'Conversation',
  message: 'Message',
  placeholder: 'Type a message…',
  send: 'Send',
  stop: 'Stop',
  retry: 'Retry',
  close: 'Close',
  newConversation: 'New conversation',
  startNewConversation: 'Start a new conversation',
  suggestions: 'Suggestions',
  unread: 'new reply',
  loadingHistory: 'Loading earlier messages…',
  replying: 'The assistant is replying.',
  replied: 'The assistant replied:',
  stopped: 'The reply was stopped.',
  typing: 'The assistant is typing',
  you: 'You:',
  assistant: 'Assistant:',
  storedConversationGone: 'Your earlier conversation is no longer on the server, so a new one will start when you send a message.',
  retrievedContext: 'Retrieved context',
  toolCalls: 'Tool calls',
  toolCalling: 'Calling',
  toolCalled: 'Called',
  toolUsed: 'Used',
  toolFailed: 'Failed',
  aTool: 'a tool',
  toolUnparsed: 'The server could not parse this tool call; this is the model’s raw text.',
  toolResult: 'Result',
  toolError: 'Error',
  blockedBySafety: 'Blocked by a safety check ({level})',
};

/** The labels (built in, in English). */
export type LlamaChatLabels = typeof en;
/** Everything a language translates: the labels and the failure sentences of src/i18n/sentences.ts. */
export type LlamaChatStrings = LlamaChatLabels & Sentences;

/** Fills `{name}` markers. */
export const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (marker, name: string) => values[name] ?? marker);
