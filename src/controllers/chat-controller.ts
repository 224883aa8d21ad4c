/**
 * The reactive controller behind <llama-agent-chat>: the only place with I/O.
 *
 * It owns the sse.js stream of the turn in progress, the idle timer, the abort, the once-per-frame
 * commit of conversation state to the host, and the cleanup when the host leaves the page. Protocol
 * knowledge lives in the ChatProtocol adapter; conversation rules live in the pure reducer.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SSE, type SSEvent, type ReadyStateEvent } from 'sse.js';
import {
  describeHttpFailure,
  describeIdleTimeout,
  describeNetworkFailure,
  describeUnfinishedStream,
  isUnknownSession,
  type RequestKind,
} from '../protocol/errors.js';
import type { ChatConfig, ChatProtocol, HttpRequestSpec } from '../protocol/protocol.js';
import { isTerminal, type TurnEvent, type TurnOutcome } from '../protocol/turn-events.js';
import {
  emptyConversation,
  reduceConversation,
  retryableTurn,
  type ChatMessage,
  type Conversation,
  type ConversationAction,
} from '../state/conversation.js';
import { createFrameScheduler, type FrameScheduler } from './frame-scheduler.js';

/** Everything the controller reads from its host, read fresh at each use. */
export interface ChatSettings extends ChatConfig {
  sessionId: string;
  headers: Record<string, string>;
  idleTimeout: number;
  debug: boolean;
}

/** What the controller tells its host; the host turns these into public DOM events. */
export interface ChatNotifications {
  sent(text: string): void;
  sessionCreated(sessionId: string): void;
  turnEnded(outcome: TurnOutcome): void;
  failed(message: string): void;
}

/** A problem that is not one message's failure: the conversation itself could not be shown. */
export interface ChatNotice {
  kind: 'session-not-found' | 'history-failed';
  message: string;
}

type Ending = { kind: 'event'; event: TurnEvent } | { kind: 'failed'; message: string } | { kind: 'aborted'; message: string };

interface ActiveTurn {
  readonly fetchAbort: AbortController;
  readonly resolve: (outcome: TurnOutcome) => void;
  source?: SSE;
  xhr?: XMLHttpRequest;
  idleTimer?: number;
  receivedAnything: boolean;
  contentType: string;
  /** An HTTP error status arrived; its body is still loading, so the close that follows is not "unfinished". */
  failurePending: boolean;
  ended: boolean;
}

interface HistoryLoad {
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

interface HttpResult {
  ok: boolean;
  status: number;
  body: unknown;
  /** Readable failure text when !ok. */
  message: string;
}

export const STOPPED_MESSAGE = 'You stopped this reply.';
const SWITCHED_MESSAGE = 'The conversation was switched before this reply finished.';
const REMOVED_MESSAGE = 'The chat was removed from the page before this reply finished.';

export class ChatController implements ReactiveController {
  /** The conversation as of the last event: what the public `messages` property reports. */
  conversation: Conversation = emptyConversation;
  /** The conversation as of the last frame commit: what the host renders. */
  rendered: Conversation = emptyConversation;
  sessionId = '';
  notice: ChatNotice | undefined;
  loadingHistory = false;

  private active: ActiveTurn | undefined;
  private historyLoad: HistoryLoad | undefined;
  private nextId = 0;
  private readonly scheduler: FrameScheduler;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly protocol: ChatProtocol,
    private readonly settings: () => ChatSettings,
    private readonly notify: ChatNotifications,
  ) {
    this.scheduler = createFrameScheduler(() => this.commit());
    host.addController(this);
  }

  get streaming(): boolean {
    return this.active !== undefined;
  }

  hostDisconnected(): void {
    this.abortTurn(REMOVED_MESSAGE);
    this.cancelHistoryLoad();
    this.scheduler.cancel();
  }

  /** Which attributes are missing, as a sentence, or '' when the element is configured. */
  configProblem(): string {
    const missing = this.protocol.missingAttributes(this.settings());
    return missing.length ? `Set the ${missing.join(' and ')} attribute${missing.length > 1 ? 's' : ''} to start chatting.` : '';
  }

  /** Why a message cannot be sent right now, as a sentence, or '' when it can. */
  cannotSendReason(): string {
    if (this.active) return 'A reply is still streaming; stop it or wait for it to finish.';
    return this.configProblem();
  }

  send(text: string): Promise<TurnOutcome> {
    const problem = this.cannotSendReason();
    if (problem) return Promise.reject(new Error(problem));
    this.apply({ type: 'turn-started', userId: this.newId(), assistantId: this.newId(), text });
    this.notify.sent(text);
    return this.runTurn(text);
  }

  /** Re-sends the last user message whose reply failed or was stopped, replacing that reply. */
  retry(): Promise<TurnOutcome> {
    const problem = this.cannotSendReason();
    if (problem) return Promise.reject(new Error(problem));
    const turn = retryableTurn(this.conversation);
    if (!turn) return Promise.reject(new Error('There is no failed reply to retry.'));
    this.apply({ type: 'turn-restarted', assistantId: this.newId() });
    this.notify.sent(turn.user.content);
    return this.runTurn(turn.user.content);
  }

