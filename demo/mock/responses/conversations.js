// @ts-check
/**
 * Conversations: the store (what is written when: see ../responses.js) and the `/v1/conversations…` routes.
 * Under a script every conversation id is known (see ../scripts.js).
 */

import { safeDecode, sendJson, sendMethodNotAllowed, sendNotFound } from '../http.js';
import { answeredScriptedSessionFailure } from '../scripts.js';
import { sendPydantic, validationBody } from './answers.js';
import { hex48, nowSeconds } from './ids.js';

/**
 * @typedef {import('../http.js').Req} Req
 * @typedef {import('../http.js').Res} Res
 * @typedef {import('../http.js').ValidationIssue} ValidationIssue
 * @typedef {import('../flavours.js').Flavour} Flavour
 * @typedef {import('../scripts.js').MockScript} MockScript
 *
 * @typedef {{ item: Record<string, any>, seq: number }} StoredItem
 * @typedef {{ conversation: Record<string, any>, items: StoredItem[] }} StoredConversation
 * @typedef {ReturnType<typeof createConversationStore>} ConversationStore
 */

const CONVERSATION_ID_RE = /^conv_[0-9a-f]{48}$/;

/** Field order of the item models, as a stored conversation item is dumped. */
const ITEM_FIELDS = {
  message: ['content', 'role', 'type', 'id', 'status'],
  function_call: ['call_id', 'name', 'arguments', 'type', 'id', 'status'],
  function_call_output: ['call_id', 'output', 'type', 'id', 'status'],
  mcp_call: ['id', 'type', 'arguments', 'name', 'server_label', 'error', 'output'],
  mcp_list_tools: ['id', 'type', 'server_label', 'tools'],
};

/**
 * An input or output item as the conversation service stores it: a message without `type` is a message, a
 * string `content` becomes one text part, optional fields are null, fields in model order.
 * @param {Record<string, any>} item
 */
function normalizeItem(item) {
  if (item.type === undefined && typeof item.role === 'string') item.type = 'message';
  if (item.type === 'message' && typeof item.content === 'string') {
    item.content = [{ text: item.content, type: item.role === 'assistant' ? 'output_text' : 'input_text' }];
  }
  const fields = /** @type {Record<string, string[]>} */ (ITEM_FIELDS)[item.type] ?? [
    ...Object.keys(item).filter((k) => k !== 'id' && k !== 'status'),
    'id',
    'status',
  ];
  /** @type {Record<string, any>} */
  const out = {};
  for (const f of fields) out[f] = item[f] ?? null;
  for (const [k, v] of Object.entries(item)) if (!(k in out)) out[k] = v;
  return out;
}

/**
 * The input of a request as conversation items (a string becomes one user message).
 * @param {unknown} input
 */
export function inputItems(input) {
  if (typeof input === 'string')
    return [{ content: [{ text: input, type: 'input_text' }], role: 'user', type: 'message', id: null, status: null }];
  return Array.isArray(input) ? input : [];
}

/** The conversations of one mock instance. */
export function createConversationStore() {
  /** @type {Map<string, StoredConversation>} */
  const conversations = new Map();
  let itemSeq = 0;

  /**
   * Stores items in a conversation, giving id-less ones an id the way the conversation service does
   * (`msg_` or `item_` + 48 hex) and writing their fields in the server's model order.
   * @param {StoredConversation} conv @param {unknown[]} items
   */
  function addItems(conv, items) {
    for (const raw of items) {
      if (!raw || typeof raw !== 'object') continue;
      const item = normalizeItem(/** @type {Record<string, any>} */ (structuredClone(raw)));
      if ('id' in item && item.id == null) item.id = item.type === 'message' ? `msg_${hex48()}` : `item_${hex48()}`;
      conv.items.push({ item, seq: ++itemSeq });
    }
  }

  /** @param {string} id */
  const get = (id) => conversations.get(id);

  /**
   * A new conversation holding `items`.
   * @param {string} id @param {unknown} metadata @param {unknown[]} items
   */
  function create(id, metadata, items) {
    const conversation = { id, object: 'conversation', created_at: nowSeconds(), metadata: metadata ?? null, items: null };
    const stored = { conversation, items: [] };
    addItems(stored, items);
    conversations.set(id, stored);
    return conversation;
  }

  return { get, create, addItems };
}

/**
 * Lists items with the real order/limit/after semantics.
 * @param {Record<string, any>[]} chronological oldest first
 * @param {URL} url
 * @param {Req} req @param {Res} res @param {Flavour} flavour
 */
