// Conformance of the mock's Responses + Conversations API and server flavours (demo/mock/responses.js,
// mounted by demo/mock/server.js) against the published OGX 0.8.0 OpenAPI spec, against real 0.8.0 server
// output (test/fixtures/ogx-0.8.0) and against OpenAI's published types. Run: node --test test/node/
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startMockLlamaStack } from '../../demo/mock/server.js';
import { RESPONSES_DEFAULT_ANSWER, splitResponseDeltas, pickResponsesScenario, browserToolAnswer } from '../../demo/mock/responses.js';
import { FIXTURES_DIR, loadSpec, normalizeNullable, schemaValidators } from './support/openapi.js';
import { FRAMING_RE, SSE_CONTENT_TYPE, parseSse, postJson, getJson, rawRequest, collect, withTimeout } from './support/http.js';
import { loadTranscripts as loadAll, runLengths, withoutCounts } from './support/transcripts.js';

const TRANSCRIPTS_DIR = `${FIXTURES_DIR}ogx-0.8.0/`;
const CONV_ID_RE = /^conv_[0-9a-f]{48}$/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UNICODE_ESCAPE_RE = /(?<!\\)(?:\\\\)*\\u[0-9a-f]{4}/i;
const TERMINAL = ['response.completed', 'response.incomplete', 'response.failed', 'error'];

// -------------------------------------------------------------------------------------------------
// Schemas

const spec = loadSpec('ogx-0.8.0.schemas.yml');
/** How the spec discriminates stream events: `OpenAIResponseObjectStream` is a oneOf of 37 event schemas
 * with `discriminator: {propertyName: type, mapping: {<type>: <schema ref>}}`; each schema's `type` is a
 * one-value enum. */
const EVENT_MAPPING = spec.components.schemas.OpenAIResponseObjectStream.discriminator.mapping;
const eventSchemaName = (/** @type {string} */ type) => EVENT_MAPPING[type]?.split('/').pop();

/** @param {Record<string, any>} s @param {string[]} names */
function requireItemRef(s, names) {
  for (const name of names) {
    s[name].properties.item_id = { type: 'string' };
    s[name].properties.output_index = { type: 'integer' };
    s[name].required = [...s[name].required, 'item_id', 'output_index'];
  }
}

/**
 * OpenAI's published Responses types where they are stricter than OGX's, written as patches on OGX's
 * schemas (openai-python `src/openai/types/responses/*`, generated from OpenAI's OpenAPI spec). Every real
 * 0.8.0 event validates against OGX's own spec (see below); these are the places where a client written
 * against OpenAI's types breaks.
 */
const OPENAI_TYPES = {
  // ResponseMcpListToolsInProgressEvent / …CompletedEvent / …FailedEvent: item_id and output_index are
  // required. OGX sends `{"sequence_number": N, "type": …}` only.
  mcp_list_tools_event_without_item: (s) =>
    requireItemRef(s, [
      'OpenAIResponseObjectStreamResponseMcpListToolsInProgress',
      'OpenAIResponseObjectStreamResponseMcpListToolsCompleted',
      'OpenAIResponseObjectStreamResponseMcpListToolsFailed',
    ]),
  // ResponseMcpCallCompletedEvent / ResponseMcpCallFailedEvent: item_id and output_index are required.
  mcp_call_event_without_item: (s) =>
    requireItemRef(s, ['OpenAIResponseObjectStreamResponseMcpCallCompleted', 'OpenAIResponseObjectStreamResponseMcpCallFailed']),
  // OpenAI names the MCP argument events `response.mcp_call_arguments.delta` / `.done` (underscore); OGX
  // sends `response.mcp_call.arguments.done` (dot), a type OpenAI does not have.
  mcp_arguments_event_name: (s) => {
    s.OpenAIResponseObjectStreamResponseMcpCallArgumentsDelta.properties.type.enum = ['response.mcp_call_arguments.delta'];
    s.OpenAIResponseObjectStreamResponseMcpCallArgumentsDone.properties.type.enum = ['response.mcp_call_arguments.done'];
  },
  // Response.IncompleteDetails.reason is `"max_output_tokens" | "content_filter"`; OGX sends "length".
  incomplete_reason_length: (s) => {
    s.OpenAIResponseIncompleteDetails.properties.reason.enum = ['max_output_tokens', 'content_filter'];
  },
};
const OPENAI_TYPE_NAMES = Object.keys(OPENAI_TYPES);

/**
 * Departures of a real stream that no single-event schema can express, found by reading the transcripts
 * against OpenAI's streaming behaviour and OGX's own event names.
 */
const STREAM_DEPARTURES = {
  // OpenAI sends `response.output_text.done` right before each output_text `response.content_part.done`;
  // 0.8.0 never sends it (the spec has the type).
  no_output_text_done: 'content_part.done of an output_text part without a preceding response.output_text.done',
  // sequence_number skips a value after the MCP tool listing (5 → 7).
  sequence_gap: 'sequence_number is not the previous one + 1',
  // The MCP call's argument events arrive before the output_item.added of the item they name.
  arguments_before_item: 'an arguments delta/done event names an item_id not yet announced by response.output_item.added',
  // The MCP call's argument deltas are `response.function_call_arguments.delta` although the item is an
  // `mcp_call` (OGX's own spec has `response.mcp_call.arguments.delta` for that).
  mcp_arguments_as_function_call_event: 'a response.function_call_arguments.* event for an mcp_call item',
  // The message of a `response.incomplete` keeps `status: "completed"` (OpenAI marks it "incomplete").
  incomplete_message_status_completed: 'a message item of an incomplete response has status "completed"',
};

const { validatorFor } = schemaValidators({
  id: 'ogx-0.8.0.openapi',
  schemas: normalizeNullable(spec.components.schemas),
  patches: OPENAI_TYPES,
});

/** @param {string} name @param {unknown} value */
function assertValid(name, value) {
  const v = validatorFor(name);
  assert.ok(v(value), `${name}: ${JSON.stringify(v.errors?.slice(0, 5), null, 1)}\n${JSON.stringify(value).slice(0, 400)}`);
}

/**
 * Validates one event against the OGX schema its `type` maps to and against the whole union (must pass
 * both), then returns the OpenAI types it fails.
 * @param {any} ev
 */
function checkEvent(ev) {
  const name = eventSchemaName(ev.type);
  assert.ok(name, `event type ${ev.type} is in the spec`);
  assertValid(name, ev);
  assertValid('OpenAIResponseObjectStream', ev);
  return OPENAI_TYPE_NAMES.filter((t) => !validatorFor(name, [t])(ev));
}

/** Per event, the stream-level departures it shows. @param {any[]} events */
function streamDepartures(events) {
  /** @type {Map<string, string>} */
  const kindOfItem = new Map();
  for (const ev of events) if (ev.item?.id) kindOfItem.set(ev.item.id, ev.item.type);
  const announced = new Set();
  return events.map((ev, i) => {
    const found = [];
    if (i > 0 && ev.sequence_number !== events[i - 1].sequence_number + 1) found.push('sequence_gap');
    if (ev.type === 'response.output_item.added') announced.add(ev.item.id);
    if (/arguments\.(delta|done)$/.test(ev.type) && !announced.has(ev.item_id)) found.push('arguments_before_item');
    if (ev.type.startsWith('response.function_call_arguments.') && kindOfItem.get(ev.item_id) === 'mcp_call')
      found.push('mcp_arguments_as_function_call_event');
    if (ev.type === 'response.content_part.done' && ev.part.type === 'output_text' && events[i - 1]?.type !== 'response.output_text.done') {
      found.push('no_output_text_done');
    }
    if (ev.type === 'response.incomplete' && ev.response.output.some((o) => o.type === 'message' && o.status === 'completed')) {
      found.push('incomplete_message_status_completed');
    }
    return found;
  });
}

