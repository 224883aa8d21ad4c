/**
 * The mock Llama Stack's scripting API and the events it streams, for tests that must not load src/
 * (test/bundle/ runs the built bundle, which defines the elements itself). test/support/mock.ts
 * re-exports all of it with the element helpers.
 */

declare global {
  interface Window {
    __MOCK_URL__: string;
    __CLOSED_PORT_URL__: string;
  }
}

export const mockUrl = (): string => window.__MOCK_URL__;

export type ScriptChunk = string | { base64: string } | { delayMs: number } | { gate: string };
export interface ScriptedTurn {
  status?: number;
  /** A null value removes that header. */
  headers?: Record<string, string | null>;
  chunks: ScriptChunk[];
  /** `reset`: the socket is destroyed before any byte of the response. */
  end?: 'close' | 'hang' | 'destroy' | 'reset';
  chunkDelayMs?: number;
}
export type Flavour = 'llama-stack-0.2' | 'llama-stack-0.3' | 'ogx-0.8' | 'openai-compatible';

export interface MockScript extends Partial<ScriptedTurn> {
  /** Which server the script's base URL impersonates (default llama-stack-0.3). */
  flavour?: Flavour;
  turns?: ScriptedTurn[];
  history?: unknown[];
  /** Responses API: the conversation items `GET …/items` serves. */
  items?: unknown[];
  conversationId?: string;
  sessionId?: string;
  sessionStatus?: number;
  sessionBody?: unknown;
  getSessionStatus?: number;
  getSessionBody?: unknown;
  createSessionStatus?: number;
  createSessionBody?: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** True while the mock's response is still open. */
  open: boolean;
  /** Once closed: true if the mock ended the response, false if the client went away first. */
  endedByServer: boolean;
}

/**
 * Registers a script on the mock. `id` is the scripted agent's id (for the root, 0.3.5 server);
 * `baseUrl` is a server of the script's flavour on which every request belongs to this script.
 */
