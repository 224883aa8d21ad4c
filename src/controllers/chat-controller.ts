/**
 * The reactive controller behind <llama-agent-chat>: the only place with I/O.
 *
 * It finds out which protocol the server speaks, owns the stream of the turn in progress, the idle
 * timer, the abort, client-side tool rounds, the once-per-frame commit of conversation state to the
 * host, and the cleanup when the host leaves the page. Protocol knowledge lives in the ChatProtocol
 * adapters; conversation rules live in the pure reducer.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiPreference } from '../protocol/detect.js';
import { describeHttpFailure, describeIdleTimeout, describeNetworkFailure, describeUnfinishedStream } from '../protocol/errors.js';
import type { ApiName, ChatConfig, ChatProtocol, HttpRequestSpec, ToolOutput } from '../protocol/protocol.js';
import { isTerminal, type ToolCallInfo, type TurnEvent, type TurnOutcome } from '../protocol/turn-events.js';
import {
  emptyConversation,
  reduceConversation,
  retryableTurn,
  type ConversationMessage,
  type Conversation,
  type ConversationAction,
} from '../state/conversation.js';
import { openEventStream, parsePayloads, type EventStream } from './event-stream.js';
import { createFrameScheduler, type FrameScheduler } from './frame-scheduler.js';
import { fetchHistory, historyFailed, type HistoryOutcome } from './history.js';
import { requestJson } from './http.js';
import { detectProtocol, type FetchJson } from './protocol-resolver.js';
import { redactSecrets } from './redact.js';

/** Everything the controller reads from its host, read fresh at each use. */
export interface ChatSettings extends ChatConfig {
  api: ApiPreference;
  sessionId: string;
  headers: Record<string, string>;
  idleTimeout: number;
  debug: boolean;
}

/** What a client-side tool produced; `handled: false` when the page provides no such tool. */
export type ClientToolResult = { handled: false } | { handled: true; content: string; isError: boolean };

/** What the controller tells (and asks) its host; the host turns these into public DOM events. */
export interface ChatHostBridge {
  sent(text: string): void;
  sessionCreated(sessionId: string): void;
  agentCreated(agentId: string): void;
  apiResolved(api: ApiName): void;
  turnEnded(outcome: TurnOutcome): void;
  failed(message: string): void;
  runClientTool(call: ToolCallInfo): Promise<ClientToolResult>;
}

/** A problem that is not one message's failure: the conversation itself could not be shown. */
export interface ChatNotice {
  kind: 'session-not-found' | 'history-failed';
  message: string;
}

type Ending =
  | { kind: 'event'; event: TurnEvent }
  | { kind: 'paused'; notice: string }
  | { kind: 'failed'; message: string }
  | { kind: 'aborted'; message: string };

interface ActiveTurn {
  readonly abort: AbortController;
  readonly resolve: (outcome: TurnOutcome) => void;
  stream?: EventStream;
  idleTimer?: number;
  receivedAnything: boolean;
  contentType: string;
  toolRounds: number;
  /** Read once per turn, so the per-event path does not rebuild the settings. */
  readonly debug: boolean;
  ended: boolean;
}

interface HistoryLoad {
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

const logDebug = (...args: unknown[]) => console.debug('[llama-agent-chat]', ...args);

const STOPPED_MESSAGE = 'You stopped this reply.';
const SWITCHED_MESSAGE = 'The conversation was switched before this reply finished.';
const REMOVED_MESSAGE = 'The chat was removed from the page before this reply finished.';
/** Client-tool rounds in one turn before we stop resuming (a model calling tools forever). */
const MAX_TOOL_ROUNDS = 10;
/**
 * How long a stream may stay open after its final event before we close it ourselves. The server
 * ends it on its own after its teardown; a few seconds covers that without holding a dead request.
 */
const STREAM_GRACE_MS = 3000;

export class ChatController implements ReactiveController {
  /** The conversation as of the last event: what the public `messages` property reports. */
  conversation: Conversation = emptyConversation;
  /** The conversation as of the last frame commit: what the host renders. */
  rendered: Conversation = emptyConversation;
  sessionId = '';
  /** The agent this controller created (zero-setup), so the host's reflection of it is not a switch. */
  createdAgentId = '';
  notice: ChatNotice | undefined;
  loadingHistory = false;