  stop(): void {
    this.abortTurn(STOPPED_MESSAGE);
  }

  /**
   * Leaves the current conversation for `sessionId` ('' for a new one, created on the next send):
   * aborts any turn in progress and loads the session's history.
   */
  switchConversation(sessionId: string): void {
    this.abortTurn(SWITCHED_MESSAGE);
    this.cancelHistoryLoad();
    this.sessionId = sessionId;
    this.notice = undefined;
    this.apply({ type: 'cleared' });
    if (sessionId && !this.configProblem()) this.loadHistory(sessionId);
  }

  // ---------------------------------------------------------------- conversation state and commits

  private newId(): string {
    return `m${++this.nextId}`;
  }

  /** Reduce, then commit at once (for user-visible steps such as the placeholder appearing). */
  private apply(action: ConversationAction): void {
    this.conversation = reduceConversation(this.conversation, action);
    this.scheduler.cancel();
    this.commit();
  }

  private commit(): void {
    this.rendered = this.conversation;
    this.host.requestUpdate();
  }

  private lastAssistant(): ChatMessage | undefined {
    const messages = this.conversation.messages;
    const last = messages[messages.length - 1];
    return last?.sender === 'assistant' ? last : undefined;
  }

  // ---------------------------------------------------------------- history

  private loadHistory(sessionId: string): void {
    const abort = new AbortController();
    this.loadingHistory = true;
    this.host.requestUpdate();
    const done = this.request(this.protocol.loadHistory(this.settings(), sessionId), 'history', abort.signal).then((result) => {
      if (abort.signal.aborted) return;
      this.historyLoad = undefined;
      this.loadingHistory = false;
      if (result.ok) {
        // Prepend: the user may have sent a message while the history was loading.
        const history = this.protocol.historyFrom(result.body);
        this.apply({ type: 'history-loaded', messages: [...history, ...this.conversation.messages] });
        return;
      }
      if (result.status === 404 || isUnknownSession(result.body)) {
        this.notice = {
          kind: 'session-not-found',
          message: `The server does not know the conversation ${sessionId}. It may have ended when the server restarted.`,
        };
      } else {
        this.notice = { kind: 'history-failed', message: `The earlier messages could not be loaded. ${result.message}` };
      }
      this.host.requestUpdate();
      this.notify.failed(this.notice.message);
    });
    this.historyLoad = { abort, done };
  }

  private cancelHistoryLoad(): void {
    this.historyLoad?.abort.abort();
    this.historyLoad = undefined;
    this.loadingHistory = false;
  }

  // ---------------------------------------------------------------- turns

  private runTurn(text: string): Promise<TurnOutcome> {
    return new Promise<TurnOutcome>((resolve) => {
      const turn: ActiveTurn = {
        fetchAbort: new AbortController(),
        resolve,
        receivedAnything: false,
        contentType: '',
        failurePending: false,
        ended: false,
      };
      this.active = turn;
      this.touch(turn, false);
      this.host.requestUpdate();
      void this.openTurn(turn, text);
    });
  }

  private async openTurn(turn: ActiveTurn, text: string): Promise<void> {
    if (this.historyLoad) await this.historyLoad.done;
    if (turn.ended) return;
    if (!this.sessionId) {
      const created = await this.request(this.protocol.createSession(this.settings()), 'session', turn.fetchAbort.signal);
      if (turn.ended) return;
      if (!created.ok) return this.endTurn(turn, { kind: 'failed', message: `Could not start a conversation. ${created.message}` });
      const sessionId = this.protocol.sessionIdFrom(created.body);
      if (!sessionId) return this.endTurn(turn, { kind: 'failed', message: 'The server did not say which conversation it started.' });
      this.sessionId = sessionId;
      this.notify.sessionCreated(sessionId);
      this.touch(turn, true);
    }
    this.openStream(turn, this.protocol.startTurn(this.settings(), this.sessionId, text));
  }

  private openStream(turn: ActiveTurn, spec: HttpRequestSpec): void {
    const source = new SSE(spec.url, {
      method: spec.method,
      payload: JSON.stringify(spec.body),
      headers: this.requestHeaders('text/event-stream', true),
      start: false,
      // Llama Stack's CORS allows only Content-Type, Authorization and X-Requested-With: no Last-Event-ID.
      useLastEventId: false,
    });
    source.addEventListener('open', (e: SSEvent) => {
      turn.contentType = e.headers?.['content-type']?.[0] ?? '';
      this.touch(turn, true);
    });
    source.addEventListener('message', (e: SSEvent) => this.onData(turn, String(e.data ?? '')));
    source.addEventListener('error', (e: SSEvent) => this.onStreamError(turn, e.responseCode ?? 0));
    source.addEventListener('readystatechange', (e: ReadyStateEvent) => {
      if (e.readyState === 2 /* SSE.CLOSED */ && !turn.ended && !turn.failurePending) {
        this.endTurn(turn, { kind: 'failed', message: describeUnfinishedStream(turn.contentType) });
      }
    });
    turn.source = source;
    source.stream();
    // sse.js reports whole events; the idle timer needs every byte, so listen to the XHR itself.
    turn.xhr = source.xhr ?? undefined;
    turn.xhr?.addEventListener('progress', () => this.touch(turn, true));
  }

