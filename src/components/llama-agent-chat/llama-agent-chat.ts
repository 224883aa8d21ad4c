import { ifDefined } from 'lit/directives/if-defined.js';
import { html, LitElement, nothing, svg as svgTemplate, type PropertyDeclarations, type PropertyValues } from 'lit';
import { CHAT_MESSAGE_PARTS } from '../chat-message/chat-message.js';
import { ChatController, type ChatNotice } from '../../controllers/chat-controller.js';
import { runClientTool, type ClientTools, type LlamaChatToolCallDetail } from '../../controllers/client-tools.js';
import { localeFor, localiseSentence, LOCALE_REGISTERED, type LlamaChatLocale } from '../../i18n/registry.js';
import { en, type LlamaChatLabels, type LlamaChatStrings } from '../../i18n/strings.js';
import type { ApiPreference } from '../../protocol/detect.js';
import type { ApiName } from '../../protocol/protocol.js';
import type { TurnOutcome } from '../../protocol/turn-events.js';
import { deepFreeze, retryableTurn, type ConversationMessage } from '../../state/conversation.js';
import { MESSAGE_TAG, messageHtml, scopedCreation, type MessageElementScope } from '../message-element.js';
import { ConversationMemory } from '../../storage/conversation-memory.js';
import type { PersistMode } from '../../storage/persisted-conversation.js';
import { visuallyHidden } from '../shared.styles.js';
import { llamaAgentChatLayoutStyles, llamaAgentChatStyles } from './llama-agent-chat.styles.js';

export interface LlamaChatSendDetail {
  text: string;
}
export interface LlamaChatSessionCreatedDetail {
  sessionId: string;
}
export interface LlamaChatErrorDetail {
  message: string;
}
export interface LlamaChatAgentCreatedDetail {
  agentId: string;
}
export type { LlamaChatToolCallDetail };

/** The labels in full, and whichever failure sentences a language or the host provides. */
type LlamaChatTable = LlamaChatLabels & LlamaChatLocale;

const API_VALUES: readonly ApiPreference[] = ['auto', 'agents', 'responses'];
export type LlamaChatTurnCompleteDetail = TurnOutcome;

/** Where a bubble-mode panel fills the screen (and so keeps focus inside it). */
const NARROW = '(max-width: 480px)';

/** How far from the bottom (px) still counts as "at the bottom" for sticky scrolling. */
const STICK_THRESHOLD = 32;