  private currentProtocol: ChatProtocol | undefined;
  /** The server and preference the protocol was resolved for. */
  private resolvedFor = '';
  private activeTurn: ActiveTurn | undefined;
  private historyLoad: HistoryLoad | undefined;
  /** Streams whose final event arrived, left for the server to end (see `releaseStream`). */
  private readonly releasedStreams = new Set<EventStream>();
  private nextId = 0;
  private readonly scheduler: FrameScheduler;
  /** Set between a disconnect and the task after it: a reconnect in between is a move, not a removal. */
  private removalTimer: number | undefined;

  constructor(
    private readonly litHost: ReactiveControllerHost,
    private readonly readSettings: () => ChatSettings,
    private readonly bridge: ChatHostBridge,
  ) {
    this.scheduler = createFrameScheduler(() => this.commitToHost());
    litHost.addController(this);
  }

  get streaming(): boolean {
    return this.activeTurn !== undefined;
  }

  /** The protocol in use, once known. */
  get api(): ApiName | undefined {
    return this.currentProtocol?.api;
  }

  /**
   * Frameworks and dialogs move a node by removing and re-inserting it in the same task, which Lit
   * reports as hostDisconnected + hostConnected. Ending the reply at once would lose it on every
   * move, so the removal only counts once a task has passed without the host coming back.
   */
  hostDisconnected(): void {
    window.clearTimeout(this.removalTimer);
    this.removalTimer = window.setTimeout(() => this.leavePage(), 0);
  }

  hostConnected(): void {
    window.clearTimeout(this.removalTimer);
    this.removalTimer = undefined;
  }

  /** The host stayed off the page: end everything that would otherwise keep running for nobody. */
  private leavePage(): void {
    this.removalTimer = undefined;
    this.abortTurn(REMOVED_MESSAGE);
    for (const stream of this.releasedStreams) stream.close();
    this.releasedStreams.clear();
    this.cancelHistoryLoad();
    this.scheduler.cancel();
  }

  /** Which attributes are missing, as a sentence, or '' when the element is configured. */
  configProblem(): string {
    const s = this.readSettings();
    const api = this.currentProtocol?.api ?? (s.api === 'auto' ? undefined : s.api);
    const missing: string[] = [];
    if (!s.baseUrl) missing.push('base-url');
    if (api === 'agents' && !s.agentId && !s.model) missing.push('agent-id');
    if (api === 'responses' && !s.model) missing.push('model');
    if (!api && !s.agentId && !s.model) missing.push('agent-id (Agents API) or model');
    return missing.length ? `Set the ${missing.join(' and ')} attribute${missing.length > 1 ? 's' : ''} to start chatting.` : '';
  }

  /** Why a message cannot be sent right now, as a sentence, or '' when it can. */
  cannotSendReason(): string {
    if (this.activeTurn) return 'A reply is still streaming; stop it or wait for it to finish.';
    return this.configProblem();
  }

  send(text: string): Promise<TurnOutcome> {
    const problem = this.cannotSendReason();
    if (problem) return Promise.reject(new Error(problem));
    this.reduceNow({ type: 'turn-started', userId: this.newId(), assistantId: this.newId(), text });
    this.bridge.sent(text);
    return this.runTurn(text);
  }

  /** Re-sends the last user message whose reply failed or was stopped, replacing that reply. */
  retry(): Promise<TurnOutcome> {
    const problem = this.cannotSendReason();
    if (problem) return Promise.reject(new Error(problem));
    const turn = retryableTurn(this.conversation);
    if (!turn) return Promise.reject(new Error('There is no failed reply to retry.'));
    this.reduceNow({ type: 'turn-restarted', assistantId: this.newId() });
    this.bridge.sent(turn.user.content);
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
    this.reduceNow({ type: 'cleared' });
    if (sessionId && !this.configProblem()) this.startLoadingHistory(sessionId);
  }

  // ---------------------------------------------------------------- conversation state and commits

  private newId(): string {
    return `m${++this.nextId}`;
  }

  /** Reduce, then commit at once (for user-visible steps such as the placeholder appearing). */
  private reduceNow(action: ConversationAction): void {
    this.conversation = reduceConversation(this.conversation, action);
    this.scheduler.cancel();
    this.commitToHost();
  }

