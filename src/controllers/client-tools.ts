/**
 * Running a client-side tool the agent asked for. The host page decides how, in this order:
 * 1. a listener of the cancelable `llama-chat-tool-call` event calls `detail.respondWith(result)`;
 * 2. a listener cancels the event without responding: the tool is refused (the agent is told so);
 * 3. otherwise the `clientTools` map's function for that tool name runs;
 * 4. nobody provides it: `handled: false`, and the turn pauses with a readable notice.
 * Results are sent back as text: strings as they are, anything else as JSON; a throw sends its message.
 */
import type { ToolCallInfo } from '../protocol/turn-events.js';
import type { ClientToolResult } from './chat-controller.js';

export type ClientTool = (args: unknown, call: ToolCallInfo) => unknown;
export type ClientTools = Record<string, ClientTool>;

export interface LlamaChatToolCallDetail {
  callId: string;
  toolName: string;
  /** The arguments, parsed from JSON when they are JSON, else the raw text. */
  arguments: unknown;
  /** Answer the call with a value or a promise of one; the first answer wins. */
  respondWith(result: unknown): void;
}

export function parseArguments(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value);
  } catch {
    // Not JSON (a cycle, a BigInt): the value's own string form is the best text left.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return String(value);
  }
}

export async function runClientTool(host: HTMLElement, tools: ClientTools | undefined, call: ToolCallInfo): Promise<ClientToolResult> {
  const args = parseArguments(call.arguments);
  let answer: Promise<unknown> | undefined;
  const detail: LlamaChatToolCallDetail = {
    callId: call.callId,
    toolName: call.toolName,
    arguments: args,
    respondWith: (result) => void (answer ??= Promise.resolve(result)),
  };
  const allowed = host.dispatchEvent(new CustomEvent('llama-chat-tool-call', { bubbles: true, composed: true, cancelable: true, detail }));
  if (!answer && !allowed) return { handled: true, content: `The page declined to run ${call.toolName}.`, isError: true };
  const tool = tools && Object.prototype.hasOwnProperty.call(tools, call.toolName) ? tools[call.toolName] : undefined;
  if (!answer && typeof tool !== 'function') return { handled: false };
  try {
    const value = await (answer ?? Promise.resolve().then(() => tool!(args, call)));
    return { handled: true, content: asText(value), isError: false };
  } catch (error) {
    return { handled: true, content: `Error: ${error instanceof Error ? error.message : asText(error)}`, isError: true };
  }
}