/** Every departure of a stream, as `#<index> <type>: reasons`. @param {any[]} events */
function departuresOf(events) {
  const stream = streamDepartures(events);
  return events.flatMap((ev, i) => {
    const reasons = [...checkEvent(ev), ...stream[i]];
    return reasons.length ? [`#${i} ${ev.type}: ${reasons.join(', ')}`] : [];
  });
}
/** The same without indices and repeats, for comparing a mock scenario with its transcript. @param {string[]} list */
const departureKinds = (list) => [...new Set(list.map((d) => d.replace(/^#\d+ /, '')))].sort();

// -------------------------------------------------------------------------------------------------
// Stream helpers

/** Event types with runs collapsed as `xN`. @param {any[]} events */
const eventSequence = (events) => runLengths(events, (e) => e.type);
const structure = (/** @type {any[]} */ events) => withoutCounts(eventSequence(events));

/** A raw frame is pydantic's compact JSON: JSON.stringify's output except floats written `1.0`. @param {string} raw */
const isPydanticCompact = (raw) => raw.replace(/":(-?\d+)\.0(?=[,}\]])/g, '":$1') === JSON.stringify(JSON.parse(raw));

const loadTranscripts = () => loadAll(TRANSCRIPTS_DIR);
const transcripts = Object.fromEntries(loadTranscripts().map((t) => [t.name, t]));

/**
 * Key order of an object and, recursively, of what it holds (arrays: every element's).
 * @param {unknown} v @returns {unknown}
 */
function keyShape(v) {
  if (Array.isArray(v)) return v.map(keyShape);
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => [k, keyShape(x)]);
  return v === null ? null : typeof v;
}
/** The key order of an event where it does not depend on content (lists reduced to their first element). @param {any} ev */
function eventKeys(ev) {
  const strip = (/** @type {any} */ v) =>
    Array.isArray(v)
      ? v.slice(0, 1).map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]))
        : v;
  const { response, ...rest } = ev;
  return {
    event: Object.keys(rest),
    response: response ? Object.keys(response) : undefined,
    item: ev.item ? keyShape(strip(ev.item)) : undefined,
    part: ev.part ? Object.keys(ev.part) : undefined,
    usage: response?.usage ? keyShape(response.usage) : undefined,
  };
}

/**
 * Everything a Responses stream must satisfy, whatever the scenario. Returns the parsed events.
 * @param {{ res: Response, body: string }} r
 */
function checkResponsesStream({ res, body }) {
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), SSE_CONTENT_TYPE);
  assert.equal(res.headers.get('content-length'), null, 'streams carry no content-length');
  assert.match(body, FRAMING_RE);
  assert.doesNotMatch(body, /^(event|id|retry):|^:|\[DONE\]/m, 'no event:/id:/comments/[DONE]');
  const frames = parseSse(body);
  const events = frames.map((f) => f.json);
  for (const { raw } of frames) {
    assert.ok(isPydanticCompact(raw), `compact pydantic JSON: ${raw.slice(0, 120)}`);
    assert.doesNotMatch(raw, UNICODE_ESCAPE_RE, 'raw UTF-8, not \\u escapes');
  }
  assert.equal(events[0].type, 'response.created');
  assert.equal(events[0].sequence_number, 0, 'sequence_number starts at 0');
  for (let i = 1; i < events.length; i++) assert.ok(events[i].sequence_number > events[i - 1].sequence_number, 'sequence numbers increase');
  assert.deepEqual(
    events.map((e) => TERMINAL.includes(e.type)),
    events.map((_, i) => i === events.length - 1),
    'exactly one terminal event, last',
  );
  assert.ok(!events.some((e) => e.type === 'response.output_text.done'), 'like 0.8.0: no response.output_text.done');
  const id = events[0].response.id;
  assert.match(id, new RegExp(`^resp_${UUID}$`));
  for (const ev of events) {
    if (ev.response) assert.equal(ev.response.id, id);
    if ('response_id' in ev) assert.equal(ev.response_id, id);
  }
  // text deltas add up to what content_part.done, output_item.done and the terminal response carry
  /** @type {Map<string, string>} */
  const streamed = new Map();
  for (const ev of events) {
    if (ev.type === 'response.output_text.delta') streamed.set(ev.item_id, (streamed.get(ev.item_id) ?? '') + ev.delta);
    if (ev.type === 'response.content_part.done') assert.equal(ev.part.text, streamed.get(ev.item_id));
    if (ev.type === 'response.output_item.done' && ev.item.type === 'message')
      assert.equal(ev.item.content[0].text, streamed.get(ev.item.id));
  }
  return events;
}

/** @param {any[]} events */
const finalText = (events) =>
  events
    .at(-1)
    .response.output.filter((o) => o.type === 'message')
    .flatMap((o) => o.content.map((c) => c.text))
    .join('');
const streamedText = (/** @type {any[]} */ events) =>
  events
    .filter((e) => e.type === 'response.output_text.delta')
    .map((e) => e.delta)
    .join('');

/** POSTs a streaming response request and reads the whole body. */
async function streamResponse(/** @type {string} */ base, /** @type {Record<string, unknown>} */ body, path = '/v1/responses') {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stream: true, ...body }),
  });
  return { res, body: await res.text() };
}

// =================================================================================================

describe('the OGX 0.8.0 event validator itself', () => {
  const delta = {
    content_index: 0,
    delta: 'Hi',
    item_id: 'msg_1',
    logprobs: [],
    output_index: 0,
    sequence_number: 4,
    type: 'response.output_text.delta',
  };

  test('finds the schema of an event through the spec discriminator', () => {
    assert.equal(Object.keys(EVENT_MAPPING).length, 37);
    assert.equal(eventSchemaName('response.output_text.delta'), 'OpenAIResponseObjectStreamResponseOutputTextDelta');
    assert.equal(eventSchemaName('response.mcp_call.arguments.done'), 'OpenAIResponseObjectStreamResponseMcpCallArgumentsDone');
    assert.equal(eventSchemaName('error'), 'OpenAIResponseObjectStreamError');
    assert.equal(eventSchemaName('response.output_text.finished'), undefined);
  });

  test('rejects broken events', () => {
    assert.deepEqual(checkEvent(delta), []);
    const noDelta = { ...delta };
    delete (/** @type {any} */ (noDelta).delta);
    assert.equal(validatorFor('OpenAIResponseObjectStreamResponseOutputTextDelta')(noDelta), false, 'delta is required');
    assert.equal(validatorFor('OpenAIResponseObjectStream')(noDelta), false);
    assert.equal(validatorFor('OpenAIResponseObjectStream')({ ...delta, delta: 42 }), false, 'delta is a string');
    assert.equal(validatorFor('OpenAIResponseObjectStream')({ ...delta, type: 'response.output_text.finished' }), false, 'unknown type');
    assert.equal(
      validatorFor('OpenAIResponseObjectStream')({ ...delta, type: 'response.content_part.added' }),
      false,
      'wrong type for the fields',
    );
    const created = transcripts.function_call.events[0];
    const noId = structuredClone(created);
    delete noId.response.id;
    assert.equal(validatorFor('OpenAIResponseObjectStream')(noId), false, 'response.id is required');
    const badItem = structuredClone(transcripts.function_call.events[2]);
    delete badItem.item.call_id;
    assert.equal(validatorFor('OpenAIResponseObjectStream')(badItem), false, 'a function_call item needs call_id');
    assert.equal(validatorFor('OpenAIResponseObjectStream')({ error: { message: 'x' } }), false, 'the ≤0.3 error envelope is not an event');
  });

  test('each OpenAI type patch rejects what it describes and accepts what OpenAI sends', () => {
    const mcpCompleted = { sequence_number: 13, type: 'response.mcp_call.completed' };
    assert.deepEqual(checkEvent(mcpCompleted), ['mcp_call_event_without_item']);
    assert.deepEqual(checkEvent({ item_id: 'mcp_1', output_index: 1, ...mcpCompleted }), []);
    assert.deepEqual(checkEvent({ sequence_number: 2, type: 'response.mcp_list_tools.in_progress' }), [
      'mcp_list_tools_event_without_item',
    ]);
    assert.deepEqual(
      checkEvent({ arguments: '{}', item_id: 'x', output_index: 1, sequence_number: 3, type: 'response.mcp_call.arguments.done' }),
      ['mcp_arguments_event_name'],
    );
    const incomplete = structuredClone(transcripts.incomplete.events.at(-1));
    assert.deepEqual(checkEvent(incomplete), ['incomplete_reason_length']);
    incomplete.response.incomplete_details.reason = 'max_output_tokens';
    assert.deepEqual(checkEvent(incomplete), []);
  });
});