  private commitToHost(): void {
    this.rendered = this.conversation;
    this.litHost.requestUpdate();
  }

  private lastAssistant(): ConversationMessage | undefined {
    const messages = this.conversation.messages;
    const last = messages[messages.length - 1];
    return last?.sender === 'assistant' ? last : undefined;
  }

  // ---------------------------------------------------------------- which protocol

  /** The protocol for the current server, asked once per server and preference; throws a readable Error. */
  private async resolveProtocol(signal: AbortSignal): Promise<ChatProtocol> {
    const { baseUrl, api: preference, debug } = this.readSettings();
    const key = `${preference} ${baseUrl}`;
    if (this.currentProtocol && this.resolvedFor === key) return this.currentProtocol;
    const { protocol, known, version } = await detectProtocol(baseUrl, preference, this.fetchJson, signal);
    if (debug) logDebug(`server version ${version?.join('.') ?? 'unknown'}: using the ${protocol.api} API`);
    if (known) {
      this.currentProtocol = protocol;
      this.resolvedFor = key;
      this.bridge.apiResolved(protocol.api);
    }
    return protocol;
  }

  /** Forget the resolved protocol (the host changed base-url or api). */
  resetProtocol(): void {
    this.currentProtocol = undefined;
    this.resolvedFor = '';
  }

  /** A readable error when the resolved protocol needs an attribute the host did not set. */
  private mismatch(protocol: ChatProtocol): string {
    const s = this.readSettings();
    if (protocol.api === 'responses' && !s.model) {
      return 'This server speaks the Responses API (Llama Stack 0.4 or later, or an OpenAI-compatible server), which needs the model attribute; agent-id is only for the Agents API of Llama Stack 0.3 and older.';
    }
    if (protocol.api === 'agents' && !s.agentId && !s.model)
      return 'This server speaks the Agents API: set the agent-id attribute (or model, to create an agent).';
    return '';
  }

  // ---------------------------------------------------------------- history

  private startLoadingHistory(sessionId: string): void {
    const abort = new AbortController();
    this.loadingHistory = true;
    this.litHost.requestUpdate();
    const done = this.fetchHistory(sessionId, abort.signal).then((outcome) => {
      if (abort.signal.aborted) return;
      this.historyLoad = undefined;
      this.loadingHistory = false;
      if ('messages' in outcome) {
        // Prepend: the user may have sent a message while the history was loading.
        this.reduceNow({ type: 'history-loaded', messages: [...outcome.messages, ...this.conversation.messages] });
        return;
      }
      this.notice = { ...outcome.notice, message: this.redact(outcome.notice.message) };
      this.litHost.requestUpdate();
      this.bridge.failed(this.notice.message);
    });
    this.historyLoad = { abort, done };
  }

