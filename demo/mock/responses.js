// @ts-check
/**
 * The Responses + Conversations half of the mock (Llama Stack 0.3 had both; OGX 0.4+ — 0.8.0 is what is
 * imitated here — only has these), and the server "flavours" that let one mock process impersonate several
 * servers. Mounted by ./server.js (through ./router.js); Node built-ins only. See ../../docs/protocol.md ("Responses
 * API" and "What a real 0.8.0 server sends") and the transcripts in ../../test/fixtures/ogx-0.8.0.
 *
 * Routes (under whatever flavour the request resolves to, see below):
 *   POST /v1/responses                 `{model, input, stream?, conversation?, instructions?,
 *                                      previous_response_id?, tools?, max_output_tokens?, temperature?, metadata?}`
 *                                      stream true → `text/event-stream; charset=utf-8`, frames `data: <json>\n\n`
 *                                      only, event name in the JSON `type`, `sequence_number` from 0, exactly one
 *                                      terminal event, then the body ends. stream false/absent → the final
 *                                      response object as JSON.
 *   GET  /v1/responses/{id}            a stored (completed or incomplete) response object
 *   POST /v1/conversations             `{items?, metadata?}` → Conversation (`conv_` + 48 hex)
 *   GET  /v1/conversations/{id}        the Conversation; unknown → 404 `{"detail": "Conversation '…' not found."}`
 *   GET  /v1/conversations/{id}/items  `?order=asc|desc` (default desc: newest first), `limit` (default 20),
 *                                      `after` (an item id) → `{object:"list", data, first_id, last_id, has_more}`
 *
 * What a real 0.8.0 server does and the mock copies (checked by test/node/responses-conformance.test.js):
 * - Event and object JSON is written like pydantic's `model_dump_json`: compact, raw UTF-8, fields in model
 *   order (`sequence_number`, `type` last), nulls kept, floats as `1.0`. The full response object rides in
 *   `response.created`, `response.in_progress` and the terminal event.
 * - No `response.output_text.done` is ever sent; `response.content_part.done`, `response.output_item.done` and
 *   the terminal response carry the final text.
 * - Client function calls end in `response.completed` whose output holds the `function_call` item; argument
 *   deltas carry no call_id or name. The follow-up request's input holds `function_call_output` items.
 * - MCP calls: `response.mcp_list_tools.in_progress` / `.completed` without item_id, the call's argument
 *   deltas sent as `response.function_call_arguments.delta` BEFORE the `mcp_call` item's
 *   `response.output_item.added`, then `response.mcp_call.arguments.done` (dot), `response.mcp_call.completed`
 *   without item_id, and one skipped `sequence_number` after the tool listing.
 * - Length stops end in `response.incomplete` with `incomplete_details.reason: "length"` (OpenAI would say
 *   `max_output_tokens`), the message item still `status: "completed"`.
 * - A provider failure mid-reply ends in `response.failed` with `output: []` and
 *   `error: {code: "server_error", …}`: the streamed text is not in the final object.
 * - Unknown model, conversation or previous response with `stream: true`: HTTP 200, then a single in-band
 *   `{"code":"404","message":"…","param":null,"sequence_number":1,"type":"error"}` — the server's
 *   `sse_generator` numbers it "last seen + 1", and nothing was seen. Without streaming: 404 `{"detail": …}`.
 * - Pre-stream body validation: 400 `{"error":{"message":"{'errors': [...]}"}}` (a Python dict printed as text).
 * - Conversation items are written only when a response completes or is incomplete, never after a failure or
 *   when the client goes away first: the input (a string becomes a user message with one `input_text` part,
 *   id `msg_` + 48 hex; other input items get `item_` + 48 hex), then the output items.
 *
 * Where wording the transcripts do not show comes from (the OGX / llama-stack server source):
 * - "Conversation '<id>' not found." / "Model '<id>' not found. Use 'client.models.list()' to list available
 *   Models." / "Response '<id>' not found.": `ResourceNotFoundError` messages; HTTP 404 from their status_code.
 * - "Invalid value for 'conversation_id': …": the conversation service's id check (`conv_` + 48 hex).
 * - The in-band error's fields and `sequence_number` (last seen + 1): the Responses router's `sse_generator`.
 * - `response.failed`'s `{code: "server_error", message: "An unexpected error occurred while generating the
 *   response."}`: the streaming orchestrator's catch-all.
 * Guesses, not checked against a server: the non-streaming path answering a failed response with
 * 500 `{"detail": "Internal server error: An unexpected error occurred."}`; an unknown `after` cursor giving
 * an empty page; 0.3's in-band texts ("<status>: <detail>", model errors as "400: Invalid value: …").
 *
 * Flavours (`/as/<flavour>/…`: which servers the mock impersonates, and their error envelopes): ./flavours.js.
 * The event and object bodies are 0.8.0's for every flavour that has the Responses API.
 *
 * Demo scenarios (any model; picked from the input): ./responses/scenarios.js.
 * A model whose id starts with "unknown" (e.g. `unknown-model`) does not exist on the server.
 *
 * Scripts (`POST /__mock/scripts` with `"flavour"`, answered with `"base_path": "/s/<id>"`, see ./control.js):
 * under `/s/<id>/…` requests are answered by the script's flavour; `POST /v1/responses` replays the script's
 * turns/chunks; `POST /v1/conversations` answers `createSessionStatus`/`createSessionBody` (or
 * `sessionStatus`/`sessionBody`) when set, else a conversation with id `conversationId` when set; `GET
 * /v1/conversations/{any id}` knows every id; `…/items` fails with `getSessionStatus`/`getSessionBody` (or
 * `sessionStatus`/`sessionBody`) when set, else serves `items` (oldest first, as a conversation holds them)
 * with the real order/limit/after semantics.
 *
 * The modules under ./responses/: routes.js (the routes and their state), create.js (`POST /v1/responses`),
 * conversations.js (the conversation store and routes), answers.js (answers and errors in each flavour's style),
 * scenarios.js, events.js, builder.js (the response object and event numbering), deltas.js, ids.js.
 */

export { createResponsesApi } from './responses/routes.js';
export { RESPONSES_DEFAULT_ANSWER, lastUserInputText, pickResponsesScenario } from './responses/scenarios.js';
export { splitResponseDeltas } from './responses/deltas.js';
// Kept importable from here, where they were first written.
export { FLAVOURS, DEFAULT_FLAVOUR, resolveMount } from './flavours.js';
export { PyFloat, pydanticJson } from './python-json.js';
export { LOCAL_TIME_TOOL, PAGE_TITLE_TOOL, browserToolsAskedFor, browserToolAnswer } from './browser-tools.js';