/**
 * A chat with a Llama Stack agent whose replies stream in token by token.
 *
 * @tagname llama-agent-chat
 * @summary Embeddable Llama Stack agent chat.
 *
 * @event llama-chat-send - A message was sent (also on retry). Detail: `{ text }`.
 * @event llama-chat-turn-complete - A turn ended, however it ended. Detail: the TurnOutcome.
 * @event llama-chat-error - Something failed; detail `{ message }` is a readable sentence.
 * @event llama-chat-session-created - The server started a new session. Detail: `{ sessionId }`.
 * @event llama-chat-agent-created - Zero-setup Agents mode created an agent for `model`. Detail: `{ agentId }`.
 * @event llama-chat-tool-call - Cancelable. The agent asks for a client-side tool; call
 *   `detail.respondWith(result)` to answer it, or `preventDefault()` to refuse it.
 *
 * @slot header - The title area (default: the `title` attribute, if any).
 * @slot empty - Shown while the conversation is empty (above any `suggestions`).
 *
 * @csspart container - The chat panel: everything but the launcher.
 * @csspart launcher - Bubble mode: the round button that opens and closes the panel.
 * @csspart badge - Bubble mode: the unread mark on the launcher.
 * @csspart header - The title bar (bubble mode, or when there is a title or header slot).
 * @csspart title - The default header content: the `title` attribute.
 * @csspart new-conversation-button - The header's button that starts a new conversation.
 * @csspart close-button - Bubble mode: the header's button that closes the panel.
 * @csspart empty - The empty state (slot `empty` and the suggestions).
 * @csspart suggestion - A suggested prompt button in the empty state.
 * @csspart notice - A notice about configuration or the conversation.
 * @csspart new-session-button - The button that starts a new conversation after a notice.
 * @csspart transcript - The scrolling list of messages.
 * @csspart message - Every message (a <chat-message>, whose own parts are exported through it).
 * @csspart user-message - Every message the user wrote.
 * @csspart assistant-message - Every reply.
 * @csspart retry-button - The button that retries a failed or stopped reply.
 * @csspart composer - The form with the input and the send button.
 * @csspart input - The text area.
 * @csspart send-button - The Send button, which becomes Stop while a reply streams.
 *
 * Colours default to `light-dark(light, dark)` pairs; `theme` picks the scheme.
 * @cssproperty --llama-chat-height - Height of the whole chat. Default 32rem.
 * @cssproperty --llama-chat-font - Font shorthand. Default: inherited from the page.
 * @cssproperty --llama-chat-line-height - Line height inside the chat. Default 1.5.
 * @cssproperty --llama-chat-fg - Text colour.
 * @cssproperty --llama-chat-bg - Background colour.
 * @cssproperty --llama-chat-border - Border of the chat and the composer.
 * @cssproperty --llama-chat-radius - Corner radius.
 * @cssproperty --llama-chat-accent - Button colour.
 * @cssproperty --llama-chat-accent-fg - Button text colour.
 * @cssproperty --llama-chat-user-bg - User bubble background.
 * @cssproperty --llama-chat-user-fg - User bubble text colour.
 * @cssproperty --llama-chat-assistant-bg - Assistant bubble background.
 * @cssproperty --llama-chat-assistant-fg - Assistant bubble text colour.
 * @cssproperty --llama-chat-error-fg - Error text colour (also the border of a failed tool card).
 * @cssproperty --llama-chat-focus - Focus outline colour.
 * @cssproperty --llama-chat-input-bg - Text area background.
 * @cssproperty --llama-chat-input-border - Text area border colour.
 * @cssproperty --llama-chat-notice-bg - Notice background.
 * @cssproperty --llama-chat-notice-fg - Notice text colour.
 * @cssproperty --llama-chat-bubble-max-width - Widest a message bubble gets. Default 42rem.
 * @cssproperty --llama-chat-card-bg - Tool card and Copy button background.
 * @cssproperty --llama-chat-card-border - Tool card, table and quote border colour.
 * @cssproperty --llama-chat-code-bg - Code block background.
 * @cssproperty --llama-chat-mono-font - Font family of code, arguments and results.
 * @cssproperty --llama-chat-link - Link colour in replies.
 * @cssproperty --llama-chat-safety-border - Accent of safety notices.
 * @cssproperty --llama-chat-badge-bg - Unread badge background.
 * @cssproperty --llama-chat-z-index - Bubble mode: stacking order of the launcher and panel.
 * @cssproperty --llama-chat-panel-width - Bubble mode: width of the open panel. Default 24rem.
 */
export class LlamaAgentChat extends LitElement {
  static override styles = [visuallyHidden, llamaAgentChatStyles, llamaAgentChatLayoutStyles];

