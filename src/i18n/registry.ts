/**
 * Where language tables live. Locale modules are built and loaded on their own (dist/locales/*.js),
 * so the table registry is one object on globalThis, shared by every copy of the widget and every
 * locale module on the page; an event tells rendered chats that a language arrived.
 */
import type { LlamaChatStrings } from './strings.js';

export type LlamaChatLocale = Partial<LlamaChatStrings>;

/** Fired on window when a language table is registered. */
export const LOCALE_REGISTERED = 'llama-chat-locale-registered';

const REGISTRY = Symbol.for('llama-agent-chat.locales');

function tables(): Record<string, LlamaChatLocale> {
  const global = globalThis as unknown as Record<symbol, Record<string, LlamaChatLocale> | undefined>;
  return (global[REGISTRY] ??= {});
}

/** Registers (or replaces) the table of a language tag such as `fr` or `pt-BR`. */
export function registerLocale(lang: string, table: LlamaChatLocale): void {
  tables()[lang.toLowerCase()] = table;
  globalThis.dispatchEvent?.(new Event(LOCALE_REGISTERED));
}

/** The table for a language tag: an exact match, else its primary language (`es-MX` → `es`). */
export function localeFor(lang: string): LlamaChatLocale | undefined {
  const tag = lang.toLowerCase();
  return tables()[tag] ?? tables()[tag.split('-')[0]];
}
