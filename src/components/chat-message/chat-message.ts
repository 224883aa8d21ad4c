import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { en, fill, type LlamaChatLabels } from '../../i18n/strings.js';
import { renderMarkdownInto, type MarkdownStream } from '../../render/markdown.js';
import type { ConversationMessage, MessageStatus, Sender, ToolCallView } from '../../state/conversation.js';
import { visuallyHidden } from '../shared.styles.js';
import { chatMessageStyles } from './chat-message.styles.js';
import { renderToolCard } from './tool-card.js';

/** Every part inside a message, for `exportparts` (markdown parts are listed in src/render/markdown.ts). */
export const CHAT_MESSAGE_PARTS = [
  'bubble, content, typing, tools, tool-card, tool-card-streaming, tool-card-called, tool-card-done, tool-card-error',
  'tool-header, tool-status, tool-name, tool-arguments, tool-note',
  'tool-result, tool-result-summary, tool-result-text, safety, context, note, error',
  'md-paragraph, md-heading, md-h1, md-h2, md-h3, md-h4, md-h5, md-h6, md-code-block, code-header, code-language',
  'copy-button, md-pre, md-code, md-code-inline, md-em, md-strong, md-strike, md-link, md-link-rejected',
  'md-image-link, md-image, md-blockquote, md-list, md-ul, md-ol, md-list-item, md-task-checkbox, md-table, md-tr',
  'md-th, md-td, md-rule, md-equation, md-equation-block',
].join(', ');

/**
 * One message of the conversation. Renders data only: user text is bound as text; assistant text is
 * markdown, rendered incrementally into DOM nodes by src/render/markdown.ts (never as HTML); tool
 * output, errors and notices are bound as text.
 *
 * @tagname chat-message
 * @summary A chat message bubble. Rendered by <llama-agent-chat> inside its shadow root (as
 *   <llama-agent-chat-message> where the page has its own `chat-message` and the browser has no scoped
 *   registries); not meant to be placed on a page by itself.
 * @attr sender - Who wrote the message: `user` or `assistant` (reflected).
 * @attr status - Where the message stands: `streaming`, `complete`, `error` or `aborted` (reflected).
 * @csspart bubble - The message bubble.
 * @csspart content - The message text.
 * @csspart typing - The indicator shown while a reply is streaming and still empty.
 * @csspart tools - The list of tool calls the agent made.
 * @csspart tool-card - One tool call.
 * @csspart tool-card-streaming - A tool call whose arguments are still streaming.
 * @csspart tool-card-called - A tool call that was made and has no result yet.
 * @csspart tool-card-done - A tool call with its result.
 * @csspart tool-card-error - A tool call that failed.
 * @csspart tool-header - A tool card's first line: status and name.
 * @csspart tool-status - What the call is doing: Calling, Called, Used or Failed.
 * @csspart tool-name - The tool's name.
 * @csspart tool-arguments - The call's arguments (pretty-printed JSON once complete).
 * @csspart tool-note - Says the server could not parse the call.
 * @csspart tool-result - The result, collapsed.
 * @csspart tool-result-summary - The line that opens the result.
 * @csspart tool-result-text - The result's text.
 * @csspart safety - A safety shield's notice, with its level.
 * @csspart context - Retrieved context (memory / RAG), collapsed.
 * @csspart note - A notice that is not a failure (waiting for a tool nobody provides).
 * @csspart error - The readable error of a failed or stopped reply.
 * @csspart md-* - The markdown of assistant replies (`md-paragraph`, `md-heading`, `md-h1`…`md-h6`,
 *   `md-code-block`, `md-pre`, `md-code`, `md-code-inline`, `md-em`, `md-strong`, `md-strike`, `md-link`,
 *   `md-link-rejected`, `md-image-link`, `md-image`, `md-blockquote`, `md-list`, `md-ul`, `md-ol`,
 *   `md-list-item`, `md-task-checkbox`, `md-table`, `md-tr`, `md-th`, `md-td`, `md-rule`, `md-equation`,
 *   `md-equation-block`; the full list is CHAT_MESSAGE_PARTS).
 * @csspart code-header - A code block's header: its language and the Copy button.
 * @csspart code-language - A code block's language.
 * @csspart copy-button - A code block's Copy button.
 */
export class ChatMessageElement extends LitElement {
  static override styles = [visuallyHidden, chatMessageStyles];

  static override properties: PropertyDeclarations = {
    sender: { reflect: true },
    status: { reflect: true },
    messageId: { attribute: false },
    allowImages: { attribute: false },
    content: { attribute: false },
    error: { attribute: false },
    notice: { attribute: false },
    safety: { attribute: false },
    context: { attribute: false },
    toolCalls: { attribute: false },
    strings: { attribute: false },
  };

