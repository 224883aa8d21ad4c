// @ts-check
/** The response object of the Responses API and the numbering of its events, as 0.8.0 writes them. */

import { randomUUID } from 'node:crypto';
import { PyFloat } from '../python-json.js';
import { nowSeconds } from './ids.js';

const F = (/** @type {number} */ v) => new PyFloat(v);

/** The tools as the real server echoes them in the response object. @param {unknown} tools */
function echoTools(tools) {
  if (!Array.isArray(tools)) return [];
  return tools.map((t) => {
    if (!t || typeof t !== 'object') return t;
    if (t.type === 'function') {
      return {
        type: 'function',
        name: t.name,
        description: t.description ?? null,
        parameters: t.parameters ?? null,
        strict: t.strict ?? null,
      };
    }
    if (t.type === 'mcp') return { type: 'mcp', server_label: t.server_label, allowed_tools: t.allowed_tools ?? null };
    return t;
  });
}

/**
 * Builds the events of one response; `sequence_number` and the output list live here.
 */
export class ResponseBuilder {
  /**
   * @param {{ model: string, request: Record<string, any>, inputTokens: number }} opts
   */
  constructor({ model, request, inputTokens }) {
    this.id = `resp_${randomUUID()}`;
    this.createdAt = nowSeconds();
    this.model = model;
    this.request = request;
    this.inputTokens = inputTokens;
    this.outputTokens = 0;
    this.seq = -1;
    /** @type {object[]} */
    this.output = [];
    this.tools = echoTools(request.tools);
  }

  /**
   * An event: the given fields, then `sequence_number` and `type`, like the pydantic models.
   * @param {string} type @param {Record<string, unknown>} fields
   */
  event(type, fields = {}) {
    return { ...fields, sequence_number: ++this.seq, type };
  }

  /** Leaves a `sequence_number` unused, as the real server does around server-side tool calls. */
  skipSequenceNumber() {
    this.seq++;
  }

  usage() {
    return {
      input_tokens: this.inputTokens,
      output_tokens: this.outputTokens,
      total_tokens: this.inputTokens + this.outputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    };
  }

  /**
   * The response object, fields in the order of 0.8.0's `OpenAIResponseObject`.
   * @param {'in_progress' | 'completed' | 'incomplete' | 'failed'} status
   * @param {{ error?: object, incomplete_details?: object, output?: object[], usage?: object | null }} [extra]
   */
  snapshot(status, extra = {}) {
    const r = this.request;
    const num = (/** @type {unknown} */ v, /** @type {number} */ d) => F(typeof v === 'number' ? v : d);
    return {
      background: false,
      created_at: this.createdAt,
      completed_at: status === 'completed' ? nowSeconds() : null,
      error: extra.error ?? null,
      frequency_penalty: num(r.frequency_penalty, 0),
      id: this.id,
      incomplete_details: extra.incomplete_details ?? null,
      model: this.model,
      object: 'response',
      output: structuredClone(extra.output ?? this.output),
      parallel_tool_calls: typeof r.parallel_tool_calls === 'boolean' ? r.parallel_tool_calls : true,
      previous_response_id: typeof r.previous_response_id === 'string' ? r.previous_response_id : null,
      prompt_cache_key: null,
      prompt: null,
      status,
      temperature: num(r.temperature, 1),
      text: { format: { type: 'text' }, verbosity: null },
      top_p: num(r.top_p, 1),
      top_logprobs: 0,
      tools: structuredClone(this.tools),
      tool_choice: typeof r.tool_choice === 'string' ? r.tool_choice : 'auto',
      truncation: 'disabled',
      usage: extra.usage === undefined ? (status === 'in_progress' ? null : this.usage()) : extra.usage,
      instructions: typeof r.instructions === 'string' ? r.instructions : null,
      max_tool_calls: null,
      reasoning: null,
      max_output_tokens: typeof r.max_output_tokens === 'number' ? r.max_output_tokens : null,
      safety_identifier: null,
      service_tier: 'default',
      metadata: r.metadata && typeof r.metadata === 'object' ? r.metadata : null,
      presence_penalty: num(r.presence_penalty, 0),
      store: true,
    };
  }
}
