/** French. Load it with `<script type="module" src="…/dist/locales/fr.js">` (or `import 'llama-agent-chat/locales/fr'`). */
import { registerLocale } from '../registry.js';
import type { LlamaChatStrings } from '../strings.js';

export const fr = {
  dir: 'ltr',
  chat: 'Discussion',
  conversation: 'Conversation',
  message: 'Message',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  stop: 'Arrêter',
  retry: 'Réessayer',
  close: 'Fermer',
  newConversation: 'Nouvelle conversation',
  startNewConversation: 'Commencer une nouvelle conversation',
  suggestions: 'Suggestions',
  unread: 'nouvelle réponse',
  loadingHistory: 'Chargement des messages précédents…',
  replying: 'L’assistant répond.',
  replied: 'L’assistant a répondu :',
  stopped: 'La réponse a été arrêtée.',
  typing: 'L’assistant écrit',
  you: 'Vous :',
  assistant: 'Assistant :',
  storedConversationGone: 'Votre conversation précédente n’existe plus sur le serveur ; une nouvelle commencera à votre prochain message.',
  retrievedContext: 'Contexte récupéré',
  toolCalls: 'Appels d’outils',
  toolCalling: 'Appel de',
  toolCalled: 'Appelé :',
  toolUsed: 'Utilisé :',
  toolFailed: 'Échec :',
  aTool: 'un outil',
  toolUnparsed: 'Le serveur n’a pas pu analyser cet appel d’outil ; voici le texte brut du modèle.',
  toolResult: 'Résultat',
  toolError: 'Erreur',
  blockedBySafety: 'Bloqué par un contrôle de sécurité ({level})',
} satisfies LlamaChatStrings;

registerLocale('fr', fr);
