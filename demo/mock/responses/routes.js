// @ts-check
/** The Responses + Conversations routes of one mock instance, and the state they share. */

import { safeDecode, sendJson, sendMethodNotAllowed, sendNotFound } from '../http.js';
import { invalidJson, sendPydantic } from './answers.js';
import { conversationRoutes, createConversationStore } from './conversations.js';
import { createResponse } from './create.js';

/**
 * @typedef {import('../http.js').Req} Req
 * @typedef {import('../http.js').Res} Res
 * @typedef {import('../flavours.js').Flavour} Flavour
 * @typedef {import('../agents/registry.js').MockAgent} ScriptAgent A script's agent (see ../scripts.js).
 */

/**
 * Creates the Responses + Conversations handler. State (conversations, stored responses) lives in it.
 * @param {{ chunkDelayMs: number, slowChunkDelayMs: number }} timing
 */
export function createResponsesApi({ chunkDelayMs, slowChunkDelayMs }) {
  /** @type {import('./create.js').ResponsesState} */
  const state = { conversations: createConversationStore(), responses: new Map(), chunkDelayMs, slowChunkDelayMs };

  /**
   * @param {Req} req @param {Res} res @param {string} method @param {string[]} segs
   * @param {URL} url @param {unknown} body
   * @param {{ flavour: Flavour, scriptAgent?: ScriptAgent }} ctx
   */
  async function handle(req, res, method, segs, url, body, { flavour, scriptAgent }) {
    if (segs[1] !== 'responses') {
      return conversationRoutes({ req, res, method, segs, url, body, flavour, script: scriptAgent?.script, store: state.conversations });
    }
    if (!flavour.responses) return sendNotFound(req, res);
    if (segs.length === 2) {
      return method === 'POST' ? createResponse(req, res, body, flavour, scriptAgent, state) : sendMethodNotAllowed(req, res);
    }
    if (segs.length === 3) {
      if (method !== 'GET') return sendMethodNotAllowed(req, res);
      const id = safeDecode(segs[2]);
      const found = state.responses.get(id);
      return found ? sendPydantic(req, res, 200, found) : sendJson(req, res, 404, { detail: `Response '${id}' not found.` });
    }
    return sendNotFound(req, res);
  }

  /** Whether a path (segments after the mount) belongs to this module. @param {string[]} segs */
  const owns = (segs) => segs[0] === 'v1' && (segs[1] === 'responses' || segs[1] === 'conversations');

  return { handle, owns, invalidJson };
}