describe('real OGX 0.8.0 output (transcripts-ogx)', () => {
  const names = Object.keys(transcripts);

  test('the transcripts are there', () => {
    assert.deepEqual(names, ['function_call', 'function_call_followup', 'incomplete', 'mcp_or_web_search']);
    assert.deepEqual(JSON.parse(fs.readFileSync(`${TRANSCRIPTS_DIR}version.json`, 'utf8')), { version: '0.8.0' });
  });

  test('real events are pydantic compact JSON with raw UTF-8, the rules the mock is held to', () => {
    for (const t of Object.values(transcripts)) {
      for (const { raw } of t.frames) {
        assert.ok(isPydanticCompact(raw), t.name);
        assert.doesNotMatch(raw, UNICODE_ESCAPE_RE, t.name);
      }
      assert.deepEqual(
        t.events.map((e) => e.type),
        t.meta.event_types,
        t.name,
      );
      assert.deepEqual(
        t.events.map((e) => e.sequence_number),
        t.meta.sequence_numbers,
        t.name,
      );
      assert.equal(t.events.at(-1).type, t.meta.terminal_event, t.name);
    }
    assert.ok(
      transcripts.mcp_or_web_search.frames.some((f) => f.raw.includes('—')),
      'non-ASCII sent literally',
    );
    assert.ok(transcripts.function_call.frames[0].raw.includes('"temperature":1.0'), 'floats written 1.0');
  });

  test('every real event validates against the published 0.8.0 schemas (even with closed objects)', () => {
    let n = 0;
    for (const t of Object.values(transcripts)) {
      for (const ev of t.events) {
        checkEvent(ev);
        n++;
      }
    }
    assert.equal(n, 11 + 32 + 47 + 96);
    // OGX's schemas match what its server sends field for field: forbidding undeclared properties
    // everywhere still accepts every real event.
    /** @param {any} node @returns {any} */
    const close = (node) => {
      if (Array.isArray(node)) return node.map(close);
      if (!node || typeof node !== 'object') return node;
      const out = Object.fromEntries(
        Object.entries(node).map(([k, v]) => [
          k,
          k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, close(s)])) : close(v),
        ]),
      );
      if (out.properties && out.additionalProperties === undefined) out.unevaluatedProperties = false;
      return out;
    };
    const closed = schemaValidators({ id: 'ogx-0.8.0.closed', schemas: close(normalizeNullable(spec.components.schemas)) });
    for (const t of Object.values(transcripts)) {
      for (const ev of t.events) assert.ok(closed.validatorFor(eventSchemaName(ev.type))(ev), `${t.name} ${ev.type}: undeclared field`);
    }
  });

  test('real events depart from OpenAI’s published types exactly here', () => {
    // See OPENAI_TYPES and STREAM_DEPARTURES above for what each reason means.
    const expected = [
      'function_call_followup#29 response.content_part.done: no_output_text_done',
      'incomplete#44 response.content_part.done: no_output_text_done',
      'incomplete#46 response.incomplete: incomplete_reason_length, incomplete_message_status_completed',
      'mcp_or_web_search#2 response.mcp_list_tools.in_progress: mcp_list_tools_event_without_item',
      'mcp_or_web_search#4 response.mcp_list_tools.completed: mcp_list_tools_event_without_item',
      'mcp_or_web_search#6 response.function_call_arguments.delta: sequence_gap, arguments_before_item, mcp_arguments_as_function_call_event',
      'mcp_or_web_search#7 response.function_call_arguments.delta: arguments_before_item, mcp_arguments_as_function_call_event',
      'mcp_or_web_search#8 response.function_call_arguments.delta: arguments_before_item, mcp_arguments_as_function_call_event',
      'mcp_or_web_search#9 response.mcp_call.arguments.done: mcp_arguments_event_name, arguments_before_item',
      'mcp_or_web_search#12 response.mcp_call.completed: mcp_call_event_without_item',
      'mcp_or_web_search#93 response.content_part.done: no_output_text_done',
    ];
    const found = Object.values(transcripts).flatMap((t) => departuresOf(t.events).map((d) => `${t.name}${d}`));
    assert.deepEqual(found, expected);
    const reasons = new Set(found.flatMap((d) => d.split(': ')[1].split(', ')));
    assert.deepEqual(
      [...reasons].sort(),
      [...OPENAI_TYPE_NAMES, ...Object.keys(STREAM_DEPARTURES)].sort(),
      'every documented reason occurs',
    );
  });
});

