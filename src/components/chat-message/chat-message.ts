import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { ChatMessage as ChatMessageData, MessageStatus, Sender, ToolCallView } from '../../state/conversation.js';
import { visuallyHidden } from '../shared.styles.js';
import { chatMessageStyles } from './chat-message.styles.js';
import { renderToolCard } from './tool-card.js';

/**
 * One message of the conversation. Renders data only: every string from the server is bound as
 * text, never parsed as HTML.
 *
 * @summary A chat message bubble.
 * @csspart bubble - The message bubble.
 * @csspart content - The message text.
 * @csspart tools - The list of tool calls the agent made.
 * @csspart tool-card - One tool call (also `tool-card-streaming|called|done|error`), with the parts
 *   `tool-header`, `tool-status`, `tool-name`, `tool-arguments`, `tool-note`, `tool-result`,
 *   `tool-result-summary` and `tool-result-text` inside.
 * @csspart safety - A safety shield's notice, with its level.
 * @csspart context - Retrieved context (memory / RAG), collapsed.
 * @csspart note - A notice that is not a failure (waiting for a tool nobody provides).
 * @csspart error - The readable error of a failed or stopped reply.
 * @csspart typing - The indicator shown while a reply is streaming and still empty.
 */
export class ChatMessage extends LitElement {
  static override styles = [visuallyHidden, chatMessageStyles];

  static override properties: PropertyDeclarations = {
    sender: { reflect: true },
    status: { reflect: true },
    content: { attribute: false },
    error: { attribute: false },
    notice: { attribute: false },
    safety: { attribute: false },
    context: { attribute: false },
    toolCalls: { attribute: false },
  };

  /** Who wrote the message. */
  declare sender: Sender;
  /** Where the message stands: `streaming`, `complete`, `error` or `aborted`. */
  declare status: MessageStatus;
  /** The raw text: what the user typed, or the assistant's text as received. */
  declare content: string;
  /** Readable failure text for `error` and `aborted` messages. */
  declare error: string | undefined;
  /** Readable note that is not a failure. */
  declare notice: string | undefined;
  /** A safety shield's verdict. */
  declare safety: ChatMessageData['safety'];
  /** Context retrieved for this reply. */
  declare context: string | undefined;
  /** Tool calls the agent made during this reply. */
  declare toolCalls: readonly ToolCallView[];

  constructor() {
    super();
    this.sender = 'assistant';
    this.status = 'complete';
    this.content = '';
    this.toolCalls = [];
  }

  override render() {
    const streaming = this.status === 'streaming';
    return html`<div part="bubble" class="bubble">
      <span class="visually-hidden">${this.sender === 'user' ? 'You:' : 'Assistant:'}</span>
      ${this.context
        ? html`<details part="context" class="context">
            <summary>Retrieved context</summary>
            <div class="context-text">${this.context}</div>
          </details>`
        : nothing}
      ${this.toolCalls.length
        ? html`<ul part="tools" class="tools" aria-label="Tool calls">${this.toolCalls.map(renderToolCard)}</ul>`
        : nothing}
      <div part="content" class="content">${this.content}</div>
      ${streaming && !this.content
        ? html`<span part="typing" class="typing" aria-hidden="true"><span></span><span></span><span></span></span>`
        : nothing}
      ${this.safety
        ? html`<p part="safety" class="safety" role="note">
            <strong>Safety check (${this.safety.level}):</strong> ${this.safety.message}
          </p>`
        : nothing}
      ${this.notice ? html`<p part="note" class="note">${this.notice}</p>` : nothing}
      ${this.error ? html`<p part="error" class="error">${this.error}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-message': ChatMessage;
  }
}