  private onData(turn: ActiveTurn, raw: string): void {
    if (turn.ended) return;
    const { debug } = this.settings();
    if (debug) console.debug('[llama-agent-chat] event', raw);
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      if (debug) console.debug('[llama-agent-chat] skipped an event that is not JSON');
      return;
    }
    for (const event of this.protocol.normalize(data)) {
      if (event.kind === 'ignored') {
        if (debug) console.debug(`[llama-agent-chat] ignored: ${event.reason}`);
        continue;
      }
      this.conversation = reduceConversation(this.conversation, { type: 'turn-event', event });
      if (isTerminal(event)) return this.endTurn(turn, { kind: 'event', event });
    }
    this.scheduler.schedule();
  }

  private onStreamError(turn: ActiveTurn, status: number): void {
    if (turn.ended) return;
    const xhr = turn.xhr;
    if (status >= 300 && xhr) {
      // sse.js reports an error status at the first progress event, possibly before the whole body
      // is in; wait for the body so the server's own message can be quoted.
      turn.failurePending = true;
      const finish = () => this.endTurn(turn, { kind: 'failed', message: describeHttpFailure(status, xhr.responseText, 'turn') });
      if (xhr.readyState === XMLHttpRequest.DONE) finish();
      else xhr.addEventListener('loadend', finish);
      return;
    }
    this.endTurn(turn, { kind: 'failed', message: describeNetworkFailure(this.settings().baseUrl, turn.receivedAnything) });
  }

  /** Any byte from the server (or the start of a request) restarts the idle timer. */
  private touch(turn: ActiveTurn, fromServer: boolean): void {
    if (turn.ended) return;
    if (fromServer) turn.receivedAnything = true;
    window.clearTimeout(turn.idleTimer);
    const ms = this.settings().idleTimeout;
    if (ms > 0) {
      turn.idleTimer = window.setTimeout(() => this.endTurn(turn, { kind: 'failed', message: describeIdleTimeout(ms) }), ms);
    }
  }

  private abortTurn(message: string): void {
    if (this.active) this.endTurn(this.active, { kind: 'aborted', message });
  }

  private endTurn(turn: ActiveTurn, ending: Ending): void {
    if (turn.ended) return;
    turn.ended = true;
    window.clearTimeout(turn.idleTimer);
    turn.fetchAbort.abort();
    turn.source?.close();
    // After an error status sse.js forgets its XHR while the body still loads; abort it ourselves.
    turn.xhr?.abort();
    if (this.active === turn) this.active = undefined;

    if (ending.kind === 'failed') this.conversation = reduceConversation(this.conversation, { type: 'turn-failed', message: ending.message });
    if (ending.kind === 'aborted') this.conversation = reduceConversation(this.conversation, { type: 'turn-aborted', message: ending.message });
    this.scheduler.cancel();
    this.commit();

    const message = this.lastAssistant();
    const outcome: TurnOutcome =
      ending.kind === 'event' && ending.event.kind === 'turn-awaiting-input'
        ? { status: 'awaiting-input', message, error: message?.notice }
        : message?.status === 'error'
          ? { status: 'error', message, error: message.error }
          : message?.status === 'aborted'
            ? { status: 'aborted', message, error: message.error }
            : { status: 'complete', message };
    if (outcome.status === 'error' && outcome.error) this.notify.failed(outcome.error);
    this.notify.turnEnded(outcome);
    turn.resolve(outcome);
  }

  // ---------------------------------------------------------------- plain HTTP

  private requestHeaders(accept: string, json: boolean): Record<string, string> {
    // Only Content-Type, Accept and what the host gave: any other custom header fails Llama Stack's CORS preflight.
    return { ...(json ? { 'Content-Type': 'application/json' } : {}), Accept: accept, ...this.settings().headers };
  }

  private async request(spec: HttpRequestSpec, kind: RequestKind, signal: AbortSignal): Promise<HttpResult> {
    const { baseUrl } = this.settings();
    let response: Response;
    try {
      response = await fetch(spec.url, {
        method: spec.method,
        headers: this.requestHeaders('application/json', spec.body !== undefined),
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal,
      });
    } catch {
      return { ok: false, status: 0, body: undefined, message: describeNetworkFailure(baseUrl, false) };
    }
    let text = '';
    try {
      text = await response.text();
    } catch {
      return { ok: false, status: response.status, body: undefined, message: describeNetworkFailure(baseUrl, true) };
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep the text: describeHttpFailure copes with non-JSON bodies */
    }
    if (response.ok) return { ok: true, status: response.status, body, message: '' };
    return { ok: false, status: response.status, body, message: describeHttpFailure(response.status, body, kind) };
  }
}