  private async fetchHistory(sessionId: string, signal: AbortSignal): Promise<HistoryOutcome> {
    let protocol: ChatProtocol;
    try {
      protocol = await this.resolveProtocol(signal);
    } catch (error) {
      return historyFailed((error as Error).message);
    }
    return fetchHistory(protocol, this.readSettings(), sessionId, this.fetchJson, signal);
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
        abort: new AbortController(),
        resolve,
        receivedAnything: false,
        contentType: '',
        toolRounds: 0,
        debug: this.readSettings().debug,
        ended: false,
      };
      this.activeTurn = turn;
      this.touch(turn, false);
      this.litHost.requestUpdate();
      void this.openTurn(turn, text);
    });
  }

  private async openTurn(turn: ActiveTurn, text: string): Promise<void> {
    if (this.historyLoad) await this.historyLoad.done;
    if (turn.ended) return;
    let protocol: ChatProtocol;
    try {
      protocol = await this.resolveProtocol(turn.abort.signal);
    } catch (error) {
      return this.endTurn(turn, { kind: 'failed', message: (error as Error).message });
    }
    if (turn.ended) return;
    const mismatch = this.mismatch(protocol);
    if (mismatch) return this.endTurn(turn, { kind: 'failed', message: mismatch });
    if (protocol.api === 'agents' && !this.readSettings().agentId && !(await this.createZeroSetupAgent(turn, protocol))) return;
    if (!this.sessionId) {
      const created = await this.fetchJson(protocol.createSession(this.readSettings()), 'session', turn.abort.signal);
      if (turn.ended) return;
      if (!created.ok) return this.endTurn(turn, { kind: 'failed', message: `Could not start a conversation. ${created.message}` });
      const sessionId = protocol.sessionIdFrom(created.body);
      if (!sessionId) return this.endTurn(turn, { kind: 'failed', message: 'The server did not say which conversation it started.' });
      this.sessionId = sessionId;
      this.bridge.sessionCreated(sessionId);
      this.touch(turn, true);
    }
    this.openStream(turn, protocol, protocol.startTurn(this.readSettings(), this.sessionId, text));
  }

  /** Zero-setup Agents mode: a model but no agent-id creates the agent once. */
  private async createZeroSetupAgent(turn: ActiveTurn, protocol: ChatProtocol): Promise<boolean> {
    const spec = protocol.createAgent?.(this.readSettings());
    if (!spec) return true;
    const created = await this.fetchJson(spec, 'agent', turn.abort.signal);
    if (turn.ended) return false;
    const agentId = (created.body as { agent_id?: unknown } | undefined)?.agent_id;
    if (!created.ok || typeof agentId !== 'string' || !agentId) {
      this.endTurn(turn, {
        kind: 'failed',
        message: `Could not create an agent for the model ${this.readSettings().model}. ${created.message}`,
      });
      return false;
    }
    this.createdAgentId = agentId;
    this.bridge.agentCreated(agentId);
    this.touch(turn, true);
    return true;
  }

  private openStream(turn: ActiveTurn, protocol: ChatProtocol, spec: HttpRequestSpec): void {
    turn.contentType = '';
    turn.stream = openEventStream(spec, this.readSettings().headers, {
      open: (contentType) => {
        turn.contentType = contentType;
        this.touch(turn, true);
      },
      bytes: () => this.touch(turn, true),
      data: (raw) => this.onData(turn, protocol, raw),
      httpError: (status, body, retryAfter) =>
        this.endTurn(turn, { kind: 'failed', message: describeHttpFailure(status, body, 'turn', retryAfter) }),
      networkError: () =>
        this.endTurn(turn, { kind: 'failed', message: describeNetworkFailure(this.readSettings().baseUrl, turn.receivedAnything) }),
      ended: () => this.endTurn(turn, { kind: 'failed', message: describeUnfinishedStream(turn.contentType) }),
    });
  }

  private onData(turn: ActiveTurn, protocol: ChatProtocol, raw: string): void {
    if (turn.ended) return;
    if (turn.debug) logDebug('event', this.redact(raw));
    for (const data of parsePayloads(raw)) {
      if (data === undefined) {
        if (turn.debug) logDebug('skipped an event that is not JSON');
        continue;
      }
      if (!this.handlePayload(turn, protocol, data)) return;
    }
    this.scheduler.schedule();
  }

  /** Reduces one parsed payload; false once the turn left this stream (ended, or paused for tools). */
  private handlePayload(turn: ActiveTurn, protocol: ChatProtocol, data: unknown): boolean {
    for (const event of protocol.normalize(data)) {
      if (event.kind === 'ignored') {
        if (turn.debug) logDebug(`ignored: ${event.reason}`);
        continue;
      }
      const shown = event.kind === 'error' ? { ...event, message: this.redact(event.message) } : event;
      this.conversation = reduceConversation(this.conversation, { type: 'turn-event', event: shown });
      if (event.kind === 'turn-awaiting-input') {
        void this.runClientTools(turn, protocol, event);
        return false;
      }
      if (isTerminal(event)) {
        this.endTurn(turn, { kind: 'event', event: shown });
        return false;
      }
    }
    return true;
  }

  /**
   * The model asked for tools that run in the page: run them (the host decides how), show their
   * results, and resume the turn with them — or pause the turn, readably, when that cannot be done.
   */
  private async runClientTools(turn: ActiveTurn, protocol: ChatProtocol, event: Extract<TurnEvent, { kind: 'turn-awaiting-input' }>) {
    this.releaseStream(turn);
    window.clearTimeout(turn.idleTimer);
    this.scheduler.flushNow();
    this.commitToHost();
    const names = event.toolCalls.map((c) => c.toolName).join(', ') || 'a tool';
    if (event.stopReason === 'end_of_turn' || turn.toolRounds >= MAX_TOOL_ROUNDS) {
      return this.endTurn(turn, { kind: 'paused', notice: `The agent stopped at its step limit while waiting for ${names}.` });
    }
    turn.toolRounds++;
    const outputs: ToolOutput[] = [];
    for (const call of event.toolCalls) {
      const result = await this.bridge.runClientTool(call);
      if (turn.ended) return;
      if (!result.handled) {
        return this.endTurn(turn, {
          kind: 'paused',
          notice: `The agent asked for the browser tool ${call.toolName}, which this page does not provide.`,
        });
      }
      this.reduceNow({
        type: 'turn-event',
        event: { kind: 'tool-result', callId: call.callId, toolName: call.toolName, content: result.content, isError: result.isError },
      });
      outputs.push({ callId: call.callId, toolName: call.toolName, content: result.content });
    }
    const turnId = event.turnId ?? this.lastAssistant()?.turnId ?? '';
    this.touch(turn, false);
    this.openStream(turn, protocol, protocol.resumeTurn(this.readSettings(), this.sessionId, turnId, outputs));
  }

  /** Any byte from the server (or the start of a request) restarts the idle timer. */
  private touch(turn: ActiveTurn, fromServer: boolean): void {
    if (turn.ended) return;
    if (fromServer) turn.receivedAnything = true;
    window.clearTimeout(turn.idleTimer);
    const ms = this.readSettings().idleTimeout;
    if (ms > 0) {
      turn.idleTimer = window.setTimeout(() => this.endTurn(turn, { kind: 'failed', message: describeIdleTimeout(ms) }), ms);
    }
  }

  private abortTurn(message: string): void {
    if (this.activeTurn) this.endTurn(this.activeTurn, { kind: 'aborted', message });
  }

  /** The text with every secret the host gave in `headers` blanked out (see redactSecrets). */
  private redact(text: string): string {
    return redactSecrets(text, this.readSettings().headers);
  }

  private endTurn(turn: ActiveTurn, original: Ending): void {
    if (turn.ended) return;
    const ending =
      original.kind === 'failed' || original.kind === 'aborted' ? { ...original, message: this.redact(original.message) } : original;
    turn.ended = true;
    window.clearTimeout(turn.idleTimer);
    turn.abort.abort();
    // The server said the turn is over: let it end its response. Anything else (a stop, a switch, a
    // failure, a timeout) means we no longer want the stream.
    if (ending.kind === 'event') this.releaseStream(turn);
    else turn.stream?.close();
    if (this.activeTurn === turn) this.activeTurn = undefined;

    if (ending.kind === 'failed')
      this.conversation = reduceConversation(this.conversation, { type: 'turn-failed', message: ending.message });
    if (ending.kind === 'aborted')
      this.conversation = reduceConversation(this.conversation, { type: 'turn-aborted', message: ending.message });
    if (ending.kind === 'paused') this.conversation = reduceConversation(this.conversation, { type: 'turn-paused', notice: ending.notice });
    this.scheduler.cancel();
    this.commitToHost();

    const message = this.lastAssistant();
    const outcome: TurnOutcome =
      ending.kind === 'paused'
        ? { status: 'awaiting-input', message, error: ending.notice }
        : message?.status === 'error'
          ? { status: 'error', message, error: message.error }
          : message?.status === 'aborted'
            ? { status: 'aborted', message, error: message.error }
            : { status: 'complete', message };
    if (outcome.status === 'error' && outcome.error) this.bridge.failed(outcome.error);
    this.bridge.turnEnded(outcome);
    turn.resolve(outcome);
  }

  /** Stops listening to the turn's stream after its final event, leaving the server to end it. */
  private releaseStream(turn: ActiveTurn): void {
    const stream = turn.stream;
    turn.stream = undefined;
    if (!stream) return;
    this.releasedStreams.add(stream);
    void stream.release(STREAM_GRACE_MS).then(() => this.releasedStreams.delete(stream));
  }

  // ---------------------------------------------------------------- plain HTTP

  /** A plain JSON request with the host's base URL and headers; a property, so it can be handed on. */
  private readonly fetchJson: FetchJson = (spec, kind, signal) => {
    const { baseUrl, headers } = this.readSettings();
    return requestJson(spec, kind, { baseUrl, headers, signal });
  };
}
