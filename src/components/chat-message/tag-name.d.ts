// Inside the widget's shadow root, <chat-message> is ChatMessageElement. Declared for the widget's own code
// and for lit-analyzer, which checks the template bindings against it. Not shipped (tsc emits no
// declarations for .d.ts sources): a page's own `chat-message` typing must not clash with ours.
import type { ChatMessageElement } from './chat-message.js';

declare global {
  interface HTMLElementTagNameMap {
    'chat-message': ChatMessageElement;
  }
}