describe('mock Responses API (demo scenarios)', () => {
  /** @type {{url: string, close: () => Promise<void>}} */
  let server;
  let base = '';
  let conversation = '';
  /** @type {Map<string, any[]>} */
  const scenarioEvents = new Map();
  const weatherTools = transcripts.function_call.meta.request.tools;
  const mcpTools = transcripts.mcp_or_web_search.meta.request.tools;

  before(async () => {
    server = await startMockLlamaStack({ chunkDelayMs: 0, slowChunkDelayMs: 1 });
    base = `${server.url}/as/ogx-0.8`;
  });
  after(() => server.close());

  test('creates a conversation that validates, and finds it again', async () => {
    const created = await postJson(base, '/v1/conversations', { metadata: { topic: 'conformance' } });
    assert.equal(created.status, 200);
    assert.equal(created.res.headers.get('content-type'), 'application/json');
    assertValid('Conversation', created.json);
    assert.deepEqual(Object.keys(created.json), ['id', 'object', 'created_at', 'metadata', 'items']);
    assert.match(created.json.id, CONV_ID_RE);
    assert.equal(created.json.object, 'conversation');
    assert.deepEqual(created.json.metadata, { topic: 'conformance' });
    assert.ok(Number.isInteger(created.json.created_at));
    conversation = created.json.id;
    const again = await getJson(base, `/v1/conversations/${conversation}`);
    assert.deepEqual(again.json, created.json);
    const empty = await getJson(base, `/v1/conversations/${conversation}/items`);
    assert.deepEqual(empty.json, { object: 'list', data: [], first_id: null, last_id: null, has_more: false });
    assertValid('ConversationItemList', empty.json);
  });

  /** name → [request, transcript whose shape it has] */
  const scenarios = {
    default: [{ input: 'Hello there! What can you do?' }, 'function_call_followup'],
    slow: [{ input: 'Answer slowly, I am a slow reader' }, 'function_call_followup'],
    function_call: [{ input: "What's the weather in Paris right now?", tools: weatherTools }, 'function_call'],
    function_call_followup: [undefined, 'function_call_followup'], // built from the function_call output
    mcp: [{ input: 'How do I list the items of a conversation? Check the docs.', tools: mcpTools }, 'mcp_or_web_search'],
    incomplete: [{ input: 'Give me a long explanation of TCP congestion control.', max_output_tokens: 40 }, 'incomplete'],
    error: [{ input: 'Make an error happen' }, undefined],
  };
  for (const [name, [request]] of Object.entries(scenarios)) {
    test(`streams the ${name} scenario like a real server`, async () => {
      assert.ok(conversation, 'conversation created');
      let body = request;
      if (name === 'function_call_followup') {
        const call = scenarioEvents.get('function_call')?.at(-1).response.output[0];
        assert.ok(call, 'the function_call scenario ran');
        const output = '{"location": "Paris, France", "temperature": 18, "unit": "celsius", "conditions": "partly cloudy"}';
        body = { input: [{ type: 'function_call_output', call_id: call.call_id, output }], tools: weatherTools };
      }
      const events = checkResponsesStream(await streamResponse(base, { model: 'llama3.2:3b', conversation, ...body }));
      for (const ev of events) checkEvent(ev);
      scenarioEvents.set(name, events);
    });
  }

  test('each scenario has the event structure of its real transcript', () => {
    for (const [name, [, real]] of Object.entries(scenarios)) {
      if (!real) continue;
      assert.deepEqual(structure(scenarioEvents.get(name)), structure(transcripts[real].events), name);
    }
    assert.deepEqual(structure(scenarioEvents.get('error')), [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.failed',
    ]);
  });

  test('each scenario departs from OpenAI’s types exactly where its transcript does', () => {
    for (const [name, [, real]] of Object.entries(scenarios)) {
      if (!real) continue;
      assert.deepEqual(
        departureKinds(departuresOf(scenarioEvents.get(name))),
        departureKinds(departuresOf(transcripts[real].events)),
        name,
      );
    }
    assert.deepEqual(departureKinds(departuresOf(scenarioEvents.get('error'))), []);
  });

  test('fields come in the real server’s order, with the same presence', () => {
    const realByKey = new Map();
    for (const t of Object.values(transcripts)) {
      for (const ev of t.events) {
        const key = `${ev.type}/${ev.item?.type ?? ''}/${ev.item?.status ?? ''}`;
        if (!realByKey.has(key)) realByKey.set(key, ev);
      }
    }
    let compared = 0;
    for (const [name, events] of scenarioEvents) {
      for (const ev of events) {
        const real = realByKey.get(`${ev.type}/${ev.item?.type ?? ''}/${ev.item?.status ?? ''}`);
        if (!real) continue;
        const mine = eventKeys(ev);
        const theirs = eventKeys(real);
        if (ev.type === 'response.failed') continue; // no real failed stream to compare with
        assert.deepEqual(mine.event, theirs.event, `${name} ${ev.type}`);
        assert.deepEqual(mine.response, theirs.response, `${name} ${ev.type} response`);
        assert.deepEqual(mine.part, theirs.part, `${name} ${ev.type} part`);
        if (ev.item && ev.item.type !== 'mcp_list_tools') assert.deepEqual(mine.item, theirs.item, `${name} ${ev.type} item`);
        if (mine.usage && theirs.usage) assert.deepEqual(mine.usage, theirs.usage, `${name} ${ev.type} usage`);
        compared++;
      }
    }
    assert.ok(compared > 100);
    // The same request tools come back the way the real server echoes them.
    assert.deepEqual(scenarioEvents.get('function_call')[0].response.tools, transcripts.function_call.events[0].response.tools);
    assert.deepEqual(scenarioEvents.get('mcp')[0].response.tools, transcripts.mcp_or_web_search.events[0].response.tools);
    const created = scenarioEvents.get('default')[0].response;
    const realCreated = transcripts.incomplete.events[0].response;
    for (const k of Object.keys(realCreated)) {
      if (!['id', 'created_at', 'model', 'max_output_tokens'].includes(k))
        assert.deepEqual(created[k], realCreated[k], `response.created ${k}`);
    }
  });

  test('default and slow: a markdown answer in text deltas, some cut mid-word', () => {
    for (const name of ['default', 'slow']) {
      const events = scenarioEvents.get(name);
      assert.equal(streamedText(events), RESPONSES_DEFAULT_ANSWER);
      assert.equal(finalText(events), RESPONSES_DEFAULT_ANSWER);
      assert.equal(events.at(-1).response.status, 'completed');
      assert.ok(Number.isInteger(events.at(-1).response.completed_at));
      assert.ok(events.at(-1).response.usage.output_tokens > 0);
    }
    const deltas = scenarioEvents
      .get('default')
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta);
    assert.ok(deltas.length > 50);
    assert.ok(
      deltas.some((d, i) => /\p{L}$/u.test(d) && /^\p{L}/u.test(deltas[i + 1] ?? '')),
      'a word split across two deltas',
    );
    const text = RESPONSES_DEFAULT_ANSWER;
    assert.match(text, /^## /m);
    assert.match(text, /^- /m);
    assert.match(text, /^```js\n[\s\S]+?\n```$/m);
    assert.match(text, /\[[^\]]+\]\(https?:\/\/[^)]+\)/);
    assert.match(text, /\p{Extended_Pictographic}/u);
    assert.match(text, /\p{Script=Han}/u);
    assert.equal(splitResponseDeltas('a 🇵🇹 flag').join(''), 'a 🇵🇹 flag');
  });

  test('function_call: ends response.completed with the function_call item, arguments streamed', () => {
    const events = scenarioEvents.get('function_call');
    const last = events.at(-1);
    assert.equal(last.type, 'response.completed');
    assert.equal(last.response.status, 'completed');
    assert.equal(last.response.output.length, 1);
    const call = last.response.output[0];
    assert.deepEqual(Object.keys(call), ['call_id', 'name', 'arguments', 'type', 'id', 'status']);
    assert.equal(call.name, 'get_weather');
    assert.match(call.id, new RegExp(`^fc_${UUID}$`));
    assert.match(call.call_id, /^call_/);
    assert.deepEqual(JSON.parse(call.arguments), { location: 'Paris', unit: 'celsius' });
    const deltas = events.filter((e) => e.type === 'response.function_call_arguments.delta');
    assert.ok(deltas.length > 1);
    assert.equal(deltas.map((d) => d.delta).join(''), call.arguments);
    for (const d of deltas)
      assert.deepEqual(Object.keys(d), ['delta', 'item_id', 'output_index', 'sequence_number', 'type'], 'no call_id or name');
    assert.equal(events.find((e) => e.type === 'response.function_call_arguments.done').arguments, call.arguments);
  });

  test('function_call_followup: answers from the function_call_output', () => {
    const events = scenarioEvents.get('function_call_followup');
    assert.equal(finalText(events), "It's currently **18 °C** and partly cloudy in Paris, France. A light jacket should be enough.");
    assert.equal(finalText(events), transcripts.function_call_followup.meta.expected_final_text);
  });

  test('mcp: the tool listing, the call with its output, then the answer', () => {
    const events = scenarioEvents.get('mcp');
    const output = events.at(-1).response.output;
    assert.deepEqual(
      output.map((o) => o.type),
      ['mcp_list_tools', 'mcp_call', 'message'],
    );
    assert.match(output[0].id, new RegExp(`^mcp_list_${UUID}$`));
    assert.equal(output[1].server_label, 'docs');
    assert.equal(output[1].error, null);
    assert.equal(typeof output[1].output, 'string');
    assert.equal(finalText(events), transcripts.mcp_or_web_search.meta.expected_final_text);
    const seqs = events.map((e) => e.sequence_number);
    assert.deepEqual(seqs.slice(0, 7), [0, 1, 2, 3, 4, 5, 7], 'one sequence number skipped, as in the transcript');
  });

  test('incomplete: reason "length", the text as far as it got, completed_at null', () => {
    const last = scenarioEvents.get('incomplete').at(-1);
    assert.equal(last.type, 'response.incomplete');
    assert.equal(last.response.status, 'incomplete');
    assert.deepEqual(last.response.incomplete_details, { reason: 'length' });
    assert.equal(last.response.completed_at, null);
    assert.equal(last.response.max_output_tokens, 40);
    assert.equal(finalText(scenarioEvents.get('incomplete')), transcripts.incomplete.meta.expected_final_text);
  });

  test('error: text deltas, then response.failed with output [] (keep what was streamed)', () => {
    const events = scenarioEvents.get('error');
    const last = events.at(-1);
    assert.equal(last.type, 'response.failed');
    assert.equal(last.response.status, 'failed');
    assert.deepEqual(last.response.output, []);
    assert.deepEqual(last.response.error, { code: 'server_error', message: 'An unexpected error occurred while generating the response.' });
    assert.equal(last.response.completed_at, null);
    assert.ok(streamedText(events).length > 0);
  });

  test('the conversation holds completed and incomplete turns only, newest first', async () => {
    const { status, json, text } = await getJson(base, `/v1/conversations/${conversation}/items?limit=100`);
    assert.equal(status, 200);
    assertValid('ConversationItemList', json);
    for (const item of json.data) assertValid('ConversationItem', item);
    assert.ok(isPydanticCompact(text));
    const chronological = [...json.data].reverse();
    const summary = chronological.map((i) => (i.type === 'message' ? `${i.role}:${i.content[0].type}` : i.type));
    assert.deepEqual(summary, [
      'user:input_text',
      'assistant:output_text', // default
      'user:input_text',
      'assistant:output_text', // slow
      'user:input_text',
      'function_call', // function_call
      'function_call_output',
      'assistant:output_text', // follow-up
      'user:input_text',
      'mcp_list_tools',
      'mcp_call',
      'assistant:output_text', // mcp
      'user:input_text',
      'assistant:output_text', // incomplete; the error turn left nothing
    ]);
    const [user, assistant] = chronological;
    assert.deepEqual(user, {
      content: [{ text: 'Hello there! What can you do?', type: 'input_text' }],
      role: 'user',
      type: 'message',
      id: user.id,
      status: null,
    });
    assert.match(user.id, /^msg_[0-9a-f]{48}$/);
    assert.deepEqual(assistant, scenarioEvents.get('default').at(-1).response.output[0]);
    const fco = chronological[6];
    assert.deepEqual(Object.keys(fco), ['call_id', 'output', 'type', 'id', 'status']);
    assert.match(fco.id, /^item_[0-9a-f]{48}$/);
    assert.equal(fco.call_id, chronological[5].call_id);
    assert.equal(json.first_id, json.data[0].id);
    assert.equal(json.last_id, json.data.at(-1).id);
    assert.equal(json.has_more, false);
  });

  test('items: default limit 20, order=asc, after, has_more', async () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ type: 'message', role: 'user', content: `message ${i}` }));
    const conv = (await postJson(base, '/v1/conversations', { items })).json;
    const desc = (await getJson(base, `/v1/conversations/${conv.id}/items`)).json;
    assertValid('ConversationItemList', desc);
    assert.equal(desc.data.length, 20);
    assert.equal(desc.has_more, true);
    assert.equal(desc.data[0].content[0].text, 'message 24', 'newest first by default');
    const rest = (await getJson(base, `/v1/conversations/${conv.id}/items?after=${desc.last_id}`)).json;
    assert.deepEqual(
      rest.data.map((i) => i.content[0].text),
      ['message 4', 'message 3', 'message 2', 'message 1', 'message 0'],
    );
    assert.equal(rest.has_more, false);
    const asc = (await getJson(base, `/v1/conversations/${conv.id}/items?order=asc&limit=2`)).json;
    assert.deepEqual(
      asc.data.map((i) => i.content[0].text),
      ['message 0', 'message 1'],
    );
    assert.equal(asc.has_more, true);
    assert.equal(asc.first_id, asc.data[0].id);
    const bad = await getJson(base, `/v1/conversations/${conv.id}/items?order=sideways`);
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /^\{'errors': \[\{'loc': \['query', 'order'\]/);
  });

  test('stream false answers the response object as JSON; a failure is a 500', async () => {
    const r = await postJson(base, '/v1/responses', { model: 'llama3.2:3b', input: 'Hello', stream: false });
    assert.equal(r.status, 200);
    assert.equal(r.res.headers.get('content-type'), 'application/json');
    assertValid('OpenAIResponseObject', r.json);
    assert.ok(isPydanticCompact(r.text));
    assert.match(r.text, /"temperature":1\.0,/);
    assert.deepEqual(Object.keys(r.json), Object.keys(transcripts.function_call.events.at(-1).response));
    assert.equal(r.json.status, 'completed');
    assert.equal(r.json.output[0].content[0].text, RESPONSES_DEFAULT_ANSWER);
    const stored = await getJson(base, `/v1/responses/${r.json.id}`);
    assert.deepEqual(stored.json, r.json);
    const incomplete = await postJson(base, '/v1/responses', { model: 'm', input: 'something long please' });
    assert.equal(incomplete.json.status, 'incomplete');
    const failed = await postJson(base, '/v1/responses', { model: 'm', input: 'an error please' });
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.json, { detail: 'Internal server error: An unexpected error occurred.' });
    assert.deepEqual((await getJson(base, '/v1/responses/resp_nope')).json, { detail: "Response 'resp_nope' not found." });
  });

  test('previous_response_id chains; unknown ones fail in-band; it excludes conversation', async () => {
    const first = (await postJson(base, '/v1/responses', { model: 'm', input: 'Hello' })).json;
    const events = checkResponsesStream(
      await streamResponse(base, { model: 'm', input: 'Again', previous_response_id: first.id, instructions: 'Be brief.' }),
    );
    assert.equal(events[0].response.previous_response_id, first.id);
    assert.equal(events[0].response.instructions, 'Be brief.');
    const unknown = await streamResponse(base, { model: 'm', input: 'x', previous_response_id: 'resp_nope' });
    assert.equal(
      unknown.body,
      'data: {"code":"404","message":"Response \'resp_nope\' not found.","param":null,"sequence_number":1,"type":"error"}\n\n',
    );
    const both = await postJson(base, '/v1/responses', {
      model: 'm',
      input: 'x',
      conversation,
      previous_response_id: first.id,
      stream: true,
    });
    assert.equal(both.status, 400);
    assert.match(both.json.detail, /^Mutually exclusive parameters: 'previous_response_id' and 'conversation'/);
  });

  test('unknown model or conversation: HTTP 200, then one in-band error event', async () => {
    const model = await streamResponse(base, { model: 'unknown-model', input: 'hi' });
    assert.equal(model.res.status, 200);
    assert.equal(model.res.headers.get('content-type'), SSE_CONTENT_TYPE);
    const frames = parseSse(model.body);
    assert.equal(frames.length, 1);
    assert.equal(
      frames[0].raw,
      '{"code":"404","message":"Model \'unknown-model\' not found. Use \'client.models.list()\' to list available Models.","param":null,"sequence_number":1,"type":"error"}',
    );
    assertValid('OpenAIResponseObjectStream', frames[0].json);
    const missing = `conv_${'0'.repeat(48)}`;
    const conv = await streamResponse(base, { model: 'm', input: 'hi', conversation: missing });
    assert.equal(conv.res.status, 200);
    assert.deepEqual(
      parseSse(conv.body).map((f) => f.json),
      [{ code: '404', message: `Conversation '${missing}' not found.`, param: null, sequence_number: 1, type: 'error' }],
    );
    const notStreamed = await postJson(base, '/v1/responses', { model: 'unknown-model', input: 'hi' });
    assert.equal(notStreamed.status, 404);
    assert.match(notStreamed.json.detail, /^Model 'unknown-model' not found/);
  });

  test('pre-stream validation and conversation errors', async () => {
    const invalid = await postJson(base, '/v1/responses', { input: 'hi', stream: true });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.json, {
      error: { message: "{'errors': [{'loc': ['body', 'model'], 'msg': 'Field required', 'type': 'missing'}]}" },
    });
    const notJson = await postJson(base, '/v1/responses', '{"model": ');
    assert.equal(notJson.status, 400);
    assert.match(notJson.json.error.message, /json_invalid/);
    const missing = `conv_${'0'.repeat(48)}`;
    assert.deepEqual((await getJson(base, `/v1/conversations/${missing}`)).json, { detail: `Conversation '${missing}' not found.` });
    assert.equal((await getJson(base, `/v1/conversations/${missing}/items`)).status, 404);
    const bad = await getJson(base, '/v1/conversations/nope');
    assert.equal(bad.status, 400);
    assert.match(bad.json.detail, /^Invalid value for 'conversation_id': nope\./);
  });

  test('items are not written when the client leaves mid-stream', async () => {
    const conv = (await postJson(base, '/v1/conversations', {})).json.id;
    const slowServer = await startMockLlamaStack({ chunkDelayMs: 0, slowChunkDelayMs: 200 });
    try {
      const c = (await postJson(slowServer.url, '/v1/conversations', {})).json.id;
      const { res, req } = await rawRequest(slowServer.url, '/v1/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', input: 'slow please', conversation: c, stream: true }),
      });
      await new Promise((resolve) => res.once('data', resolve));
      req.destroy();
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual((await getJson(slowServer.url, `/v1/conversations/${c}/items`)).json.data, []);
    } finally {
      await slowServer.close();
    }
    assert.deepEqual((await getJson(base, `/v1/conversations/${conv}/items`)).json.data, []);
  });
});

