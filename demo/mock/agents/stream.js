// @ts-check
/**
 * Streams demo turns and resumes: `data: <compact JSON>\n\n` frames only (no `event:`, no `id:`, no comments,
 * no `[DONE]`), one every `chunkDelayMs`. Failures during a turn (unknown agent or session, a provider error)
 * arrive in-band after the 200, written the way Python's `json.dumps` writes them (see ../http.js).
 */

import { randomUUID } from 'node:crypto';
import { responseAbort, sleep } from '../abortable.js';
import { legacyErrorFrame, sseData, startSse } from '../http.js';
import { isoNow } from '../python-json.js';
import { agentNotFound, sessionNotFound } from './registry.js';
import { resumeProblem } from './resume.js';
import { browserToolCalls, lastUserText, pickScenario } from './scenarios.js';
import { demoTurn, normalizeInputMessages, resumedTurn } from './turns.js';

/**
 * @typedef {import('../http.js').Req} Req
 * @typedef {import('../http.js').Res} Res
 * @typedef {import('./registry.js').MockAgent} MockAgent
 * @typedef {import('./registry.js').MockSession} MockSession
 * @typedef {import('./steps.js').TurnCtx} TurnCtx
 * @typedef {import('./steps.js').TurnItem} TurnItem
 * @typedef {import('./turns.js').PendingToolCalls} PendingToolCalls
 */

/**
 * The demo turn streams of one mock instance; it remembers which turns wait for client tools.
 * @param {{ chunkDelayMs: number, slowChunkDelayMs: number }} timing
 */
export function createTurnStreams({ chunkDelayMs, slowChunkDelayMs }) {
  /** Client tool calls that demo turns wait for, by session and turn id. @type {WeakMap<MockSession, Map<string, PendingToolCalls>>} */
  const pendingToolCalls = new WeakMap();

  /**
   * Starts the event stream of a turn in `sessionId`; with no such agent or session, ends it at once with
   * the in-band error the real server sends (on HTTP 200, like every error once the stream began).
   * @param {Req} req @param {Res} res
   * @param {MockAgent | undefined} agent
   * @param {string} agentId @param {string} sessionId
   */
  function openSessionStream(req, res, agent, agentId, sessionId) {
    const signal = responseAbort(res);
    startSse(req, res);
    const session = agent?.sessions.get(sessionId);
    if (!agent || !session) {
      res.end(legacyErrorFrame(`400: ${agent ? sessionNotFound(sessionId) : agentNotFound(agentId)}`));
      return undefined;
    }
    return { signal, session, agent };
  }

  /**
   * Streams a demo turn.
   * @param {Req} req @param {Res} res
   * @param {MockAgent | undefined} agent
   * @param {string} agentId @param {string} sessionId
   * @param {unknown[]} messages
   */
  async function streamDemoTurn(req, res, agent, agentId, sessionId, messages) {
    const opened = openSessionStream(req, res, agent, agentId, sessionId);
    if (!opened) return;
    const { signal, session } = opened;
    const userText = lastUserText(messages);
    let scenario = pickScenario(userText);
    const clientCalls = scenario === 'client_tool' ? browserToolCalls(userText, opened.agent.agent_config) : [];
    if (scenario === 'client_tool' && !clientCalls.length) scenario = 'default';
    const wait = scenario === 'slow' ? slowChunkDelayMs : chunkDelayMs;
    /** @type {TurnCtx} */
    const ctx = {
      turnId: randomUUID(),
      sessionId,
      inputMessages: normalizeInputMessages(messages),
      steps: [],
      startedAt: isoNow(),
    };
    const gen = demoTurn(scenario, ctx, userText, (turn) => session.turns.push(turn), {
      clientCalls,
      // Stored at once, as the real server stores a turn that waits for client tools; the resume replaces it.
      onAwaiting: (turn, pending) => {
        session.turns.push(turn);
        pendingOf(session).set(ctx.turnId, pending);
      },
    });
    await pump(res, signal, gen, wait);
  }

  /** @param {MockSession} session */
  function pendingOf(session) {
    let map = pendingToolCalls.get(session);
    if (!map) pendingToolCalls.set(session, (map = new Map()));
    return map;
  }

  /**
   * Streams a resumed demo turn, or the in-band error saying why it cannot be resumed.
   * @param {Req} req @param {Res} res
   * @param {MockAgent | undefined} agent
   * @param {string} agentId @param {string} sessionId @param {string} turnId
   * @param {{call_id: string, tool_name: string, content: unknown, metadata?: unknown}[]} toolResponses
   */
  async function streamDemoResume(req, res, agent, agentId, sessionId, turnId, toolResponses) {
    const opened = openSessionStream(req, res, agent, agentId, sessionId);
    if (!opened) return;
    const { signal, session } = opened;
    const pending = pendingToolCalls.get(session)?.get(turnId);
    const problem = resumeProblem(session, turnId, pending, toolResponses);
    if (problem || !pending) {
      res.end(legacyErrorFrame(`400: Invalid value: ${problem}`));
      return;
    }
    const awaiting = /** @type {any} */ (session.turns.find((t) => /** @type {any} */ (t).turn_id === turnId));
    /** @type {TurnCtx} */
    const ctx = {
      turnId,
      sessionId,
      inputMessages: awaiting.input_messages,
      steps: [...awaiting.steps],
      startedAt: awaiting.started_at,
    };
    const gen = resumedTurn(ctx, pending, toolResponses, (turn) => {
      // The completed turn takes the awaiting one's place (the real store keys turns by turn id).
      const at = session.turns.findIndex((t) => /** @type {any} */ (t).turn_id === turnId);
      if (at >= 0) session.turns[at] = turn;
      else session.turns.push(turn);
      pendingToolCalls.get(session)?.delete(turnId);
    });
    await pump(res, signal, gen, chunkDelayMs);
  }

  return { streamDemoTurn, streamDemoResume };
}

/**
 * Writes a turn's events, one every `wait` ms, and ends the response (not when the client left).
 * @param {Res} res @param {AbortSignal} signal
 * @param {Generator<TurnItem, void, void>} gen @param {number} wait
 */
async function pump(res, signal, gen, wait) {
  let first = true;
  for (;;) {
    if (!first && !(await sleep(wait, signal))) return gen.return();
    first = false;
    if (signal.aborted) return gen.return();
    const next = gen.next();
    if (next.done) break;
    const item = next.value;
    if ('error' in item) {
      res.write(legacyErrorFrame(item.error));
      break;
    }
    res.write(sseData(JSON.stringify({ event: item })));
  }
  res.end();
}