  /** Who wrote the message. */
  declare sender: Sender;
  /** The message's id: a new id means a new message (this element may be reused for another one). */
  declare messageId: string;
  /** Load https: images in markdown instead of showing them as links. */
  declare allowImages: boolean;
  /** Where the message stands: `streaming`, `complete`, `error` or `aborted`. */
  declare status: MessageStatus;
  /** The raw text: what the user typed, or the assistant's text as received. */
  declare content: string;
  /** Readable failure text for `error` and `aborted` messages. */
  declare error: string | undefined;
  /** Readable note that is not a failure. */
  declare notice: string | undefined;
  /** A safety shield's verdict. */
  declare safety: ConversationMessage['safety'];
  /** Context retrieved for this reply. */
  declare context: string | undefined;
  /** Tool calls the agent made during this reply. */
  declare toolCalls: readonly ToolCallView[];
  /** The labels it shows, in the chat's language. */
  declare strings: LlamaChatLabels;

  constructor() {
    super();
    this.sender = 'assistant';
    this.status = 'complete';
    this.content = '';
    this.toolCalls = [];
    this.messageId = '';
    this.allowImages = false;
    this.strings = en;
  }

  /** Where the markdown goes, the stream writing into it, and how much of `content` it has seen. */
  private markdown?: { container: HTMLElement; stream: MarkdownStream; messageId: string; fed: string; ended: boolean };

  protected override updated(): void {
    if (this.sender !== 'assistant') return;
    const container = this.renderRoot.querySelector<HTMLElement>('.markdown');
    if (!container) return;
    const content = this.content;
    let md = this.markdown;
    // Append-only while streaming (the reducer only appends deltas), so only the new piece is parsed:
    // O(delta) per frame. A different message, or text that is not a continuation, starts over.
    const continues = md && md.container === container && md.messageId === this.messageId && content.length >= md.fed.length;
    if (!md || !continues || (md.ended && content !== md.fed)) {
      container.replaceChildren();
      md = {
        container,
        stream: renderMarkdownInto(container, { allowImages: this.allowImages }),
        messageId: this.messageId,
        fed: '',
        ended: false,
      };
      this.markdown = md;
    }
    if (this.status === 'streaming') {
      if (content.length > md.fed.length) md.stream.write(content.slice(md.fed.length));
      md.fed = content;
      return;
    }
    if (md.ended) return;
    // The turn ended. The final text may not continue what streamed (an output shield replaced it):
    // checked once here, not per frame.
    if (!content.startsWith(md.fed)) {
      container.replaceChildren();
      md.stream = renderMarkdownInto(container, { allowImages: this.allowImages });
      md.fed = '';
    }
    if (content.length > md.fed.length) md.stream.write(content.slice(md.fed.length));
    md.stream.end();
    md.fed = content;
    md.ended = true;
  }

  override render() {
    const streaming = this.status === 'streaming';
    const t = this.strings;
    return html`<div part="bubble" class="bubble">
      <span class="visually-hidden">${this.sender === 'user' ? t.you : t.assistant}</span>
      ${
        this.context
          ? html`<details part="context" class="context">
            <summary>${t.retrievedContext}</summary>
            <div class="context-text">${this.context}</div>
          </details>`
          : nothing
      }
      ${
        this.toolCalls.length
          ? html`<ul part="tools" class="tools" aria-label=${t.toolCalls}>${this.toolCalls.map((call) => renderToolCard(call, t))}</ul>`
          : nothing
      }
      ${
        this.sender === 'user'
          ? html`<div part="content" class="content text" dir="auto">${this.content}</div>`
          : html`<div part="content" class="content markdown" dir="auto"></div>`
      }
      ${
        streaming && !this.content
          ? html`<span part="typing" class="typing" role="img" aria-label=${t.typing}><span></span><span></span><span></span></span>`
          : nothing
      }
      ${
        this.safety
          ? html`<p part="safety" class="safety" role="note">
            <strong>${fill(t.blockedBySafety, { level: this.safety.level })}</strong>${
              // An output shield's message usually is the reply itself: say it once.
              this.safety.message === this.content ? nothing : html`: ${this.safety.message}`
            }
          </p>`
          : nothing
      }
      ${this.notice ? html`<p part="note" class="note">${this.notice}</p>` : nothing}
      ${this.error ? html`<p part="error" class="error">${this.error}</p>` : nothing}
    </div>`;
  }
}
