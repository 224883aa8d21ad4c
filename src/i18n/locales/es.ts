/** Spanish. Load it with `<script type="module" src="…/dist/locales/es.js">` (or `import 'llama-agent-chat/locales/es'`). */
import { registerLocale } from '../registry.js';
import type { LlamaChatStrings } from '../strings.js';

export const es = {
  dir: 'ltr',
  chat: 'Chat',
  conversation: 'Conversación',
  message: 'Mensaje',
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar',
  stop: 'Detener',
  retry: 'Reintentar',
  close: 'Cerrar',
  newConversation: 'Nueva conversación',
  startNewConversation: 'Empezar una conversación nueva',
  suggestions: 'Sugerencias',
  unread: 'respuesta nueva',
  loadingHistory: 'Cargando mensajes anteriores…',
  replying: 'El asistente está respondiendo.',
  replied: 'El asistente respondió:',
  stopped: 'Se detuvo la respuesta.',
  typing: 'El asistente está escribiendo',
  you: 'Tú:',
  assistant: 'Asistente:',
  storedConversationGone: 'Tu conversación anterior ya no está en el servidor; empezará una nueva cuando envíes un mensaje.',
  retrievedContext: 'Contexto recuperado',
  toolCalls: 'Llamadas a herramientas',
  toolCalling: 'Llamando a',
  toolCalled: 'Llamada:',
  toolUsed: 'Usada:',
  toolFailed: 'Falló:',
  aTool: 'una herramienta',
  toolUnparsed: 'El servidor no pudo interpretar esta llamada a herramienta; este es el texto sin procesar del modelo.',
  toolResult: 'Resultado',
  toolError: 'Error',
  blockedBySafety: 'Bloqueado por un control de seguridad ({level})',
} satisfies LlamaChatStrings;

registerLocale('es', es);
