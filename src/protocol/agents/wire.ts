/**
 * Wire types of the Llama Stack Agents API (0.1–0.3), taken from the vendor's own SDK so they stay in
 * step with it. Type-only imports: nothing from the SDK ships in the bundle.
 *
 * The normalizer reads the wire leniently (the real server departs from these types: the in-band
 * error event is not in the schema at all, and a tool-call delta's `tool_call` is a string fragment
 * while `parse_status` is `in_progress`), but the names it switches on are checked against them here,
 * so a misspelt or renamed event or step type fails to compile.
 */
import type { TurnCreateParamsStreaming, TurnResponseEventPayload } from 'llama-stack-client/resources/agents/turn';

/** `event_type` of a stream event: step_start, step_progress, step_complete, turn_start, … */
export type EventType = TurnResponseEventPayload['event_type'];
/** `step_type` of a step: inference, tool_execution, shield_call, memory_retrieval. */
export type StepType = TurnResponseEventPayload.AgentTurnResponseStepCompletePayload['step_type'];

/** What we post to start a turn: the streaming form of the SDK's request, with text content only. */
export type TurnRequestBody = Pick<TurnCreateParamsStreaming, 'stream'> & {
  messages: Array<{ role: 'user'; content: string }>;
};
