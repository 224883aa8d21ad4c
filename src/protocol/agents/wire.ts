/**
 * Wire types of the Llama Stack Agents API (0.1–0.3), taken from the vendor's own SDK so they stay in
 * step with it. Type-only imports: nothing from the SDK ships in the bundle.
 *
 * Where the real server departs from these types we widen them here (see
 * shared/reference/README.md): the in-band error event is not in the schema at all, and a tool-call
 * delta's `tool_call` is a string fragment while `parse_status` is `in_progress`.
 */
import type { AgentTurnResponseStreamChunk, Turn } from 'llama-stack-client/resources/agents/turn';
import type { Session } from 'llama-stack-client/resources/agents/session';
import type { ToolCall } from 'llama-stack-client/resources/shared';

export type { AgentTurnResponseStreamChunk, Turn, Session, ToolCall };

/** `data:` of an event stream: a turn event, or an error the server wrote into the 200 stream. */
export type AgentsStreamData = AgentTurnResponseStreamChunk | { error: unknown };

export interface CreateSessionResponse {
  session_id: string;
}

export interface TurnRequestBody {
  messages: Array<{ role: 'user'; content: string }>;
  stream: true;
}