function listItems(chronological, url, req, res, flavour) {
  const order = url.searchParams.get('order') ?? 'desc';
  const limitRaw = url.searchParams.get('limit');
  /** @type {ValidationIssue[]} */
  const errors = [];
  if (order !== 'asc' && order !== 'desc') errors.push({ loc: ['query', 'order'], msg: "Input should be 'asc' or 'desc'", type: 'enum' });
  if (limitRaw !== null && !/^-?\d+$/.test(limitRaw)) {
    errors.push({
      loc: ['query', 'limit'],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      type: 'int_parsing',
    });
  }
  if (errors.length) return sendJson(req, res, 400, validationBody(flavour, errors));
  const limit = Number(limitRaw) || 20; // `request.limit or 20`, like the real service
  const ordered = order === 'asc' ? [...chronological] : [...chronological].reverse();
  const after = url.searchParams.get('after');
  // An unknown `after` cursor gives an empty page (our choice; the real store's answer is not documented).
  const start = after ? ordered.findIndex((i) => i.id === after) + 1 || ordered.length : 0;
  const data = ordered.slice(start, start + limit);
  return sendPydantic(req, res, 200, {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: start + limit < ordered.length,
  });
}

/**
 * @typedef {object} ConversationRequest
 * @property {Req} req
 * @property {Res} res
 * @property {string} method
 * @property {string[]} segs Path segments after the mount (`v1`, `conversations`, …).
 * @property {URL} url
 * @property {unknown} body
 * @property {Flavour} flavour
 * @property {MockScript | undefined} script The script whose base path the request came under.
 * @property {ConversationStore} store
 */

/** `/v1/conversations…`. @param {ConversationRequest} r */
export function conversationRoutes(r) {
  const { req, res, method, segs, flavour } = r;
  if (!flavour.conversations) return sendNotFound(req, res);
  if (segs.length === 2) return method === 'POST' ? createConversation(r) : sendMethodNotAllowed(req, res);
  const id = safeDecode(segs[2]);
  if (segs.length > 4 || (segs.length === 4 && segs[3] !== 'items')) return sendNotFound(req, res);
  if (method !== 'GET') return sendMethodNotAllowed(req, res);
  return r.script ? readScriptedConversation(r, r.script, id) : readConversation(r, id);
}

/** `POST /v1/conversations`. @param {ConversationRequest} r */
function createConversation({ req, res, body, flavour, script, store }) {
  if (answeredScriptedSessionFailure(req, res, script, 'create')) return;
  const b = /** @type {Record<string, any>} */ (body && typeof body === 'object' ? body : {});
  if (b.items != null && !Array.isArray(b.items)) {
    return sendJson(
      req,
      res,
      400,
      validationBody(flavour, [{ loc: ['body', 'items'], msg: 'Input should be a valid list', type: 'list_type' }]),
    );
  }
  const id = typeof script?.conversationId === 'string' ? script.conversationId : `conv_${hex48()}`;
  return sendPydantic(req, res, 200, store.create(id, b.metadata, b.items ?? []));
}

/**
 * `GET /v1/conversations/{id}[/items]` under a script: it may fail, and every id is known.
 * @param {ConversationRequest} r @param {MockScript} script @param {string} id
 */
function readScriptedConversation({ req, res, segs, url, flavour, store }, script, id) {
  if (answeredScriptedSessionFailure(req, res, script, 'get')) return;
  const stored = store.get(id);
  if (segs.length === 3) {
    return sendPydantic(
      req,
      res,
      200,
      stored?.conversation ?? { id, object: 'conversation', created_at: nowSeconds(), metadata: null, items: null },
    );
  }
  const items = Array.isArray(script.items) ? script.items : (stored?.items ?? []).map((s) => s.item);
  return listItems(items, url, req, res, flavour);
}

/** `GET /v1/conversations/{id}[/items]`. @param {ConversationRequest} r @param {string} id */
function readConversation({ req, res, segs, url, flavour, store }, id) {
  if (!CONVERSATION_ID_RE.test(id)) {
    // InvalidParameterError of the conversation service (OGX source, conversations.py).
    return sendJson(req, res, 400, {
      detail: `Invalid value for 'conversation_id': ${id}. Conversation ID must match format 'conv_' followed by 48 lowercase hex characters.`,
    });
  }
  const stored = store.get(id);
  if (!stored) return sendJson(req, res, 404, { detail: `Conversation '${id}' not found.` });
  if (segs.length === 3) return sendPydantic(req, res, 200, stored.conversation);
  return listItems(
    stored.items.map((s) => s.item),
    url,
    req,
    res,
    flavour,
  );
}
