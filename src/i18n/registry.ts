/**
 * Where language tables live. Locale modules are built and loaded on their own (dist/locales/*.js),
 * so the registry is one object on globalThis, shared by every copy of the widget and every locale
 * module on the page; an event tells rendered chats that a language arrived. Locale modules also
 * bring the sentence translator (src/i18n/sentences.ts), so the main bundle carries none of it.
 */
import type { LlamaChatStrings } from './strings.js';

export type LlamaChatLocale = Partial<LlamaChatStrings>;

/** Fired on window when a language table is registered. */
export const LOCALE_REGISTERED = 'llama-chat-locale-registered';

type SentenceTranslator = (text: string, table: LlamaChatLocale) => string;

interface Registry {
  tables: Record<string, LlamaChatLocale>;
  translate?: SentenceTranslator;
}

const REGISTRY = Symbol.for('llama-agent-chat.locales');

function registry(): Registry {
  const global = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (global[REGISTRY] ??= { tables: {} });
}

/** Registers (or replaces) the table of a language tag such as `fr` or `pt-BR`. */
export function registerLocale(lang: string, table: LlamaChatLocale): void {
  registry().tables[lang.toLowerCase()] = table;
  globalThis.dispatchEvent?.(new Event(LOCALE_REGISTERED));
}

/** The table for a language tag: an exact match, else its primary language (`es-MX` → `es`). */
export function localeFor(lang: string): LlamaChatLocale | undefined {
  const { tables } = registry();
  const tag = lang.toLowerCase();
  return tables[tag] ?? tables[tag.split('-')[0]];
}

export function installSentenceTranslator(translate: SentenceTranslator): void {
  registry().translate = translate;
}

/** One of our English failure or notice sentences in the table's language (unchanged until a locale module is loaded). */
export function localiseSentence(text: string, table: LlamaChatLocale): string {
  return registry().translate?.(text, table) ?? text;
}
