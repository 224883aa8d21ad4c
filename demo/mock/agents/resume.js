// @ts-check
/**
 * Checks of a resume of a demo turn that waits for client tools (the stream itself is ./turns.js's
 * `resumedTurn`).
 *
 * Resuming a demo turn, `POST …/session/{sid}/turn/{turn_id}/resume` with
 * `{"tool_responses": [{call_id, tool_name, content}], "stream": true}`, streams like
 * client_tool_awaiting_resume.sse: a `tool_execution` `step_complete` with no `step_start`, reusing the step id of
 * the inference step that asked, carrying the pending `tool_calls` and the `tool_responses` as sent
 * (`metadata: null` added); a new inference step answering "It is **<time>** for you, and you are reading
 * *<title>*." from the contents; `turn_complete` for the same turn id with all three steps. Like the real server
 * (its `_run_turn` stores every turn it ends, awaiting or not, under its turn id), the awaiting turn is in the
 * session's history right away — with its tool calls and `stop_reason: "end_of_message"`, not as an answer — and
 * the resumed turn replaces it: history holds the turn once. Failures:
 *   - body: no `tool_responses` list, or an item without call_id/tool_name/content → 400 validation error;
 *     `stream` not true → 501, like turns.
 *   - then HTTP 200 and one in-band `{"error": {"message": "400: Invalid value: …"}}`, nothing else: unknown agent or
 *     session (the turn route's messages); a session without turns ("No turns found for session", the real
 *     server's words); an unknown turn id; a turn that waits for nothing ("No tool call to resume in turn …");
 *     a call id that is not pending, answered twice, or a pending call left unanswered (the message names the
 *     call ids the turn waits for). The turn stays awaiting, so a corrected resume still works. The real 0.3.5
 *     server checks none of the ids itself (it resumes the session's last turn and hands the responses to the
 *     model, whose provider then rejects unmatched tool messages mid-stream); failing early and readably is the
 *     mock's choice. A resume the client abandons leaves the turn awaiting, as on the real server.
 */

/**
 * @typedef {import('./turns.js').PendingToolCalls} PendingToolCalls
 * @typedef {import('./registry.js').MockSession} MockSession
 */

/**
 * What is wrong with a resume of a demo turn, as the text after "400: Invalid value: ", or undefined.
 * @param {MockSession} session @param {string} turnId
 * @param {PendingToolCalls | undefined} pending
 * @param {{call_id: string}[]} toolResponses
 */
export function resumeProblem(session, turnId, pending, toolResponses) {
  if (!session.turns.length) return 'No turns found for session';
  if (!session.turns.some((t) => /** @type {any} */ (t).turn_id === turnId)) {
    return `Turn '${turnId}' not found in session '${session.session_id}'.`;
  }
  if (!pending) return `No tool call to resume in turn ${turnId}`;
  const list = (/** @type {string[]} */ ids) => ids.map((id) => `'${id}'`).join(', ');
  const waiting = pending.toolCalls.map((c) => `'${c.call_id}' (${c.tool_name})`).join(', ');
  const pendingIds = new Set(pending.toolCalls.map((c) => c.call_id));
  const unknown = toolResponses.map((r) => r.call_id).filter((id) => !pendingIds.has(id));
  if (unknown.length) return `Turn ${turnId} has no pending tool call with call_id ${list(unknown)}; it is waiting for ${waiting}.`;
  const seen = new Set();
  const twice = toolResponses.map((r) => r.call_id).filter((id) => seen.has(id) || !seen.add(id));
  if (twice.length) return `More than one tool response for call_id ${list([...new Set(twice)])} in turn ${turnId}.`;
  const missing = pending.toolCalls.filter((c) => !seen.has(c.call_id));
  if (missing.length) {
    return `No tool response for call_id ${missing.map((c) => `'${c.call_id}' (${c.tool_name})`).join(', ')}: turn ${turnId} is waiting for ${waiting}.`;
  }
  return undefined;
}

/**
 * FastAPI-style validation errors of a resume body (`ResumeAgentTurnRequest`), or none.
 * @param {Record<string, any>} b
 */
export function resumeBodyErrors(b) {
  if (b.tool_responses === undefined) return [{ loc: ['body', 'tool_responses'], msg: 'Field required', type: 'missing' }];
  if (!Array.isArray(b.tool_responses))
    return [{ loc: ['body', 'tool_responses'], msg: 'Input should be a valid list', type: 'list_type' }];
  /** @type {{ loc: (string | number)[], msg: string, type: string }[]} */
  const errors = [];
  b.tool_responses.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      errors.push({
        loc: ['body', 'tool_responses', i],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        type: 'model_attributes_type',
      });
      return;
    }
    for (const field of ['call_id', 'tool_name', 'content']) {
      if (r[field] === undefined) errors.push({ loc: ['body', 'tool_responses', i, field], msg: 'Field required', type: 'missing' });
      else if (field !== 'content' && typeof r[field] !== 'string') {
        errors.push({ loc: ['body', 'tool_responses', i, field], msg: 'Input should be a valid string', type: 'string_type' });
      }
    }
  });
  return errors;
}
