/** German. Load it with `<script type="module" src="…/dist/locales/de.js">` (or `import 'llama-agent-chat/locales/de'`). */
import { registerLocale } from '../registry.js';
import type { LlamaChatStrings } from '../strings.js';

export const de = {
  dir: 'ltr',
  chat: 'Chat',
  conversation: 'Unterhaltung',
  message: 'Nachricht',
  placeholder: 'Nachricht eingeben…',
  send: 'Senden',
  stop: 'Stopp',
  retry: 'Erneut versuchen',
  close: 'Schließen',
  newConversation: 'Neue Unterhaltung',
  startNewConversation: 'Neue Unterhaltung beginnen',
  suggestions: 'Vorschläge',
  unread: 'neue Antwort',
  loadingHistory: 'Frühere Nachrichten werden geladen…',
  replying: 'Der Assistent antwortet.',
  replied: 'Der Assistent hat geantwortet:',
  stopped: 'Die Antwort wurde angehalten.',
  typing: 'Der Assistent schreibt',
  you: 'Sie:',
  assistant: 'Assistent:',
  storedConversationGone: 'Ihre frühere Unterhaltung gibt es auf dem Server nicht mehr; mit Ihrer nächsten Nachricht beginnt eine neue.',
  retrievedContext: 'Abgerufener Kontext',
  toolCalls: 'Werkzeugaufrufe',
  toolCalling: 'Rufe auf:',
  toolCalled: 'Aufgerufen:',
  toolUsed: 'Verwendet:',
  toolFailed: 'Fehlgeschlagen:',
  aTool: 'ein Werkzeug',
  toolUnparsed: 'Der Server konnte diesen Werkzeugaufruf nicht auswerten; dies ist der Rohtext des Modells.',
  toolResult: 'Ergebnis',
  toolError: 'Fehler',
  blockedBySafety: 'Von einer Sicherheitsprüfung blockiert ({level})',
} satisfies LlamaChatStrings;

registerLocale('de', de);
