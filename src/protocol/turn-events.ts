/**
 * Our own small vocabulary of turn events. Every protocol adapter normalizes its wire events into
 * these, so the reducer, the controller and the components never know which protocol is speaking.
 */

/** A tool call as the UI knows it, whichever protocol reported it. */
export interface ToolCallInfo {
  /** Server-assigned call id; empty while the call is still being streamed. */
  callId: string;
  toolName: string;
  /** Arguments as text: a JSON string when the server sent one, or the raw fragments streamed so far. */
  arguments: string;
}

export type TurnEvent =
  /** A piece of the assistant's reply text. */
  | { kind: 'text-delta'; text: string }
  /** A fragment of a tool call the model is still writing (no call id is known yet). */
  | { kind: 'tool-call-fragment'; text: string }
  /**
   * A tool call the server reported. `streaming`: its arguments are still arriving (more fragments
   * follow). `parsed: false` when the server could not parse the model's call (`arguments` is raw text).
   */
  | { kind: 'tool-call'; call: ToolCallInfo; parsed: boolean; streaming?: boolean }
  /** A tool's response, matched to its call by id. */
  | { kind: 'tool-result'; callId: string; toolName: string; content: string; isError?: boolean }
  /** A safety shield blocked something; `message` is what the user should read. */
  | { kind: 'shield-violation'; level: string; message: string }
  /** Context a memory/RAG step retrieved for the model. */
  | { kind: 'retrieved-context'; text: string }
  /** The server told us the id of the turn in progress. */
  | { kind: 'turn-id'; turnId: string }
  /** The turn ended normally; `text` is the final answer, which replaces what was streamed. */
  | { kind: 'turn-complete'; turnId?: string; text: string }
  /** The model asked for tools that run in the client; the turn waits for their results. */
  | { kind: 'turn-awaiting-input'; turnId?: string; text: string; toolCalls: ToolCallInfo[]; stopReason?: string }
  /** The server reported a failure inside the stream. `message` is readable text. */
  | { kind: 'error'; message: string }
  /** A well-formed event we deliberately do not show; `reason` goes to the debug log. */
  | { kind: 'ignored'; reason: string };

export type TurnStatus = 'complete' | 'error' | 'aborted' | 'awaiting-input';

/** How a turn ended: what `send()` and `retry()` resolve with. */
export interface TurnOutcome {
  status: TurnStatus;
  /** The assistant message as it stands at the end of the turn. */
  message?: import('../state/conversation.js').ConversationMessage;
  /** Readable text for `error` (and for `awaiting-input`, what the agent is waiting for). */
  error?: string;
}

/** True for events after which the server sends nothing more for this turn. */
export function isTerminal(event: TurnEvent): boolean {
  return event.kind === 'turn-complete' || event.kind === 'turn-awaiting-input' || event.kind === 'error';
}