describe('server flavours', () => {
  /** @type {{url: string, close: () => Promise<void>}} */
  let server;
  let base = '';
  before(async () => {
    server = await startMockLlamaStack({ chunkDelayMs: 0 });
    base = server.url;
  });
  after(() => server.close());

  const status = async (/** @type {string} */ path) => (await getJson(base, path)).status;

  test('version answers', async () => {
    assert.deepEqual((await getJson(base, '/v1/version')).json, { version: '0.3.5' });
    assert.deepEqual((await getJson(base, '/as/llama-stack-0.2/v1/version')).json, { version: '0.2.23' });
    assert.deepEqual((await getJson(base, '/as/llama-stack-0.3/v1/version')).json, { version: '0.3.5' });
    assert.deepEqual(
      (await getJson(base, '/as/ogx-0.8/v1/version')).json,
      JSON.parse(fs.readFileSync(`${TRANSCRIPTS_DIR}version.json`, 'utf8')),
    );
    const openai = await getJson(base, '/as/openai-compatible/v1/version');
    assert.equal(openai.status, 404);
    assert.deepEqual(openai.json, { detail: 'Not Found' });
    assert.equal(await status('/as/openai-compatible/v1/health'), 404);
    assert.equal(await status('/as/ogx-0.8/v1/health'), 200);
    assert.equal(await status('/as/no-such-server/v1/version'), 404);
  });

  test('agent routes exist under /v1alpha only where the release had them', async () => {
    const table = {
      '': [200, 200],
      '/as/llama-stack-0.2': [200, 404],
      '/as/llama-stack-0.3': [200, 200],
      '/as/ogx-0.8': [404, 404],
      '/as/openai-compatible': [404, 404],
    };
    for (const [prefix, expected] of Object.entries(table)) {
      assert.deepEqual(
        [await status(`${prefix}/v1/agents/demo-agent`), await status(`${prefix}/v1alpha/agents/demo-agent`)],
        expected,
        prefix || '(none)',
      );
    }
    const post = await postJson(base, '/as/ogx-0.8/v1/agents/demo-agent/session', { session_name: 's' });
    assert.equal(post.status, 404);
    assert.deepEqual(post.json, { detail: 'Not Found' });
    // An agent turn through a flavour prefix streams as usual.
    const sid = (await postJson(base, '/as/llama-stack-0.2/v1/agents/demo-agent/session', { session_name: 's' })).json.session_id;
    const turn = await postJson(base, `/as/llama-stack-0.2/v1/agents/demo-agent/session/${sid}/turn`, {
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    assert.equal(turn.status, 200);
    assert.match(turn.text, /"event_type":"turn_complete"/);
  });

  test('Responses and Conversations exist where the release had them', async () => {
    const table = {
      '': [200, 200],
      '/as/llama-stack-0.2': [404, 404],
      '/as/llama-stack-0.3': [200, 200],
      '/as/ogx-0.8': [200, 200],
      '/as/openai-compatible': [200, 404],
    };
    for (const [prefix, expected] of Object.entries(table)) {
      const responses = await postJson(base, `${prefix}/v1/responses`, { model: 'm', input: 'hi' });
      const conversations = await postJson(base, `${prefix}/v1/conversations`, {});
      assert.deepEqual([responses.status, conversations.status], expected, prefix || '(none)');
      if (responses.status === 404) assert.deepEqual(responses.json, { detail: 'Not Found' });
      if (conversations.status === 404) assert.deepEqual(conversations.json, { detail: 'Not Found' });
    }
  });

  test('0.3 uses its own error envelopes for Responses: {"error": {"message"}} in-band, {"error": {"detail"}} validation', async () => {
    for (const prefix of ['', '/as/llama-stack-0.3']) {
      const missing = `conv_${'0'.repeat(48)}`;
      const inBand = await streamResponse(base, { model: 'm', input: 'hi', conversation: missing }, `${prefix}/v1/responses`);
      assert.equal(inBand.res.status, 200);
      assert.equal(inBand.body, `data: {"error": {"message": "404: Conversation '${missing}' not found."}}\n\n`);
      const invalid = await postJson(base, `${prefix}/v1/responses`, { model: 'm' });
      assert.equal(invalid.status, 400);
      assert.deepEqual(invalid.json, {
        error: { detail: { errors: [{ loc: ['body', 'input'], msg: 'Field required', type: 'missing' }] } },
      });
    }
    // The events themselves are 0.8.0's on every flavour.
    const events = checkResponsesStream(await streamResponse(base, { model: 'm', input: 'hi' }));
    for (const ev of events) checkEvent(ev);
  });

  test('requests through a flavour prefix are recorded as sent', async () => {
    await fetch(`${base}/__mock/requests`, { method: 'DELETE' });
    await getJson(base, '/as/ogx-0.8/v1/version');
    const { json } = await getJson(base, '/__mock/requests');
    assert.deepEqual(
      json.map((r) => [r.method, r.path]),
      [['GET', '/as/ogx-0.8/v1/version']],
    );
  });
});

describe('mock scripts under /s/<id>', () => {
  /** @type {{url: string, close: () => Promise<void>}} */
  let server;
  let base = '';
  before(async () => {
    server = await startMockLlamaStack({ chunkDelayMs: 0 });
    base = server.url;
  });
  after(() => server.close());

  const script = async (/** @type {Record<string, unknown>} */ s) => {
    const r = await postJson(base, '/__mock/scripts', s);
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.agent_id, /^script-\d+$/);
    assert.equal(r.json.base_path, `/s/${r.json.agent_id}`);
    return r.json;
  };

  test('a flavour must be known', async () => {
    const r = await postJson(base, '/__mock/scripts', { chunks: [], flavour: 'llama-stack-9' });
    assert.equal(r.status, 400);
    assert.equal((await getJson(base, '/s/script-999/v1/version')).status, 404, 'unknown script');
  });

  test('responses replay the scripted turns; every request is recorded under the id', async () => {
    const real = fs.readFileSync(`${TRANSCRIPTS_DIR}function_call.sse`, 'utf8');
    const { agent_id: id, base_path: basePath } = await script({
      flavour: 'ogx-0.8',
      conversationId: 'conv_scripted',
      turns: [
        { chunks: [real] },
        { status: 429, chunks: ['{"error": {"message": "Quota exceeded"}}'] },
        { chunks: ['data: {"partial":true}\n\n'], end: 'destroy' },
      ],
    });
    assert.deepEqual((await getJson(base, `${basePath}/v1/version`)).json, { version: '0.8.0' });
    const conv = await postJson(base, `${basePath}/v1/conversations`, {});
    assert.deepEqual(Object.keys(conv.json), ['id', 'object', 'created_at', 'metadata', 'items']);
    assert.equal(conv.json.id, 'conv_scripted');
    const first = await postJson(base, `${basePath}/v1/responses`, {
      model: 'm',
      input: 'hi',
      conversation: 'conv_scripted',
      stream: true,
    });
    assert.equal(first.status, 200);
    assert.equal(first.res.headers.get('content-type'), SSE_CONTENT_TYPE);
    assert.equal(first.text, real);
    const second = await postJson(base, `${basePath}/v1/responses`, { model: 'm', input: 'again', stream: true });
    assert.equal(second.status, 429);
    assert.equal(second.text, '{"error": {"message": "Quota exceeded"}}');
    const { res } = await rawRequest(base, `${basePath}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const cut = await withTimeout(collect(res), 2000, 'destroy');
    assert.equal(cut.outcome, 'aborted');
    assert.equal((await getJson(base, `${basePath}/v1/agents/${id}`)).status, 404, 'no agents on an ogx-0.8 script');

    const { json } = await getJson(base, `/__mock/requests?agent_id=${id}`);
    assert.deepEqual(
      json.map((r) => `${r.method} ${r.path}`),
      [
        `GET ${basePath}/v1/version`,
        `POST ${basePath}/v1/conversations`,
        `POST ${basePath}/v1/responses`,
        `POST ${basePath}/v1/responses`,
        `POST ${basePath}/v1/responses`,
        `GET ${basePath}/v1/agents/${id}`,
      ],
    );
    assert.deepEqual(json[2].body, { model: 'm', input: 'hi', conversation: 'conv_scripted', stream: true });
  });

  test('scripted items are listed with the real order, limit and after semantics', async () => {
    const items = transcripts.mcp_or_web_search.events.at(-1).response.output.map((o) => structuredClone(o));
    items.unshift({
      content: [{ text: 'How do I list the items?', type: 'input_text' }],
      role: 'user',
      type: 'message',
      id: 'msg_user',
      status: null,
    });
    const { base_path: basePath } = await script({ items, flavour: 'ogx-0.8' });
    const desc = (await getJson(base, `${basePath}/v1/conversations/conv_anything/items`)).json;
    assert.deepEqual(desc.data, [...items].reverse());
    assertValid('ConversationItemList', desc);
    const page = (await getJson(base, `${basePath}/v1/conversations/conv_anything/items?order=asc&limit=2&after=msg_user`)).json;
    assert.deepEqual(page.data, items.slice(1, 3));
    assert.equal(page.has_more, true);
    assert.equal(page.first_id, items[1].id);
    const conv = await getJson(base, `${basePath}/v1/conversations/conv_anything`);
    assert.equal(conv.json.id, 'conv_anything', 'every conversation id is known under a script');
  });

  test('getSession*/createSession* make the conversation routes fail', async () => {
    const { base_path: getFails } = await script({
      chunks: [],
      getSessionStatus: 404,
      getSessionBody: { detail: "Conversation 'c' not found." },
    });
    const items = await getJson(base, `${getFails}/v1/conversations/c/items`);
    assert.equal(items.status, 404);
    assert.deepEqual(items.json, { detail: "Conversation 'c' not found." });
    assert.equal((await postJson(base, `${getFails}/v1/conversations`, {})).status, 200);
    const { base_path: createFails } = await script({
      chunks: [],
      createSessionStatus: 401,
      createSessionBody: { error: { message: 'Invalid token' } },
    });
    const created = await postJson(base, `${createFails}/v1/conversations`, {});
    assert.equal(created.status, 401);
    assert.deepEqual(created.json, { error: { message: 'Invalid token' } });
    const { base_path: both } = await script({ chunks: [], sessionStatus: 500, sessionBody: { detail: 'boom' } });
    assert.equal((await postJson(base, `${both}/v1/conversations`, {})).status, 500);
    assert.equal((await getJson(base, `${both}/v1/conversations/c/items`)).status, 500);
  });

  test('the default flavour (llama-stack-0.3) replays agent turns for any agent id, and flavours gate routes', async () => {
    const { agent_id: id, base_path: basePath } = await script({ chunks: ['data: {"turn":1}\n\n'] });
    assert.deepEqual((await getJson(base, `${basePath}/v1/version`)).json, { version: '0.3.5' });
    const session = await postJson(base, `${basePath}/v1alpha/agents/whatever/session`, { session_name: 's' });
    assert.equal(session.status, 200);
    const turn = await postJson(base, `${basePath}/v1/agents/whatever/session/${session.json.session_id}/turn`, {
      messages: [],
      stream: true,
    });
    assert.equal(turn.text, 'data: {"turn":1}\n\n');
    const responses = await postJson(base, `${basePath}/v1/responses`, { model: 'm', input: 'x', stream: true });
    assert.equal(responses.text, 'data: {"turn":1}\n\n');
    assert.equal((await getJson(base, `/__mock/requests?agent_id=${id}`)).json.length, 4);

    const { base_path: old } = await script({ chunks: ['data: {}\n\n'], flavour: 'llama-stack-0.2' });
    assert.equal((await getJson(base, `${old}/v1alpha/agents/x`)).status, 404);
    assert.equal((await getJson(base, `${old}/v1/agents/x`)).status, 200);
    assert.equal((await postJson(base, `${old}/v1/responses`, { model: 'm', input: 'x' })).status, 404);
    const { base_path: openai } = await script({ chunks: ['data: {}\n\n'], flavour: 'openai-compatible' });
    assert.equal((await getJson(base, `${openai}/v1/version`)).status, 404);
    assert.equal((await postJson(base, `${openai}/v1/conversations`, {})).status, 404);
  });
});

describe('mock Responses API (browser tools: function calls and their follow-up)', () => {
  /** @type {{url: string, close: () => Promise<void>}} */
  let server;
  let base = '';
  let conversation = '';
  const QUESTION = 'What time is it for me? Check the page title too.';
  const TIME = 'Tue May 12 2026 16:03:00 GMT+0200 (Central European Summer Time)';
  const TITLE = 'llama-agent-chat demo';
  // The demo page's tools, as it sends them.
  const noArgs = { type: 'object', properties: {} };
  const TOOLS = [
    { type: 'function', name: 'get_local_time', description: 'The user’s local date and time', parameters: noArgs },
    { type: 'function', name: 'get_page_title', description: 'The title of the page the user is on', parameters: noArgs },
  ];
  /** @type {any[]} */
  let callEvents = [];
  /** @type {any[]} */
  let followupEvents = [];

  before(async () => {
    server = await startMockLlamaStack({ chunkDelayMs: 0 });
    base = `${server.url}/as/ogx-0.8`;
    conversation = (await postJson(base, '/v1/conversations', {})).json.id;
  });
  after(() => server.close());

  /** The types of one item's own events, in order. @param {any[]} events @param {string} itemId */
  const typesOfItem = (events, itemId) => events.filter((e) => e.item_id === itemId || e.item?.id === itemId).map((e) => e.type);
  const collapse = (/** @type {string[]} */ types) => types.filter((t, i) => t !== types[i - 1]);

  test('trigger words and precedence: "time"/"title" only where no older scenario matches', () => {
    assert.equal(pickResponsesScenario(QUESTION), 'browser_tools');
    assert.equal(pickResponsesScenario([{ role: 'user', content: 'Which title has this page?' }]), 'browser_tools');
    assert.equal(pickResponsesScenario("What's the weather at this time?"), 'function_call');
    assert.equal(pickResponsesScenario('Search the docs for the title'), 'mcp');
    assert.equal(pickResponsesScenario('Take your time, answer slowly'), 'slow');
    assert.equal(pickResponsesScenario('A long title, please'), 'incomplete');
    assert.equal(pickResponsesScenario('An error this time'), 'error');
    assert.equal(pickResponsesScenario('Sometimes subtitles are entitled'), 'default', 'whole words only');
    assert.equal(pickResponsesScenario([{ type: 'function_call_output', call_id: 'c', output: 'time' }]), 'function_call_followup');
  });

  test('the two calls stream like function_call.sse, every event valid', async () => {
    callEvents = checkResponsesStream(await streamResponse(base, { model: 'llama3.2:3b', input: QUESTION, conversation, tools: TOOLS }));
    for (const ev of callEvents) checkEvent(ev);
    const real = transcripts.function_call;
    assert.deepEqual(
      departureKinds(departuresOf(callEvents)),
      departureKinds(departuresOf(real.events)),
      'no departure the real one lacks',
    );
    // Parallel calls as the server's orchestrator sends them: each call's added + argument deltas, then every
    // arguments.done, then every output_item.done.
    assert.deepEqual(
      callEvents.map((e) => e.type),
      [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.function_call_arguments.delta',
        'response.output_item.added',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.done',
        'response.function_call_arguments.done',
        'response.output_item.done',
        'response.output_item.done',
        'response.completed',
      ],
    );
    assert.deepEqual(
      callEvents.map((e) => e.sequence_number),
      callEvents.map((_, i) => i),
    );
    const realItem = real.events[2].item.id;
    const output = callEvents.at(-1).response.output;
    for (const item of output)
      assert.deepEqual(collapse(typesOfItem(callEvents, item.id)), collapse(typesOfItem(real.events, realItem)), item.name);
    // Field order and presence like the real events of the same type.
    for (const ev of callEvents) {
      const twin = real.events.find((r) => r.type === ev.type && (r.item?.status ?? '') === (ev.item?.status ?? ''));
      assert.deepEqual(eventKeys(ev).event, eventKeys(twin).event, ev.type);
      if (ev.item) assert.deepEqual(eventKeys(ev).item, eventKeys(twin).item, ev.type);
    }
    assert.deepEqual(
      callEvents[0].response.tools,
      TOOLS.map((t) => ({ ...t, strict: null })),
      'tools echoed as the server does',
    );
  });

  test('two function_call items in one completed response, arguments "{}"', () => {
    const last = callEvents.at(-1);
    assert.equal(last.type, 'response.completed');
    assert.equal(last.response.status, 'completed');
    const output = last.response.output;
    assert.deepEqual(
      output.map((o) => [o.type, o.name, o.arguments, o.status]),
      [
        ['function_call', 'get_local_time', '{}', 'completed'],
        ['function_call', 'get_page_title', '{}', 'completed'],
      ],
    );
    for (const o of output) {
      assert.deepEqual(Object.keys(o), Object.keys(transcripts.function_call.events.at(-1).response.output[0]));
      assert.match(o.id, new RegExp(`^fc_${UUID}$`));
      assert.match(o.call_id, /^call_/);
      assert.equal(typesOfItem(callEvents, o.id).filter((t) => t.endsWith('.delta')).length, 1);
      assert.equal(callEvents.find((e) => e.type === 'response.function_call_arguments.done' && e.item_id === o.id).arguments, '{}');
    }
    assert.notEqual(output[0].call_id, output[1].call_id);
    for (const e of callEvents.filter(
      (x) => x.type.startsWith('response.function_call_arguments.') || x.type === 'response.output_item.added',
    )) {
      assert.equal(e.output_index, 0, 'before they are committed, both calls carry the count of committed items');
    }
    assert.deepEqual(
      callEvents.filter((e) => e.type === 'response.output_item.done').map((e) => [e.item.id, e.output_index]),
      output.map((o, i) => [o.id, i]),
    );
  });

  test('one word, one call: the exact event types of function_call.sse', async () => {
    for (const [input, name] of [
      ['What time is it?', 'get_local_time'],
      ['What is the title of this page?', 'get_page_title'],
    ]) {
      const events = checkResponsesStream(await streamResponse(base, { model: 'm', input, tools: TOOLS }));
      for (const ev of events) checkEvent(ev);
      assert.deepEqual(structure(events), structure(transcripts.function_call.events), input);
      assert.deepEqual(
        events.at(-1).response.output.map((o) => o.name),
        [name],
      );
    }
  });

  test('undeclared browser tools are not called: the tool-less answer, as before', async () => {
    for (const tools of [undefined, transcripts.function_call.meta.request.tools, [TOOLS[1]]]) {
      const events = checkResponsesStream(
        await streamResponse(base, { model: 'm', input: 'What time is it?', ...(tools ? { tools } : {}) }),
      );
      assert.equal(finalText(events), RESPONSES_DEFAULT_ANSWER, JSON.stringify(tools?.map((t) => t.name)));
    }
    const titleOnly = checkResponsesStream(await streamResponse(base, { model: 'm', input: QUESTION, tools: [TOOLS[1]] }));
    assert.deepEqual(
      titleOnly.at(-1).response.output.map((o) => o.name),
      ['get_page_title'],
    );
  });

  test('the follow-up streams like function_call_followup.sse and answers from the outputs', async () => {
    const [time, title] = callEvents.at(-1).response.output;
    // Outputs in the other order: the answer follows the call ids.
    const input = [
      { type: 'function_call_output', call_id: title.call_id, output: TITLE },
      { type: 'function_call_output', call_id: time.call_id, output: TIME },
    ];
    followupEvents = checkResponsesStream(await streamResponse(base, { model: 'llama3.2:3b', input, conversation, tools: TOOLS }));
    for (const ev of followupEvents) checkEvent(ev);
    const real = transcripts.function_call_followup;
    assert.deepEqual(structure(followupEvents), structure(real.events));
    assert.deepEqual(departureKinds(departuresOf(followupEvents)), departureKinds(departuresOf(real.events)));
    const answer = browserToolAnswer({ time: TIME, title: TITLE });
    assert.equal(answer, `It is **${TIME}** for you, and you are reading *${TITLE}*.`);
    assert.equal(streamedText(followupEvents), answer);
    assert.equal(finalText(followupEvents), answer);
  });

  test('the conversation holds user message, function_calls, function_call_outputs, assistant message, in order', async () => {
    const { json } = await getJson(base, `/v1/conversations/${conversation}/items?order=asc`);
    assertValid('ConversationItemList', json);
    for (const item of json.data) assertValid('ConversationItem', item);
    const calls = callEvents.at(-1).response.output;
    assert.deepEqual(
      json.data.map((i) => (i.type === 'message' ? `${i.role}:${i.content[0].type}` : i.type)),
      ['user:input_text', 'function_call', 'function_call', 'function_call_output', 'function_call_output', 'assistant:output_text'],
    );
    assert.equal(json.data[0].content[0].text, QUESTION);
    assert.deepEqual(json.data.slice(1, 3), calls);
    assert.deepEqual(
      json.data.slice(3, 5).map((i) => [i.call_id, i.output]),
      [
        [calls[1].call_id, TITLE],
        [calls[0].call_id, TIME],
      ],
    );
    assert.deepEqual(json.data[5], followupEvents.at(-1).response.output[0]);
  });

  test('without a conversation, names come from previous_response_id or the input’s own function_call items', async () => {
    const first = checkResponsesStream(await streamResponse(base, { model: 'm', input: QUESTION, tools: TOOLS }));
    const [time, title] = first.at(-1).response.output;
    const outputs = [
      { type: 'function_call_output', call_id: time.call_id, output: TIME },
      { type: 'function_call_output', call_id: title.call_id, output: TITLE },
    ];
    const chained = checkResponsesStream(
      await streamResponse(base, { model: 'm', input: outputs, previous_response_id: first.at(-1).response.id, tools: TOOLS }),
    );
    assert.equal(finalText(chained), browserToolAnswer({ time: TIME, title: TITLE }));
    const stateless = checkResponsesStream(
      await streamResponse(base, { model: 'm', input: [{ role: 'user', content: QUESTION }, time, title, ...outputs], tools: TOOLS }),
    );
    assert.equal(finalText(stateless), browserToolAnswer({ time: TIME, title: TITLE }));
  });
});