  /**
   * Where the messages' element is registered (see src/components/message-element.ts). Set once by
   * src/index.ts before this element is defined.
   * @internal
   */
  static messageScope: MessageElementScope = { tag: MESSAGE_TAG };

  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    api: { noAccessor: true },
    agentId: { attribute: 'agent-id', reflect: true },
    model: {},
    instructions: {},
    tools: { attribute: false },
    clientTools: { attribute: false },
    sessionId: { attribute: 'session-id', reflect: true },
    idleTimeout: { attribute: 'idle-timeout', type: Number },
    debug: { type: Boolean },
    allowImages: { attribute: 'allow-images', type: Boolean },
    placeholder: {},
    headers: { attribute: false },
    theme: { reflect: true },
    mode: { reflect: true },
    open: { type: Boolean, reflect: true },
    position: { reflect: true },
    title: {},
    suggestions: { attribute: false },
    lang: { reflect: true },
    persist: {},
    persistNotice: { state: true },
    strings: { attribute: false },
    draft: { state: true },
    hasUnread: { state: true },
    narrow: { state: true },
    hasHeaderSlot: { state: true },
    announcement: { state: true },
    alertText: { state: true },
  };

  /** The Llama Stack server's address, e.g. `http://localhost:8321`. */
  declare baseUrl: string;
  /** The agent to talk to (Agents API). */
  declare agentId: string;
  /** The model (Responses API; in Agents mode without agent-id, the model of the agent to create). */
  declare model: string;
  /** System instructions (Responses API; in Agents mode, for the agent created from model). */
  declare instructions: string;
  /** Tool definitions sent with each Responses API request (e.g. function tools for clientTools). */
  declare tools: readonly unknown[];
  /** Client-side tools: tool name → `async (args) => result`, run when the agent asks for them. */
  declare clientTools: ClientTools;
  /** The session (conversation) id. Set it to load that conversation; it is filled in after the first send. */
  declare sessionId: string | undefined;
  /** Milliseconds without any byte from the server before the turn fails; 0 turns the timeout off. */
  declare idleTimeout: number;
  /** Log every raw event with console.debug. */
  declare debug: boolean;
  /**
   * Load https: images from replies. Off by default: a remote image tells whoever the model names
   * the reader's address, so images are shown as links unless the host opts in.
   */
  declare allowImages: boolean;
  /** The composer's hint text. */
  declare placeholder: string;
  /** Extra request headers, e.g. `{ Authorization: 'Bearer …' }`. Never reflected, rendered or logged. */
  declare headers: Record<string, string>;
  /** `light`, `dark`, or `auto` (default: follows the reader's `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto';
  /** `inline` (default: fills its box) or `bubble` (a launcher in a corner of the viewport opens the chat). */
  declare mode: 'inline' | 'bubble';
  /** Bubble mode: whether the panel is open. Reflected. */
  declare open: boolean;
  /** Bubble mode: the corner, `bottom-right` (default) or `bottom-left`. */
  declare position: 'bottom-right' | 'bottom-left';
  /** Shown in the header, and names the bubble panel and launcher. */
  declare title: string;
  /** Prompts offered as buttons while the conversation is empty; a click sends one. */
  declare suggestions: readonly string[];
  /**
   * Where to remember the conversation across page loads: `session` (sessionStorage: this tab),
   * `local` (localStorage: every tab, until cleared) or `none` (default). Only ids are stored.
   */
  declare persist: PersistMode;
  /** The composer's text. */
  declare private draft: string;
  /** Why a remembered conversation was dropped. */
  declare private persistNotice: string;
  private readonly memory = new ConversationMemory(() => ({
    persist: this.persist,
    baseUrl: this.baseUrl ?? '',
    api: this.apiPreference,
    agentId: this.agentId ?? '',
    model: this.model ?? '',
    sessionId: this.sessionId ?? '',
  }));
  /** A reply finished while the bubble was closed. */
  declare private hasUnread: boolean;
  /** The viewport is narrow enough for the open bubble to fill it. */
  declare private narrow: boolean;
  declare private hasHeaderSlot: boolean;
  /** The polite live region's text: a finished reply, once. */
  declare private announcement: string;
  /** The assertive live region's text: a failed reply. */
  declare private alertText: string;
  /**
   * Overrides for any of the widget's sentences and labels (see src/i18n/strings.ts for the keys);
   * they take precedence over the language's table, and missing keys come from it.
   */
  declare strings: Partial<LlamaChatStrings>;

  /** The language in use: the element's own `lang`, else the nearest ancestor's, else the document's. */
  get language(): string {
    return this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  private merged?: { locale: LlamaChatLocale | undefined; strings: Partial<LlamaChatStrings>; table: LlamaChatTable };

  /**
   * Every sentence and label: English, under the language's registered table, under `strings`. The
   * same object until one of those changes, so messages (which get it as a property) re-render only
   * when their own data changes.
   */
  protected get t(): LlamaChatTable {
    const locale = localeFor(this.language);
    const merged = this.merged;
    if (merged && merged.locale === locale && merged.strings === this.strings) return merged.table;
    const table = { ...en, ...locale, ...this.strings };
    this.merged = { locale, strings: this.strings, table };
    return table;
  }

  private apiPreference: ApiPreference = 'auto';

  private readonly chatController = new ChatController(
    this,
    () => ({
      baseUrl: this.baseUrl ?? '',
      api: this.apiPreference,
      agentId: this.agentId ?? '',
      model: this.model ?? '',
      instructions: this.instructions ?? '',
      tools: Array.isArray(this.tools) ? this.tools : [],
      sessionId: this.sessionId ?? '',
      headers: this.headers ?? {},
      idleTimeout: Number.isFinite(this.idleTimeout) ? this.idleTimeout : 30000,
      debug: this.debug,
    }),
    {
      sent: (text) => this.emit<LlamaChatSendDetail>('llama-chat-send', { text }),
      sessionCreated: (sessionId) => {
        this.sessionId = sessionId;
        this.memory.remember(sessionId);
        this.emit<LlamaChatSessionCreatedDetail>('llama-chat-session-created', { sessionId });
      },
      agentCreated: (agentId) => {
        this.agentId = agentId;
        this.memory.agentCreated(agentId);
        this.emit<LlamaChatAgentCreatedDetail>('llama-chat-agent-created', { agentId });
      },
      apiResolved: () => this.requestUpdate(),
      turnEnded: (outcome) => {
        if (this.mode === 'bubble' && !this.open) this.hasUnread = true;
        void this.announce(outcome);
        this.emit<LlamaChatTurnCompleteDetail>('llama-chat-turn-complete', outcome);
      },
      failed: (message) => this.emit<LlamaChatErrorDetail>('llama-chat-error', { message }),
      runClientTool: (call) => runClientTool(this, this.clientTools, call),
    },
  );

  private stickToBottom = true;
  /** Where updated() last scrolled the transcript to. */
  private autoScrollTop = 0;

  constructor() {
    super();
    this.baseUrl = '';
    this.agentId = '';
    this.model = '';
    this.instructions = '';
    this.tools = [];
    this.clientTools = {};
    this.idleTimeout = 30000;
    this.debug = false;
    this.allowImages = false;
    this.placeholder = '';
    this.headers = {};
    this.draft = '';
    this.theme = 'auto';
    this.mode = 'inline';
    this.open = false;
    this.position = 'bottom-right';
    this.suggestions = [];
    this.hasUnread = false;
    this.narrow = false;
    this.hasHeaderSlot = false;
    this.announcement = '';
    this.alertText = '';
    this.strings = {};
    this.persist = 'none';
    this.persistNotice = '';
  }

  /**
   * Which API to speak: `agents` (Llama Stack 0.1–0.3), `responses` (0.4 and later, OpenAI-compatible
   * servers) or `auto` (default: asks the server's version once). Reading it gives the API in use once
   * it is known.
   */
  get api(): ApiPreference {
    return this.chatController?.api ?? this.apiPreference;
  }
  set api(value: ApiPreference | ApiName | null | undefined) {
    const old = this.apiPreference;
    this.apiPreference = API_VALUES.includes(value as ApiPreference) ? (value as ApiPreference) : 'auto';
    this.requestUpdate('api', old);
  }

  /** The conversation as data: frozen, and the same array until the conversation changes. */
  get messages(): readonly ConversationMessage[] {
    // The widget's own state, handed out as it is (the same array until the conversation changes) but
    // frozen, so page code that sorts or edits it cannot change what the widget shows.
    return deepFreeze(this.chatController.conversation.messages);
  }

  /** True while a reply is streaming. */
  get streaming(): boolean {
    return this.chatController.streaming;
  }

  /**
   * Sends `text` as the user's message. Resolves with how the turn ended; rejects when a turn is
   * already streaming, the element is not configured, or the text is empty.
   */
  send(text: string): Promise<TurnOutcome> {
    if (!String(text ?? '').trim()) return Promise.reject(new Error('There is no message to send.'));
    this.stickToBottom = true;
    this.alertText = '';
    this.persistNotice = '';
    this.announcement = this.t.replying;
    return this.chatController.send(String(text));
  }

  /** Stops the reply in progress, keeping what arrived so far. */
  stop(): void {
    this.chatController.stop();
  }

  /** Re-sends the last user message whose reply failed or was stopped, replacing that reply. */
  retry(): Promise<TurnOutcome> {
    this.stickToBottom = true;
    this.alertText = '';
    this.announcement = this.t.replying;
    return this.chatController.retry();
  }

  /** Leaves the current conversation; the next send starts a new session. */
  newSession(): void {
    this.chatController.switchConversation('');
    this.sessionId = undefined;
    this.announcement = '';
    this.alertText = '';
    this.persistNotice = '';
    this.memory.forget();
  }

  protected override createRenderRoot() {
    const { registry } = LlamaAgentChat.messageScope;
    if (registry && !this.shadowRoot) {
      this.attachShadow({ ...LlamaAgentChat.shadowRootOptions, customElementRegistry: registry });
      this.renderOptions.creationScope = scopedCreation(registry);
    }
    return super.createRenderRoot();
  }

  /**
   * Picks up the remembered conversation when the slot (server, API, agent or model) is first known or
   * changes, unless the page chose a session-id itself; drops a remembered one the server no longer
   * knows, with a notice instead of an error that would come back on every page.
   */
  private syncPersistence(): void {
    if (this.memory.dropIfUnknown(this.chatController.notice?.kind === 'session-not-found')) {
      this.chatController.switchConversation('');
      this.sessionId = undefined;
      this.persistNotice = this.t.storedConversationGone;
      return;
    }
    const restored = this.memory.restore();
    if (!restored) return;
    if (restored.agentId) this.agentId = restored.agentId;
    this.sessionId = restored.sessionId;
  }

  private willUpdateConversation(changed: PropertyValues<this>): void {
    const server = changed.has('baseUrl') || changed.has('api' as keyof LlamaAgentChat);
    if (server) this.chatController.resetProtocol();
    // The controller's own reflections (a created agent or session) are not a switch.
    const agent = changed.has('agentId') && (this.agentId ?? '') !== this.chatController.createdAgentId;
    const session = changed.has('sessionId') && (this.sessionId ?? '') !== this.chatController.sessionId;
    if (server || agent || session) this.chatController.switchConversation(this.sessionId ?? '');
  }

  /** Says once how a turn ended: the reply's text politely, a failure assertively; never token by token. */
  private async announce(outcome: TurnOutcome): Promise<void> {
    if (outcome.status === 'error') {
      this.announcement = '';
      this.alertText = localiseSentence(outcome.error ?? '', this.t);
      return;
    }
    if (outcome.status === 'aborted') {
      this.announcement = this.t.stopped;
      return;
    }
    // The reply as rendered (markdown's text, not its syntax).
    await this.updateComplete;
    const messages = this.renderRoot.querySelectorAll<LitElement>(LlamaAgentChat.messageScope.tag);
    const last = messages[messages.length - 1];
    await last?.updateComplete;
    const text = last?.shadowRoot?.querySelector('[part~="content"]')?.textContent?.trim() || outcome.message?.content || '';
    this.announcement = `${this.t.replied} ${text}`;
  }

  /**
   * Focus is never lost: when the focused control goes away (a Retry or suggestion button that is no
   * longer offered, Send turning disabled after Stop, a panel closing), it moves to the text area, or
   * to the launcher when the panel is closed.
   */
  protected override update(changed: PropertyValues<this>): void {
    const focused = this.shadowRoot?.activeElement as HTMLElement | null | undefined;
    super.update(changed);
    if (!focused) return;
    const gone = !focused.isConnected || (focused as HTMLButtonElement).disabled || !focused.getClientRects().length;
    if (!gone) return;
    const panelShown = this.mode !== 'bubble' || this.open;
    this.renderRoot.querySelector<HTMLElement>(panelShown ? 'textarea' : '.launcher')?.focus();
  }

  protected override async updated(): Promise<void> {
    if (!this.stickToBottom) return;
    // The messages render in their own update, after ours: wait for the last one before measuring.
    const messages = this.renderRoot.querySelectorAll<LitElement>(LlamaAgentChat.messageScope.tag);
    await messages[messages.length - 1]?.updateComplete;
    const transcript = this.renderRoot.querySelector<HTMLElement>('.transcript');
    if (!transcript || !this.stickToBottom) return;
    transcript.scrollTop = transcript.scrollHeight;
    this.autoScrollTop = transcript.scrollTop;
  }

  private emit<T>(type: keyof HTMLElementEventMap, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { bubbles: true, composed: true, detail }));
  }

  private onScroll(event: Event): void {
    const el = event.currentTarget as HTMLElement;
    // Scroll events arrive a frame late, when more text may already have pushed the bottom away:
    // only a move above where we last scrolled to is the user scrolling up.
    if (el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD) this.stickToBottom = true;
    else if (el.scrollTop < this.autoScrollTop - 1) this.stickToBottom = false;
  }

  private onInput(event: Event): void {
    this.draft = (event.currentTarget as HTMLTextAreaElement).value;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submitDraft();
    }
  }

  /** Escape stops a streaming reply; otherwise it closes an open bubble. */
  private onHostKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    if (this.chatController.streaming) {
      event.preventDefault();
      this.stop();
    } else if (this.mode === 'bubble' && this.open) {
      event.preventDefault();
      void this.setOpen(false);
    }
  };

  private readonly narrowQuery = window.matchMedia(NARROW);
  private onNarrowChange = (): void => {
    this.narrow = this.narrowQuery.matches;
  };

  /** Re-renders when a language table arrives or the document's language changes. */
  private readonly relocalize = (): void => this.requestUpdate();
  private readonly documentLang = new MutationObserver(this.relocalize);

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onHostKeyDown);
    this.narrowQuery.addEventListener('change', this.onNarrowChange);
    this.onNarrowChange();
    window.addEventListener(LOCALE_REGISTERED, this.relocalize);
    this.documentLang.observe(document.documentElement, { attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    this.removeEventListener('keydown', this.onHostKeyDown);
    this.narrowQuery.removeEventListener('change', this.onNarrowChange);
    window.removeEventListener(LOCALE_REGISTERED, this.relocalize);
    this.documentLang.disconnect();
    super.disconnectedCallback();
  }

  /** Opens or closes the bubble from the user's hand, moving focus into the panel or back to the launcher. */
  private async setOpen(open: boolean): Promise<void> {
    this.open = open;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? 'textarea' : '.launcher')?.focus();
  }

  /** A full-screen bubble panel keeps Tab and Shift+Tab inside it (it covers the page). */
  private onPanelKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Tab' || this.mode !== 'bubble' || !this.narrow) return;
    const controls = [...this.renderRoot.querySelectorAll<HTMLElement>('.header button, textarea, [part~="send-button"]')].filter(
      (c) => !(c as HTMLButtonElement).disabled,
    );
    const active = this.shadowRoot!.activeElement;
    const wrapTo = event.shiftKey
      ? active === controls[0]
        ? controls[controls.length - 1]
        : undefined
      : active === controls[controls.length - 1]
        ? controls[0]
        : undefined;
    if (wrapTo) {
      event.preventDefault();
      wrapTo.focus();
    }
  }

  private onHeaderSlotChange(event: Event): void {
    this.hasHeaderSlot = (event.currentTarget as HTMLSlotElement).assignedNodes().length > 0;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    if (this.chatController.streaming) this.stop();
    else this.submitDraft();
  }

  /** Sends the composer's text; it is cleared only once the message is in the transcript. */
  private submitDraft(): void {
    const text = this.draft.trim();
    if (!text || this.chatController.cannotSendReason()) return;
    this.draft = '';
    // Cannot reject: both reasons were checked above. Failures show up in the transcript.
    void this.send(text);
  }

  private renderNotice(notice: ChatNotice | undefined, configProblem: string) {
    if (configProblem && !this.chatController.streaming) {
      return html`<p part="notice" class="notice" role="status">${localiseSentence(configProblem, this.t)}</p>`;
    }
    if (this.persistNotice) return html`<p part="notice" class="notice" role="status">${this.persistNotice}</p>`;
    if (!notice) return nothing;
    return html`<div part="notice" class="notice" role="alert">
      ${localiseSentence(notice.message, this.t)}
      ${
        notice.kind === 'session-not-found'
          ? html`<button part="new-session-button" type="button" @click=${() => this.newSession()}>${this.t.startNewConversation}</button>`
          : nothing
      }
    </div>`;
  }

  private renderHeader(bubble: boolean, hasMessages: boolean) {
    const t = this.t;
    return html`<div part="header" class="header" ?hidden=${!bubble && !this.title && !this.hasHeaderSlot}>
      <slot name="header" @slotchange=${this.onHeaderSlotChange}
        >${this.title ? html`<h2 part="title" class="title">${this.title}</h2>` : nothing}</slot
      >
      ${
        hasMessages && !this.chatController.streaming
          ? html`<button part="new-conversation-button" type="button" @click=${() => this.newSession()}>${t.newConversation}</button>`
          : nothing
      }
      ${
        bubble
          ? html`<button part="close-button" class="close" type="button" aria-label=${t.close} @click=${() => void this.setOpen(false)}>
            ${closeIcon}
          </button>`
          : nothing
      }
    </div>`;
  }

  private renderEmpty(configProblem: string) {
    return html`<div part="empty" class="empty">
      <slot name="empty"></slot>
      ${
        this.suggestions?.length
          ? html`<div class="suggestions" role="group" aria-label=${this.t.suggestions}>
            ${this.suggestions.map(
              (text) =>
                html`<button part="suggestion" type="button" ?disabled=${!!configProblem} @click=${() => void this.send(text)}>${text}</button>`,
            )}
          </div>`
          : nothing
      }
    </div>`;
  }

  private renderLauncher() {
    const name = this.title || this.t.chat;
    return html`<button
      part="launcher"
      class="launcher"
      type="button"
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls="panel"
      aria-label=${this.hasUnread ? `${name} (${this.t.unread})` : name}
      @click=${() => void this.setOpen(!this.open)}
    >
      ${chatIcon}${this.hasUnread ? html`<span part="badge" class="badge"></span>` : nothing}
    </button>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) this.hasUnread = false;
    this.syncPersistence();
    this.willUpdateConversation(changed);
  }

  override render() {
    const t = this.t;
    const streaming = this.chatController.streaming;
    const messages = this.chatController.rendered.messages;
    const configProblem = this.chatController.configProblem();
    const messageTemplate = messageHtml(LlamaAgentChat.messageScope.tag);
    const canRetry = !streaming && !!retryableTurn(this.chatController.rendered);
    const canSend = !streaming && !!this.draft.trim() && !configProblem;
    const bubble = this.mode === 'bubble';
    const empty = !messages.length && !this.chatController.loadingHistory;
    // A bubble panel that covers the page is modal; a floating one leaves the page usable. The live
    // regions stay outside the panel so a closed bubble still announces. `title` is also HTML's
    // tooltip attribute: the empty one here keeps the host's from showing over the whole chat.
    return html`${bubble ? this.renderLauncher() : nothing}<div
        id="panel"
        part="container"
        class="container"
        title=""
        dir=${t.dir}
        role=${ifDefined(bubble ? 'dialog' : undefined)}
        aria-modal=${ifDefined(bubble ? (this.narrow ? 'true' : 'false') : undefined)}
        aria-label=${ifDefined(bubble ? this.title || t.chat : undefined)}
        ?hidden=${bubble && !this.open}
        @keydown=${this.onPanelKeyDown}
      >
      ${this.renderHeader(bubble, messages.length > 0)}
      ${this.renderNotice(this.chatController.notice, configProblem)}
      <div
        part="transcript"
        class="transcript"
        role="log"
        aria-live="off"
        aria-label=${t.conversation}
        aria-busy=${streaming ? 'true' : 'false'}
        tabindex="0"
        @scroll=${this.onScroll}
      >
        ${empty ? this.renderEmpty(configProblem) : nothing}
        ${this.chatController.loadingHistory ? html`<p class="status">${t.loadingHistory}</p>` : nothing}
        ${messages.map(
          (m) =>
            messageTemplate`<chat-message
              part="message ${m.sender}-message"
              exportparts=${CHAT_MESSAGE_PARTS}
              sender=${m.sender}
              status=${m.status}
              .messageId=${m.id}
              .allowImages=${this.allowImages}
              .content=${m.content}
              .error=${m.error && localiseSentence(m.error, t)}
              .notice=${m.notice && localiseSentence(m.notice, t)}
              .safety=${m.safety}
              .context=${m.context}
              .toolCalls=${m.toolCalls}
              .strings=${t}
            ></chat-message>`,
        )}
        ${
          canRetry
            ? html`<button part="retry-button" class="retry" type="button" @click=${() => void this.retry()}>${t.retry}</button>`
            : nothing
        }
      </div>
      <form part="composer" class="composer" @submit=${this.onSubmit}>
        <label class="visually-hidden" for="input">${t.message}</label>
        <textarea
          id="input"
          part="input"
          rows="1"
          dir="auto"
          placeholder=${this.placeholder || t.placeholder}
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        ></textarea>
        <button part="send-button" type="submit" ?disabled=${!streaming && !canSend}>${streaming ? t.stop : t.send}</button>
      </form>
    </div>
    <div class="visually-hidden" role="status">${this.announcement}</div>
    <div class="visually-hidden" role="alert">${this.alertText}</div>`;
  }
}

const svg = (path: ReturnType<typeof svgTemplate>) =>
  html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">${path}</svg>`;
const chatIcon = svg(
  svgTemplate`<path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/>`,
);
const closeIcon = svg(svgTemplate`<path stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M6 6l12 12M18 6L6 18"/>`);

declare global {
  interface HTMLElementTagNameMap {
    'llama-agent-chat': LlamaAgentChat;
  }
  interface HTMLElementEventMap {
    'llama-chat-send': CustomEvent<LlamaChatSendDetail>;
    'llama-chat-turn-complete': CustomEvent<LlamaChatTurnCompleteDetail>;
    'llama-chat-error': CustomEvent<LlamaChatErrorDetail>;
    'llama-chat-session-created': CustomEvent<LlamaChatSessionCreatedDetail>;
    'llama-chat-agent-created': CustomEvent<LlamaChatAgentCreatedDetail>;
    'llama-chat-tool-call': CustomEvent<LlamaChatToolCallDetail>;
  }
}