export async function scripted(script: MockScript): Promise<{ id: string; baseUrl: string }> {
  const response = await fetch(`${mockUrl()}/__mock/scripts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ chunks: [], ...script }),
  });
  if (!response.ok) throw new Error(`mock script rejected: ${response.status} ${await response.text()}`);
  const { agent_id: id, base_path: basePath } = (await response.json()) as { agent_id: string; base_path: string };
  return { id, baseUrl: `${mockUrl()}${basePath}` };
}

/** Registers a scripted agent on the root (0.3.5) mock and returns its id. */
export async function scriptedAgent(script: MockScript): Promise<string> {
  return (await scripted(script)).id;
}

/**
 * Opens the gate `name` of a scripted agent: its stream, held at a `{ gate: name }` chunk, goes on. Tests
 * that must observe a reply mid-stream hold it at a gate instead of hoping a delay outlasts a busy machine.
 */
export async function openGate(agentId: string, name: string): Promise<void> {
  const response = await fetch(`${mockUrl()}/__mock/scripts/${encodeURIComponent(agentId)}/gates/${encodeURIComponent(name)}`, {
    method: 'POST',
  });
  if (!response.ok) throw new Error(`could not open gate ${name}: ${response.status}`);
}

/** Every request the mock received for this agent, preflights excluded unless asked for. */
export async function requestsFor(agentId: string, { withPreflights = false } = {}): Promise<RecordedRequest[]> {
  const all = (await (await fetch(`${mockUrl()}/__mock/requests?agent_id=${encodeURIComponent(agentId)}`)).json()) as RecordedRequest[];
  return withPreflights ? all : all.filter((r) => r.method !== 'OPTIONS');
}

// ------------------------------------------------------------ Agents API events, as a 0.3.5 server writes them

export const frame = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;
const payload = (p: Record<string, unknown>) => ({ event: { payload: p } });
export const STEP = 'c0ffee00-0000-4000-8000-000000000001';
export const TURN = 'c0ffee00-0000-4000-8000-0000000000aa';

export const events = {
  stepStart: (stepType = 'inference') => payload({ event_type: 'step_start', step_type: stepType, step_id: STEP, metadata: {} }),
  text: (text: string) => payload({ event_type: 'step_progress', step_type: 'inference', step_id: STEP, delta: { type: 'text', text } }),
  stepComplete: (text = '') =>
    payload({
      event_type: 'step_complete',
      step_type: 'inference',
      step_id: STEP,
      step_details: {
        turn_id: TURN,
        step_id: STEP,
        step_type: 'inference',
        model_response: { role: 'assistant', content: text, stop_reason: 'end_of_turn', tool_calls: [] },
      },
    }),
  turnComplete: (text: string) =>
    payload({
      event_type: 'turn_complete',
      turn: {
        turn_id: TURN,
        session_id: 's',
        input_messages: [],
        steps: [],
        output_message: { role: 'assistant', content: text, stop_reason: 'end_of_turn', tool_calls: [] },
        started_at: '2026-11-24T00:00:00Z',
      },
    }),
  /** A tool-call delta: the call so far (`in_progress`), or all of it (`succeeded`, `failed`). */
  toolCall: (toolCall: unknown, parseStatus: 'in_progress' | 'succeeded' | 'failed') =>
    payload({
      event_type: 'step_progress',
      step_type: 'inference',
      step_id: STEP,
      delta: { type: 'tool_call', tool_call: toolCall, parse_status: parseStatus },
    }),
  /** The turn stops to wait for client tools: `calls`, after the model said `text`. */
  awaitingInput: (calls: unknown[], text = '') =>
    payload({
      event_type: 'turn_awaiting_input',
      turn: {
        turn_id: TURN,
        session_id: 's',
        input_messages: [],
        steps: [],
        output_message: { role: 'assistant', content: text, stop_reason: 'end_of_message', tool_calls: calls },
        started_at: '2026-11-24T00:00:00Z',
      },
    }),
  error: (message: string) => ({ error: { message } }),
};

/** A whole well-formed turn streaming `deltas`, as SSE frames, one chunk per event. */
export function turnFrames(deltas: string[], finalText = deltas.join('')): string[] {
  return [
    frame(events.stepStart()),
    ...deltas.map((d) => frame(events.text(d))),
    frame(events.stepComplete(finalText)),
    frame(events.turnComplete(finalText)),
  ];
}

// ------------------------------------------------------------ Responses API events, as an OGX 0.8 server writes them

let sequence = 0;
const seq = () => sequence++;
const response = (status: string, output: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  id: 'resp_test',
  object: 'response',
  status,
  output,
  error: null,
  incomplete_details: null,
  ...extra,
});
const message = (text: string) => ({
  id: 'msg_test',
  type: 'message',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text, annotations: [] }],
});

export const responseEvents = {
  created: () => ({ type: 'response.created', sequence_number: seq(), response: response('in_progress') }),
  text: (delta: string) => ({
    type: 'response.output_text.delta',
    sequence_number: seq(),
    item_id: 'msg_test',
    output_index: 0,
    content_index: 0,
    delta,
    logprobs: [],
  }),
  completed: (text: string, output: unknown[] = [message(text)]) => ({
    type: 'response.completed',
    sequence_number: seq(),
    response: response('completed', output),
  }),
  failed: (messageText: string) => ({
    type: 'response.failed',
    sequence_number: seq(),
    response: response('failed', [], { error: { code: 'server_error', message: messageText } }),
  }),
  incomplete: (text: string) => ({
    type: 'response.incomplete',
    sequence_number: seq(),
    response: response('incomplete', [message(text)], { incomplete_details: { reason: 'length' } }),
  }),
  error: (messageText: string) => ({ type: 'error', code: '404', message: messageText, param: null, sequence_number: seq() }),
};

/** A whole well-formed Responses stream of `deltas`, one chunk per event. */
export function responseFrames(deltas: string[], finalText = deltas.join('')): string[] {
  return [frame(responseEvents.created()), ...deltas.map((d) => frame(responseEvents.text(d))), frame(responseEvents.completed(finalText))];
}
