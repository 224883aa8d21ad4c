// Conformance of the mock Llama Stack (demo/mock/server.js) against the published 0.3.5 OpenAPI spec
// and against real 0.3.5 server output (test/fixtures/llama-stack-0.3.5). Run: node --test test/node/
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startMockLlamaStack, createMockLlamaStack, DEFAULT_ANSWER, DEMO_CLIENT_TOOLS, pickScenario } from '../../demo/mock/server.js';
import { browserToolAnswer } from '../../demo/mock/responses.js';
import { FIXTURES_DIR, loadSpec, schemaValidators } from './support/openapi.js';
import { loadTranscripts as loadAll, runLengths, withoutCounts } from './support/transcripts.js';
import { FRAMING_RE, SSE_CONTENT_TYPE, parseSse, postJson, getJson, rawRequest, collect, withTimeout } from './support/http.js';

const TRANSCRIPTS_DIR = `${FIXTURES_DIR}llama-stack-0.3.5/`;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
// A JSON `\uXXXX` escape: a `\u` preceded by an even number of backslashes (so `\\u2014` inside a
// string that itself holds Python-dumped JSON, as in real tool results, does not count).
const UNICODE_ESCAPE_RE = /(?<!\\)(?:\\\\)*\\u[0-9a-f]{4}/i;

// -------------------------------------------------------------------------------------------------
// Schema validation

const spec = loadSpec('llama-stack-0.3.5.schemas.yml');

/**
 * Where a real 0.3.5 server departs from its own published types. Each was found by validating the
 * real transcripts (see the "real server output" test) and each is a patch that makes the schema say
 * what the server really sends. The mock reproduces the same departures on purpose, because a client
 * must cope with them.
 */
const DEPARTURES = {
  // UserMessage.context is `InterleavedContent | None = None` in the server's pydantic model and is
  // serialized as `"context": null` in every echoed input message; the spec lost the nullability.
  user_context_null: (s) => {
    s.UserMessage.properties.context = { anyOf: [{ type: 'null' }, s.UserMessage.properties.context] };
  },
  // ToolResponse.metadata is `dict | None = None`, sent as `"metadata": null`; the spec says object.
  tool_response_metadata_null: (s) => {
    s.ToolResponse.properties.metadata = { anyOf: [{ type: 'null' }, s.ToolResponse.properties.metadata] };
  },
  // ShieldCallStep.violation is `SafetyViolation | None`, sent as `"violation": null` when the shield
  // passes; the spec allows only a SafetyViolation object.
  shield_violation_null: (s) => {
    s.ShieldCallStep.properties.violation = { anyOf: [{ type: 'null' }, s.ShieldCallStep.properties.violation] };
  },
  // ToolCall.tool_name / ToolResponse.tool_name is `oneOf: [BuiltinTool enum, string]`. A builtin name
  // such as "brave_search" (what builtin::websearch is called) matches BOTH branches, so `oneOf`
  // fails. The Python type is the union `BuiltinTool | str`: it should have been `anyOf`.
  builtin_tool_name_oneof: (s) => {
    for (const name of ['ToolCall', 'ToolResponse']) {
      const prop = s[name].properties.tool_name;
      s[name].properties.tool_name = { ...prop, anyOf: prop.oneOf, oneOf: undefined };
      delete s[name].properties.tool_name.oneOf;
    }
  },
};
const DEPARTURE_NAMES = /** @type {(keyof typeof DEPARTURES)[]} */ (Object.keys(DEPARTURES));

const { validatorFor } = schemaValidators({ id: 'llama-stack-0.3.5.openapi', schemas: spec.components.schemas, patches: DEPARTURES });
const strict = (name, value) => validatorFor(name)(value);
const lenient = (name, value) => validatorFor(name, DEPARTURE_NAMES)(value);

/**
 * Validates against the published schema; when that fails, finds exactly which known departures
 * explain it: the value must pass with all patches, and each reported departure must be necessary
 * (leaving out just that patch fails again). Throws if something else is wrong.
 * @returns {string[]} the departures present (empty when the strict schema accepts the value)
 */
function departuresOf(name, value) {
  if (strict(name, value)) return [];
  const all = validatorFor(name, DEPARTURE_NAMES);
  assert.ok(all(value), `${name} invalid even with the known departures: ${JSON.stringify(all.errors?.slice(0, 5), null, 1)}`);
  return DEPARTURE_NAMES.filter(
    (d) =>
      !validatorFor(
        name,
        DEPARTURE_NAMES.filter((x) => x !== d),
      )(value),
  );
}

// -------------------------------------------------------------------------------------------------
// SSE helpers

function kindOf(ev) {
  if ('error' in ev) return 'error';
  const p = ev.event.payload;
  return p.event_type.startsWith('step_') ? `${p.event_type}/${p.step_type}` : p.event_type;
}

/** Event kinds with runs collapsed as `xN`, like `event_sequence` in the transcripts' .json files. */
const eventSequence = (events) => runLengths(events, kindOf);
/** The structure of a sequence: same order of kinds, counts ignored. */
const structure = withoutCounts;

/** The in-band error exactly as the server's `json.dumps` writes it (spaces, `\u` escapes). */
function pythonErrorFrame(message) {
  const s = JSON.stringify(message).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  return `{"error": {"message": ${s}}}`;
}

const loadTranscripts = () => loadAll(TRANSCRIPTS_DIR);

// -------------------------------------------------------------------------------------------------
// HTTP helpers

async function runTurn(base, agentId, sessionId, text, prefix = '/v1') {
  const res = await fetch(`${base}${prefix}/agents/${agentId}/session/${sessionId}/turn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: text }], stream: true }),
  });
  const body = await res.text();
  return { res, body, frames: parseSse(body) };
}

// -------------------------------------------------------------------------------------------------
// Checks shared by every demo scenario

/**
 * Validates one demo-agent turn stream the way a real one looks, returns the parsed events.
 * @param {{res: Response, body: string, frames: {raw: string, json: any}[]}} turn
 */
function checkTurnStream({ res, body, frames }) {
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), SSE_CONTENT_TYPE);
  assert.equal(res.headers.get('content-length'), null, 'streams carry no content-length');
  assert.match(body, FRAMING_RE);
  assert.doesNotMatch(body, /^(event|id|retry):|^:|\[DONE\]/m, 'no event:/id:/comments/[DONE]');

  const events = frames.map((f) => f.json);
  frames.forEach(({ raw, json }, i) => {
    if ('error' in json) {
      assert.equal(i, frames.length - 1, 'the in-band error is the last event');
      assert.deepEqual(Object.keys(json), ['error']);
      assert.deepEqual(Object.keys(json.error), ['message']);
      assert.equal(typeof json.error.message, 'string');
      assert.equal(raw, pythonErrorFrame(json.error.message), 'error written like json.dumps, with spaces');
      return;
    }
    assert.equal(raw, JSON.stringify(json), `event ${i} is compact JSON`);
    assert.doesNotMatch(raw, UNICODE_ESCAPE_RE, `event ${i} carries raw UTF-8, not \\u escapes`);
    const found = departuresOf('AgentTurnResponseStreamChunk', json);
    for (const d of found) assert.ok(DEPARTURE_NAMES.includes(d));
  });

  // ids, timestamps and where turn_id appears
  let turnId;
  /** @type {Map<string, string>} */
  const textByStep = new Map();
  for (const ev of events) {
    if ('error' in ev) continue;
    const p = ev.event.payload;
    if (p.event_type === 'step_start' || p.event_type === 'step_progress') {
      assert.match(p.step_id, UUID_RE);
      assert.ok(!('turn_id' in p) && !JSON.stringify(p).includes('"turn_id"'), 'no turn_id before step_complete');
      if (p.delta?.type === 'text') textByStep.set(p.step_id, (textByStep.get(p.step_id) ?? '') + p.delta.text);
    }
    if (p.event_type === 'step_complete') {
      const d = p.step_details;
      assert.match(d.turn_id, UUID_RE);
      turnId ??= d.turn_id;
      assert.equal(d.turn_id, turnId);
      assert.equal(d.step_id, p.step_id);
      assert.equal(d.step_type, p.step_type);
      assert.match(d.started_at, TIMESTAMP_RE);
      assert.match(d.completed_at, TIMESTAMP_RE);
      assert.ok(d.started_at <= d.completed_at);
      if (p.step_type === 'inference' && !d.model_response.tool_calls.length) {
        assert.equal(textByStep.get(p.step_id) ?? '', d.model_response.content, 'deltas add up to the stored content');
      }
    }
    if (p.event_type === 'turn_complete') {
      assert.equal(p.turn.turn_id, turnId);
      assert.match(p.turn.started_at, TIMESTAMP_RE);
      assert.match(p.turn.completed_at, TIMESTAMP_RE);
      assert.ok(p.turn.started_at <= p.turn.steps[0].started_at);
    }
  }
  return events;
}

const lastTurn = (events) => events.at(-1)?.event?.payload?.turn;

// =================================================================================================

describe('the validator itself', () => {
  test('rejects a text delta without text', () => {
    const broken = {
      event: {
        payload: {
          event_type: 'step_progress',
          step_type: 'inference',
          step_id: '19b90930-de08-4a51-b1d5-523ae19cd9d0',
          delta: { type: 'text' },
        },
      },
    };
    assert.equal(strict('AgentTurnResponseStreamChunk', broken), false);
    assert.equal(lenient('AgentTurnResponseStreamChunk', broken), false, 'the known departures do not excuse it');
    const fixed = structuredClone(broken);
    fixed.event.payload.delta.text = 'Hello';
    assert.equal(strict('AgentTurnResponseStreamChunk', fixed), true);
  });

  test('rejects an unknown event_type and a turn_complete without its turn', () => {
    const unknown = { event: { payload: { event_type: 'step_finished', step_type: 'inference', step_id: 'x' } } };
    assert.equal(strict('AgentTurnResponseStreamChunk', unknown), false);
    assert.equal(lenient('AgentTurnResponseStreamChunk', unknown), false);
    assert.equal(lenient('AgentTurnResponseStreamChunk', { event: { payload: { event_type: 'turn_complete' } } }), false);
  });

  test('rejects a bad timestamp and a wrong error envelope as a stream chunk', () => {
    const start = { event: { payload: { event_type: 'step_start', step_type: 'inference', step_id: 'a', metadata: {} } } };
    assert.equal(strict('AgentTurnResponseStreamChunk', start), true);
    assert.equal(strict('AgentTurnResponseStreamChunk', { error: { message: 'x' } }), false);
    assert.equal(strict('Session', { session_id: 's', session_name: 'n', turns: [], started_at: 'yesterday' }), false);
  });
});

describe('real 0.3.5 server output (transcripts)', () => {
  const transcripts = loadTranscripts();

  test('the transcripts are there', () => {
    assert.deepEqual(
      transcripts.map((t) => t.name),
      ['client_tool_awaiting', 'client_tool_awaiting_resume', 'output_shield_pass', 'server_tool'],
    );
  });

  test('real events are compact JSON with raw UTF-8, the checks the mock is held to', () => {
    for (const t of transcripts) {
      for (const { raw, json } of t.frames) {
        assert.equal(raw, JSON.stringify(json), t.name);
        assert.doesNotMatch(raw, UNICODE_ESCAPE_RE, t.name);
      }
    }
    assert.ok(
      transcripts.some((t) => t.frames.some((f) => f.raw.includes('🇵🇹'))),
      'emoji sent literally',
    );
  });

  test('our event-sequence function reproduces each transcript event_sequence', () => {
    for (const t of transcripts) assert.deepEqual(eventSequence(t.events), t.meta.event_sequence, t.name);
  });

  test('every real event validates, except exactly these known departures from the spec', () => {
    // Found by validating the real server output; see DEPARTURES above for the why of each.
    const expected = [
      'client_tool_awaiting#8 turn_awaiting_input: user_context_null',
      'client_tool_awaiting_resume#0 step_complete/tool_execution: tool_response_metadata_null',
      'client_tool_awaiting_resume#48 turn_complete: user_context_null, tool_response_metadata_null',
      'output_shield_pass#1 step_complete/shield_call: shield_violation_null',
      'output_shield_pass#55 step_complete/shield_call: shield_violation_null',
      'output_shield_pass#56 turn_complete: user_context_null, shield_violation_null',
      'server_tool#9 step_progress/inference: builtin_tool_name_oneof',
      'server_tool#10 step_complete/inference: builtin_tool_name_oneof',
      'server_tool#12 step_progress/tool_execution: builtin_tool_name_oneof',
      'server_tool#13 step_complete/tool_execution: tool_response_metadata_null, builtin_tool_name_oneof',
      'server_tool#86 turn_complete: user_context_null, tool_response_metadata_null, builtin_tool_name_oneof',
    ];
    const found = [];
    let validated = 0;
    for (const t of transcripts) {
      t.events.forEach((ev, i) => {
        validated++;
        const d = departuresOf('AgentTurnResponseStreamChunk', ev);
        if (d.length) found.push(`${t.name}#${i} ${kindOf(ev)}: ${d.join(', ')}`);
      });
    }
    assert.equal(validated, 9 + 49 + 57 + 87);
    assert.deepEqual(found, expected);
  });
});

describe('mock Llama Stack', () => {
  /** @type {{url: string, close: () => Promise<void>}} */
  let server;
  let base = '';
  let sessionId = '';
  /** @type {Map<string, any[]>} events by scenario */
  const scenarioEvents = new Map();
  const transcripts = Object.fromEntries(loadTranscripts().map((t) => [t.name, t]));

  before(async () => {
    server = await startMockLlamaStack({ chunkDelayMs: 0, slowChunkDelayMs: 1 });
    base = server.url;
  });
  after(() => server.close());

  test('answers version and health', async () => {
    assert.deepEqual((await getJson(base, '/v1/version')).json, { version: '0.3.5' });
    assert.deepEqual((await getJson(base, '/v1/health')).json, { status: 'OK' });
  });

  test('creates an agent and a session that validate against the spec', async () => {
    const created = await postJson(base, '/v1/agents', {
      agent_config: { model: 'meta-llama/Llama-3.3-70B-Instruct', instructions: 'You are a helpful assistant.' },
    });
    assert.equal(created.status, 200);
    assert.equal(created.res.headers.get('content-type'), 'application/json');
    assert.ok(strict('AgentCreateResponse', created.json), JSON.stringify(validatorFor('AgentCreateResponse').errors));
    assert.match(created.json.agent_id, UUID_RE);

    const agent = await getJson(base, `/v1/agents/${created.json.agent_id}`);
    assert.ok(strict('Agent', agent.json), JSON.stringify(validatorFor('Agent').errors));
    assert.ok(strict('Agent', (await getJson(base, '/v1alpha/agents/demo-agent')).json));

    const session = await postJson(base, `/v1/agents/${created.json.agent_id}/session`, { session_name: 'conformance' });
    assert.equal(session.status, 200);
    assert.ok(strict('AgentSessionCreateResponse', session.json));
    assert.match(session.json.session_id, UUID_RE);

    const turn = await runTurn(base, created.json.agent_id, session.json.session_id, 'hello');
    assert.equal(lastTurn(checkTurnStream(turn)).output_message.content, DEFAULT_ANSWER, 'created agents answer too');

    const demoSession = await postJson(base, '/v1alpha/agents/demo-agent/session', { session_name: 'scenarios' });
    assert.ok(strict('AgentSessionCreateResponse', demoSession.json));
    sessionId = demoSession.json.session_id;
  });

  const scenarios = [
    ['default', 'Hello there! What can you do?'],
    ['tool (search)', 'Please search the web for Llama Stack agents'],
    ['tool (weather)', 'What is the weather like?'],
    ['tool (tool)', 'Use a tool, please'],
    ['shield', 'Trip the output shield'],
    ['input shield', 'Trip the input shield'],
    ['slow', 'Answer slowly, I am a slow reader'],
    ['error', 'Make an error happen'],
  ];
  for (const [name, text] of scenarios) {
    test(`streams the ${name} scenario like a real server`, async () => {
      assert.ok(sessionId, 'session created');
      const events = checkTurnStream(await runTurn(base, 'demo-agent', sessionId, text));
      scenarioEvents.set(name, events);
    });
  }

  test('default scenario: markdown answer in 1–3 word deltas, same shape as a plain text turn', () => {
    const events = scenarioEvents.get('default');
    // A plain text turn is the inference part of output_shield_pass (its shield steps removed).
    const plain = structure(transcripts.output_shield_pass.meta.event_sequence).filter((k) => !k.endsWith('/shield_call'));
    assert.deepEqual(plain, ['step_start/inference', 'step_progress/inference', 'step_complete/inference', 'turn_complete']);
    assert.deepEqual(structure(eventSequence(events)), plain);
    assert.deepEqual(structure(eventSequence(scenarioEvents.get('slow'))), plain);

    const deltas = events.filter((e) => e.event.payload.delta?.type === 'text').map((e) => e.event.payload.delta.text);
    assert.ok(deltas.length > 20);
    for (const d of deltas) {
      const words = d.trim().split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 1 && words <= 3, `delta of 1–3 words: ${JSON.stringify(d)}`);
    }
    const text = deltas.join('');
    assert.equal(text, DEFAULT_ANSWER);
    assert.equal(lastTurn(events).output_message.content, text);
    assert.match(text, /^## /m, 'heading');
    assert.match(text, /^- /m, 'list');
    assert.match(text, /\*\*[^*]+\*\*/, 'bold');
    assert.match(text, /`[^`\n]+`/, 'inline code');
    assert.match(text, /^```js\n[\s\S]+?\n```$/m, 'fenced code block');
    assert.match(text, /\[[^\]]+\]\(https?:\/\/[^)]+\)/, 'link');
    assert.match(text, /\p{Extended_Pictographic}/u, 'emoji');
    assert.match(text, /\p{Script=Han}/u, 'CJK');
  });

  test('tool scenario has the same event structure as the real server_tool transcript', () => {
    const real = transcripts.server_tool;
    for (const name of ['tool (search)', 'tool (weather)', 'tool (tool)']) {
      const events = scenarioEvents.get(name);
      assert.deepEqual(structure(eventSequence(events)), structure(real.meta.event_sequence), name);
      const p = events.map((e) => e.event.payload);
      // inference step 1: in_progress string fragments, then one succeeded ToolCall object
      const toolDeltas = p.filter((x) => x.step_type === 'inference' && x.delta?.type === 'tool_call').map((x) => x.delta);
      assert.ok(toolDeltas.length > 3);
      assert.ok(toolDeltas.slice(0, -1).every((d) => d.parse_status === 'in_progress' && typeof d.tool_call === 'string'));
      const call = toolDeltas.at(-1).tool_call;
      assert.equal(toolDeltas.at(-1).parse_status, 'succeeded');
      assert.deepEqual(Object.keys(call), ['call_id', 'tool_name', 'arguments']);
      assert.match(call.call_id, /^call_[A-Za-z0-9]{16}$/);
      assert.doesNotThrow(() => JSON.parse(call.arguments), 'arguments is a JSON string');
      assert.equal(
        toolDeltas
          .slice(0, -1)
          .map((d) => d.tool_call)
          .join(''),
        `${call.tool_name}(${call.arguments})`,
      );
      assert.equal(p.find((x) => x.event_type === 'step_complete').step_details.model_response.content, '');
      // tool_execution step: one progress with the whole ToolCall (parse_status in_progress), then results
      const execProgress = p.filter((x) => x.step_type === 'tool_execution' && x.event_type === 'step_progress');
      assert.equal(execProgress.length, 1);
      assert.deepEqual(execProgress[0].delta, { type: 'tool_call', tool_call: call, parse_status: 'in_progress' });
      const execDone = p.find((x) => x.step_type === 'tool_execution' && x.event_type === 'step_complete').step_details;
      assert.deepEqual(execDone.tool_calls, [call]);
      assert.equal(execDone.tool_responses[0].call_id, call.call_id);
      assert.equal(typeof execDone.tool_responses[0].content, 'string');
      assert.equal(lastTurn(events).steps.length, 3);
    }
    assert.equal(scenarioEvents.get('tool (search)')[1].event.payload.delta.tool_call, 'brave_search(');
    assert.equal(scenarioEvents.get('tool (weather)')[1].event.payload.delta.tool_call, 'get_weather(');
  });

  test('the search scenario departs from the spec exactly where the real server_tool does', () => {
    const byKind = (events) => {
      const m = {};
      for (const ev of events) {
        const d = departuresOf('AgentTurnResponseStreamChunk', ev);
        m[kindOf(ev)] = [...new Set([...(m[kindOf(ev)] ?? []), ...d])].sort();
      }
      return m;
    };
    assert.deepEqual(byKind(scenarioEvents.get('tool (search)')), byKind(transcripts.server_tool.events));
  });

  test('shield scenario: the output shield shape, and the final message replaces the streamed text', () => {
    const events = scenarioEvents.get('shield');
    assert.deepEqual(structure(eventSequence(events)), structure(transcripts.output_shield_pass.meta.event_sequence));
    const p = events.map((e) => e.event.payload);
    const starts = p.filter((x) => x.event_type === 'step_start' && x.step_type === 'shield_call');
    assert.deepEqual(
      starts.map((x) => x.metadata),
      [{ touchpoint: 'user-input' }, { touchpoint: 'assistant-output' }],
    );
    const shields = p.filter((x) => x.event_type === 'step_complete' && x.step_type === 'shield_call');
    assert.equal(shields[0].step_details.violation, null);
    const violation = shields[1].step_details.violation;
    assert.equal(violation.violation_level, 'error');
    const streamed = p
      .filter((x) => x.delta?.type === 'text')
      .map((x) => x.delta.text)
      .join('');
    const turn = lastTurn(events);
    assert.ok(streamed.length > 0);
    assert.notEqual(turn.output_message.content, streamed);
    assert.equal(turn.output_message.content, violation.user_message);

    const input = scenarioEvents.get('input shield');
    assert.deepEqual(structure(eventSequence(input)), ['step_start/shield_call', 'step_complete/shield_call', 'turn_complete']);
    assert.equal(lastTurn(input).output_message.content, input[1].event.payload.step_details.violation.user_message);
  });

  test('error scenario: a few deltas, then the in-band error, and no turn_complete', () => {
    const events = scenarioEvents.get('error');
    assert.deepEqual(structure(eventSequence(events)), ['step_start/inference', 'step_progress/inference', 'error']);
    assert.match(events.at(-1).error.message, /^500: /);
  });

  test('the session holds every completed turn as a full Turn, and validates as a Session', async () => {
    const { status, json } = await getJson(base, `/v1/agents/demo-agent/session/${sessionId}`);
    assert.equal(status, 200);
    const departures = departuresOf('Session', json);
    assert.deepEqual(departures, ['user_context_null', 'tool_response_metadata_null', 'shield_violation_null', 'builtin_tool_name_oneof']);
    assert.deepEqual(Object.keys(json), ['session_id', 'session_name', 'turns', 'started_at']);
    assert.equal(json.session_name, 'scenarios');
    const completed = scenarios.filter(([n]) => n !== 'error').map(([n]) => lastTurn(scenarioEvents.get(n)));
    assert.deepEqual(json.turns, completed, 'every completed turn, in order; the failed one is not stored');
    for (const t of json.turns) {
      assert.deepEqual(Object.keys(t), [
        'turn_id',
        'session_id',
        'input_messages',
        'steps',
        'output_message',
        'output_attachments',
        'started_at',
        'completed_at',
      ]);
      assert.ok(lenient('Turn', t));
      assert.deepEqual(t.input_messages[0].context, null);
    }
  });

  test('errors: unknown session (GET and turn), unknown agent, stream false, validation, 404', async () => {
    const unknown = await getJson(base, '/v1/agents/demo-agent/session/nope');
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.json, { detail: "Invalid value: Session 'nope' not found or access denied." });

    const turn = await runTurn(base, 'demo-agent', 'nope', 'hi');
    assert.equal(turn.res.status, 200);
    assert.equal(turn.body, `data: ${pythonErrorFrame("400: Invalid value: Session 'nope' not found or access denied.")}\n\n`);
    const noAgent = await runTurn(base, 'ghost', 'nope', 'hi', '/v1alpha');
    assert.equal(noAgent.res.status, 200);
    assert.match(noAgent.frames[0].json.error.message, /^400: Invalid value: .*ghost/);

    const session = await postJson(base, '/v1/agents/ghost/session', { session_name: 'x' });
    assert.equal(session.status, 400);
    assert.match(session.json.detail, /^Invalid value: .*ghost/);

    for (const stream of [false, undefined]) {
      const r = await postJson(base, `/v1/agents/demo-agent/session/${sessionId}/turn`, {
        messages: [{ role: 'user', content: 'hi' }],
        stream,
      });
      assert.equal(r.status, 501);
      assert.match(r.json.detail, /not implemented/i);
    }
    const invalid = await postJson(base, '/v1/agents', {});
    assert.equal(invalid.status, 400);
    assert.ok(Array.isArray(invalid.json.error.detail.errors));
    assert.deepEqual((await getJson(base, '/v1/nothing')).json, { detail: 'Not Found' });
    assert.equal((await getJson(base, '/v1/nothing')).status, 404);
  });

  test('CORS: preflights allow only Content-Type, Authorization and X-Requested-With', async () => {
    const origin = 'http://localhost:5173';
    const ok = await rawRequest(base, '/v1/agents/demo-agent/session', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    ok.res.resume();
    assert.ok(ok.res.statusCode === 200 || ok.res.statusCode === 204);
    assert.equal(ok.res.headers['access-control-allow-origin'], origin);
    assert.equal(ok.res.headers['access-control-allow-methods'], 'GET, POST, DELETE, OPTIONS');
    assert.equal(ok.res.headers['access-control-allow-headers'], 'Content-Type, Authorization, X-Requested-With');

    const bad = await rawRequest(base, '/v1/agents/demo-agent/session', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-client-name' },
    });
    bad.res.resume();
    assert.ok(bad.res.statusCode >= 400, 'a custom header fails the preflight');

    const normal = await rawRequest(base, '/v1/version', { headers: { origin: 'http://127.0.0.1:8000' } });
    normal.res.resume();
    assert.equal(normal.res.headers['access-control-allow-origin'], 'http://127.0.0.1:8000');
  });
});

describe('mock scripted agents', () => {
  /** @type {{url: string, close: () => Promise<void>}} */
  let server;
  let base = '';
  before(async () => {
    server = await startMockLlamaStack({ chunkDelayMs: 0 });
    base = server.url;
  });
  after(() => server.close());

  const script = async (s) => {
    const r = await postJson(base, '/__mock/scripts', s);
    assert.equal(r.status, 200);
    assert.match(r.json.agent_id, /^script-\d+$/);
    return r.json.agent_id;
  };
  const turnPath = (id, sid = 'any-session') => `/v1/agents/${id}/session/${sid}/turn`;
  const turnBody = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true });

  test('chunks written separately arrive as written: status, headers and bytes', async () => {
    const euro = Buffer.from('data: {"text":"€ ok"}\n\n', 'utf8'); // € is 3 bytes: split inside it
    const cut = euro.indexOf(0xe2) + 1;
    const chunks = [
      'data: {"a":1}\n\n',
      { base64: euro.subarray(0, cut).toString('base64') },
      { delayMs: 60 },
      { base64: euro.subarray(cut).toString('base64') },
    ];
    const id = await script({ headers: { 'X-Trace-Id': 'abc123' }, chunks, chunkDelayMs: 60 });
    const { res } = await rawRequest(base, turnPath(id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: turnBody,
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], SSE_CONTENT_TYPE);
    assert.equal(res.headers['x-trace-id'], 'abc123');
    assert.equal(res.headers['content-length'], undefined);
    const { pieces, body, outcome } = await collect(res);
    assert.equal(outcome, 'end');
    assert.deepEqual(body, Buffer.concat([Buffer.from('data: {"a":1}\n\n'), euro]));
    assert.deepEqual(
      pieces.map((p) => p.toString('hex')),
      [Buffer.from('data: {"a":1}\n\n').toString('hex'), euro.subarray(0, cut).toString('hex'), euro.subarray(cut).toString('hex')],
      'each chunk arrives on its own',
    );
  });

  test('a non-200 script answers JSON by default, and turns play in order', async () => {
    const id = await script({
      turns: [{ status: 429, chunks: ['{"error": {"message": "Quota exceeded"}}'] }, { chunks: ['data: {"second":true}\n\n'] }],
    });
    const first = await postJson(base, turnPath(id), turnBody);
    assert.equal(first.status, 429);
    assert.equal(first.res.headers.get('content-type'), 'application/json');
    assert.equal(first.text, '{"error": {"message": "Quota exceeded"}}');
    const second = await postJson(base, turnPath(id), turnBody);
    assert.equal(second.status, 200);
    assert.equal(second.text, 'data: {"second":true}\n\n');
  });

  test('end "hang" keeps the connection open until the client aborts', async () => {
    const id = await script({ chunks: ['data: {"partial":true}\n\n'], end: 'hang' });
    const { res, req } = await rawRequest(base, turnPath(id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: turnBody,
    });
    const collected = collect(res);
    const first = await new Promise((resolve) => res.once('data', resolve));
    assert.equal(first.toString(), 'data: {"partial":true}\n\n');
    const still = await Promise.race([collected.then(() => 'ended'), new Promise((r) => setTimeout(() => r('open'), 300))]);
    assert.equal(still, 'open');
    req.destroy();
    const { outcome } = await withTimeout(collected, 2000, 'client abort');
    assert.notEqual(outcome, 'end');
  });

  test('a gate holds the stream until the test opens it; a gate opened first does not hold it', async () => {
    const id = await script({
      chunks: ['data: {"before":true}\n\n', { gate: 'rest' }, 'data: {"after":true}\n\n', { gate: 'early' }, 'data: {"end":true}\n\n'],
    });
    assert.equal((await postJson(base, `/__mock/scripts/${id}/gates/early`, {})).status, 200);
    const { res } = await rawRequest(base, turnPath(id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: turnBody,
    });
    const collected = collect(res);
    const first = await new Promise((resolve) => res.once('data', resolve));
    assert.equal(first.toString(), 'data: {"before":true}\n\n');
    const held = await Promise.race([collected.then(() => 'ended'), new Promise((r) => setTimeout(() => r('held'), 200))]);
    assert.equal(held, 'held');
    assert.equal((await postJson(base, `/__mock/scripts/${id}/gates/rest`, {})).status, 200);
    const { body, outcome } = await withTimeout(collected, 2000, 'gate opened');
    assert.equal(outcome, 'end');
    assert.equal(body.toString(), 'data: {"before":true}\n\ndata: {"after":true}\n\ndata: {"end":true}\n\n');
    assert.equal((await postJson(base, '/__mock/scripts/script-none/gates/x', {})).status, 404);
  });

  test('end "destroy" cuts the socket mid-response', async () => {
    const id = await script({ chunks: ['data: {"partial":true}\n\n'], end: 'destroy' });
    const { res } = await rawRequest(base, turnPath(id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: turnBody,
    });
    const { body, outcome } = await withTimeout(collect(res), 2000, 'destroy');
    assert.equal(body.toString(), 'data: {"partial":true}\n\n');
    assert.equal(outcome, 'aborted');
  });

  test('every request for an agent id is recorded, preflights included', async () => {
    const id = await script({ chunks: ['data: {}\n\n'] });
    const origin = 'http://localhost:8000';
    (
      await rawRequest(base, `/v1/agents/${id}/session`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      })
    ).res.resume();
    const s = await postJson(base, `/v1/agents/${id}/session`, { session_name: 'rec' }, { Authorization: 'Bearer t0k' });
    assert.equal(s.status, 200);
    await postJson(base, turnPath(id, s.json.session_id), turnBody);
    await postJson(base, turnPath(id, s.json.session_id), 'not json');
    await getJson(base, '/v1/agents/demo-agent'); // another agent: not in this list
    const { json } = await getJson(base, `/__mock/requests?agent_id=${id}`);
    assert.deepEqual(
      json.map((r) => r.method),
      ['OPTIONS', 'POST', 'POST', 'POST'],
    );
    assert.deepEqual(
      json.map((r) => r.path),
      [`/v1/agents/${id}/session`, `/v1/agents/${id}/session`, turnPath(id, s.json.session_id), turnPath(id, s.json.session_id)],
    );
    assert.equal(json[0].body, null);
    assert.equal(json[0].headers['access-control-request-headers'], 'content-type');
    assert.equal(json[1].headers.authorization, 'Bearer t0k');
    assert.deepEqual(json[1].body, { session_name: 'rec' });
    assert.deepEqual(json[2].body, JSON.parse(turnBody));
    assert.equal(json[3].body, 'not json');
    for (const r of json) assert.ok(Object.keys(r.headers).every((h) => h === h.toLowerCase()));
  });

  test('history, unknown-session 400 and a failing session create', async () => {
    const realTurn = loadTranscripts()
      .find((t) => t.name === 'server_tool')
      .events.at(-1).event.payload.turn;
    const withHistory = await script({ chunks: [], history: [realTurn] });
    const session = await getJson(base, `/v1alpha/agents/${withHistory}/session/stored-session`);
    assert.equal(session.status, 200);
    assert.deepEqual(session.json.turns, [realTurn]);
    assert.equal(session.json.session_id, 'stored-session');
    assert.deepEqual(departuresOf('Session', session.json), [
      'user_context_null',
      'tool_response_metadata_null',
      'builtin_tool_name_oneof',
    ]);

    const plain = await script({ chunks: [] });
    const unknown = await getJson(base, `/v1/agents/${plain}/session/gone`);
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.json, { detail: "Invalid value: Session 'gone' not found or access denied." });
    const created = await postJson(base, `/v1/agents/${plain}/session`, { session_name: 's' });
    assert.ok(strict('AgentSessionCreateResponse', created.json));
    const fresh = await getJson(base, `/v1/agents/${plain}/session/${created.json.session_id}`);
    assert.ok(strict('Session', fresh.json));

    const unauthorized = await script({ chunks: [], sessionStatus: 401, sessionBody: { error: { message: 'Invalid token' } } });
    const denied = await postJson(base, `/v1/agents/${unauthorized}/session`, { session_name: 's' });
    assert.equal(denied.status, 401);
    assert.deepEqual(denied.json, { error: { message: 'Invalid token' } });
    assert.equal((await getJson(base, `/v1/agents/${unauthorized}/session/x`)).status, 401);

    const getOnly = await script({
      chunks: [],
      getSessionStatus: 400,
      getSessionBody: { detail: "Invalid value: Session 'x' not found or access denied." },
    });
    assert.equal((await getJson(base, `/v1/agents/${getOnly}/session/x`)).status, 400);
    assert.equal((await postJson(base, `/v1/agents/${getOnly}/session`, { session_name: 's' })).status, 200);
  });
});

describe('mock lifecycle', () => {
  test('the slow scenario waits about 150 ms per chunk, and Stop leaves no stored turn', async () => {
    const server = await startMockLlamaStack({ chunkDelayMs: 0 });
    try {
      const sid = (await postJson(server.url, '/v1/agents/demo-agent/session', { session_name: 'slow' })).json.session_id;
      const { res, req } = await rawRequest(server.url, `/v1/agents/demo-agent/session/${sid}/turn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'slow please' }], stream: true }),
      });
      const times = [];
      await new Promise((resolve) => {
        res.on('data', () => {
          times.push(performance.now());
          if (times.length === 3) resolve(undefined);
        });
      });
      req.destroy();
      assert.ok(times[2] - times[1] >= 100, `gap ${times[2] - times[1]} ms`);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual((await getJson(server.url, `/v1/agents/demo-agent/session/${sid}`)).json.turns, []);
    } finally {
      await server.close();
    }
  });

  test('close() returns promptly even with a hanging stream open', async () => {
    const server = await startMockLlamaStack();
    const id = (await postJson(server.url, '/__mock/scripts', { chunks: ['data: {}\n\n'], end: 'hang' })).json.agent_id;
    const { res } = await rawRequest(server.url, `/v1/agents/${id}/session/s/turn`, { method: 'POST', body: '{}' });
    const collected = collect(res);
    await new Promise((resolve) => res.once('data', resolve));
    await withTimeout(server.close(), 1000, 'close()');
    assert.notEqual((await withTimeout(collected, 1000, 'client sees the end')).outcome, 'end');
  });

  test('as middleware it calls next() for paths it does not own', async () => {
    const mock = createMockLlamaStack({ chunkDelayMs: 0 });
    const srv = http.createServer((req, res) => mock.handle(req, res, () => res.end('next called')));
    await new Promise((r) => srv.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${srv.address().port}`;
    try {
      assert.equal(await (await fetch(`${base}/index.html`)).text(), 'next called');
      assert.deepEqual(await (await fetch(`${base}/v1/version`)).json(), { version: '0.3.5' });
    } finally {
      mock.close();
      srv.closeAllConnections();
      await new Promise((r) => srv.close(r));
    }
  });
});

describe('mock client-side tools (demo agents: turn_awaiting_input, then resume)', () => {
  /** @type {{url: string, close: () => Promise<void>}} */
  let server;
  let base = '';
  let sessionId = '';
  const transcripts = Object.fromEntries(loadTranscripts().map((t) => [t.name, t]));
  const QUESTION = 'What time is it for me? Check the page title too.';
  const TIME = 'Tue May 12 2026 16:03:00 GMT+0200 (Central European Summer Time)';
  const TITLE = 'llama-agent-chat demo';
  /** @type {any[]} */
  let awaitingEvents = [];
  /** @type {any[]} */
  let resumedEvents = [];
  /** @type {any} */
  let awaitingTurn;

  before(async () => {
    server = await startMockLlamaStack({ chunkDelayMs: 0 });
    base = server.url;
    sessionId = (await postJson(base, '/v1/agents/demo-agent/session', { session_name: 'client tools' })).json.session_id;
  });
  after(() => server.close());

  const resumePath = (turnId, sid = sessionId, agent = 'demo-agent') => `/v1/agents/${agent}/session/${sid}/turn/${turnId}/resume`;
  /** POSTs a resume and reads the whole body. */
  async function resume(turnId, toolResponses, { sid = sessionId, agent = 'demo-agent', stream = true } = {}) {
    const res = await fetch(base + resumePath(turnId, sid, agent), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tool_responses: toolResponses, stream }),
    });
    const body = await res.text();
    return { res, body, frames: res.headers.get('content-type') === SSE_CONTENT_TYPE ? parseSse(body) : [] };
  }
  /** The one in-band error a failed resume answers. */
  function inBandError(r) {
    assert.equal(r.res.status, 200);
    assert.equal(r.res.headers.get('content-type'), SSE_CONTENT_TYPE);
    assert.equal(r.frames.length, 1, 'nothing but the error');
    assert.equal(r.frames[0].raw, pythonErrorFrame(r.frames[0].json.error.message));
    return r.frames[0].json.error.message;
  }
  /** Departures from the spec per event kind (as in the server_tool comparison above). */
  const departuresByKind = (events) => {
    const m = {};
    for (const ev of events)
      m[kindOf(ev)] = [...new Set([...(m[kindOf(ev)] ?? []), ...departuresOf('AgentTurnResponseStreamChunk', ev)])].sort();
    return m;
  };
  const history = async (sid = sessionId) => (await getJson(base, `/v1/agents/demo-agent/session/${sid}`)).json;

  test('trigger words and precedence: "time"/"title" only where no older scenario matches', () => {
    assert.equal(pickScenario(QUESTION), 'client_tool');
    assert.equal(pickScenario('Which TITLE is this page?'), 'client_tool');
    assert.equal(pickScenario('What is the weather at this time?'), 'tool');
    assert.equal(pickScenario('Search for the title of that book'), 'tool');
    assert.equal(pickScenario('Use a tool to tell the time'), 'tool');
    assert.equal(pickScenario('Take your time, answer slowly'), 'slow');
    assert.equal(pickScenario('Trip the shield this time'), 'shield');
    assert.equal(pickScenario('Make an error this time'), 'error');
    assert.equal(pickScenario('Sometimes subtitles are entitled'), 'default', 'whole words only');
  });

  test('demo-agent declares both browser tools as client_tools', async () => {
    const agent = (await getJson(base, '/v1/agents/demo-agent')).json;
    assert.ok(strict('Agent', agent), JSON.stringify(validatorFor('Agent').errors));
    assert.deepEqual(agent.agent_config.client_tools, DEMO_CLIENT_TOOLS);
    assert.deepEqual(
      agent.agent_config.client_tools.map((t) => t.name),
      ['get_local_time', 'get_page_title'],
    );
  });

  test('the awaiting turn streams like client_tool_awaiting.sse, with two calls in one step', async () => {
    awaitingEvents = checkTurnStream(await runTurn(base, 'demo-agent', sessionId, QUESTION));
    const real = transcripts.client_tool_awaiting;
    assert.deepEqual(structure(eventSequence(awaitingEvents)), structure(real.meta.event_sequence));
    assert.deepEqual(
      departuresByKind(awaitingEvents),
      departuresByKind(real.events),
      'departs from the spec exactly where the real one does',
    );
    const p = awaitingEvents.map((e) => e.event.payload);
    assert.equal(new Set(p.filter((x) => x.step_id).map((x) => x.step_id)).size, 1, 'one inference step');
    const deltas = p.filter((x) => x.event_type === 'step_progress').map((x) => x.delta);
    assert.ok(deltas.every((d) => d.type === 'tool_call'));
    const fragments = deltas.filter((d) => d.parse_status === 'in_progress');
    assert.ok(fragments.every((d) => typeof d.tool_call === 'string'));
    assert.equal(fragments.map((d) => d.tool_call).join(''), 'get_local_time({})get_page_title({})');
    const succeeded = deltas.filter((d) => d.parse_status === 'succeeded');
    assert.deepEqual(deltas.slice(-2), succeeded, 'the ToolCall objects come after every fragment');
    const calls = succeeded.map((d) => d.tool_call);
    assert.deepEqual(
      calls.map((c) => [c.tool_name, c.arguments]),
      [
        ['get_local_time', '{}'],
        ['get_page_title', '{}'],
      ],
    );
    for (const c of calls) {
      assert.deepEqual(Object.keys(c), Object.keys(real.meta.expected_tool_calls[0]));
      assert.match(c.call_id, /^call_[A-Za-z0-9]{16}$/);
    }
    assert.notEqual(calls[0].call_id, calls[1].call_id);
    const done = p.find((x) => x.event_type === 'step_complete').step_details;
    assert.deepEqual(done.model_response, { role: 'assistant', content: '', stop_reason: 'end_of_message', tool_calls: calls });
    const last = p.at(-1);
    assert.equal(last.event_type, 'turn_awaiting_input', 'the stream ends with turn_awaiting_input');
    awaitingTurn = last.turn;
    assert.deepEqual(Object.keys(awaitingTurn), Object.keys(real.events.at(-1).event.payload.turn));
    assert.equal(awaitingTurn.turn_id, done.turn_id);
    assert.equal(awaitingTurn.session_id, sessionId);
    assert.deepEqual(awaitingTurn.input_messages, [{ role: 'user', content: QUESTION, context: null }]);
    assert.deepEqual(awaitingTurn.steps, [done]);
    assert.deepEqual(awaitingTurn.output_message, done.model_response);
    assert.ok(awaitingTurn.started_at <= done.started_at && done.completed_at <= awaitingTurn.completed_at);
  });

  test('one word, one call: "time" asks for get_local_time only, "title" for get_page_title only', async () => {
    const sid = (await postJson(base, '/v1/agents/demo-agent/session', { session_name: 'one call' })).json.session_id;
    for (const [text, name] of [
      ['What time is it?', 'get_local_time'],
      ['What is the title of this page?', 'get_page_title'],
    ]) {
      const events = checkTurnStream(await runTurn(base, 'demo-agent', sid, text));
      const real = transcripts.client_tool_awaiting.meta.event_sequence;
      assert.deepEqual(
        eventSequence(events),
        real.map((k) => (k.startsWith('step_progress') ? 'step_progress/inference x4' : k)),
        text,
      );
      assert.deepEqual(
        lastTurn(events).output_message.tool_calls.map((c) => c.tool_name),
        [name],
      );
    }
  });

  test('the awaiting turn is in the history as the real server stores it: waiting, not answered', async () => {
    const json = await history();
    assert.deepEqual(json.turns, [awaitingTurn]);
    assert.ok(json.turns[0].output_message.tool_calls.length);
    assert.equal(json.turns[0].output_message.stop_reason, 'end_of_message');
    assert.equal(json.turns[0].output_message.content, '');
    assert.deepEqual(departuresOf('Session', json), ['user_context_null']);
    const one = await getJson(base, `/v1/agents/demo-agent/session/${sessionId}/turn/${awaitingTurn.turn_id}`);
    assert.deepEqual(one.json, awaitingTurn);
  });

  test('a resume with a wrong, missing or repeated call id fails readably, in-band, and the turn keeps waiting', async () => {
    const [time, title] = awaitingTurn.output_message.tool_calls;
    const turnId = awaitingTurn.turn_id;
    const wrong = inBandError(await resume(turnId, [{ call_id: 'call_wrong', tool_name: 'get_local_time', content: TIME }]));
    assert.equal(
      wrong,
      `400: Invalid value: Turn ${turnId} has no pending tool call with call_id 'call_wrong'; it is waiting for '${time.call_id}' (get_local_time), '${title.call_id}' (get_page_title).`,
    );
    const missing = inBandError(await resume(turnId, [{ call_id: time.call_id, tool_name: 'get_local_time', content: TIME }]));
    assert.match(missing, /^400: Invalid value: No tool response for call_id '([^']+)' \(get_page_title\): turn /);
    assert.ok(missing.includes(title.call_id));
    const none = inBandError(await resume(turnId, []));
    assert.ok(none.includes(time.call_id) && none.includes(title.call_id), none);
    const twice = inBandError(
      await resume(turnId, [
        { call_id: time.call_id, tool_name: 'get_local_time', content: TIME },
        { call_id: time.call_id, tool_name: 'get_local_time', content: TIME },
        { call_id: title.call_id, tool_name: 'get_page_title', content: TITLE },
      ]),
    );
    assert.match(twice, /^400: Invalid value: More than one tool response for call_id /);

    assert.match(inBandError(await resume('no-such-turn', [])), /^400: Invalid value: Turn 'no-such-turn' not found in session /);
    assert.equal(inBandError(await resume(turnId, [], { sid: 'nope' })), "400: Invalid value: Session 'nope' not found or access denied.");
    assert.match(inBandError(await resume(turnId, [], { agent: 'ghost' })), /^400: Invalid value: .*ghost/);
    const fresh = (await postJson(base, '/v1/agents/demo-agent/session', { session_name: 'empty' })).json.session_id;
    assert.equal(inBandError(await resume(turnId, [], { sid: fresh })), '400: Invalid value: No turns found for session');

    const notStreamed = await resume(turnId, [], { stream: false });
    assert.equal(notStreamed.res.status, 501);
    const noResponses = await postJson(base, resumePath(turnId), { stream: true });
    assert.equal(noResponses.status, 400);
    assert.deepEqual(noResponses.json, {
      error: { detail: { errors: [{ loc: ['body', 'tool_responses'], msg: 'Field required', type: 'missing' }] } },
    });
    const noContent = await postJson(base, resumePath(turnId), {
      tool_responses: [{ call_id: time.call_id, tool_name: 'get_local_time' }],
      stream: true,
    });
    assert.equal(noContent.status, 400);
    assert.deepEqual(
      noContent.json.error.detail.errors.map((e) => e.loc),
      [['body', 'tool_responses', 0, 'content']],
    );

    assert.deepEqual((await history()).turns, [awaitingTurn], 'nothing changed');
  });

  test('the resume streams like client_tool_awaiting_resume.sse and answers from the tool contents', async () => {
    const [time, title] = awaitingTurn.output_message.tool_calls;
    // Answered in the other order, to show the answer follows the call ids, not the order.
    const toolResponses = [
      { call_id: title.call_id, tool_name: 'get_page_title', content: TITLE },
      { call_id: time.call_id, tool_name: 'get_local_time', content: [{ type: 'text', text: TIME }] },
    ];
    const r = await resume(awaitingTurn.turn_id, toolResponses);
    resumedEvents = checkTurnStream(r);
    const real = transcripts.client_tool_awaiting_resume;
    assert.deepEqual(structure(eventSequence(resumedEvents)), structure(real.meta.event_sequence));
    assert.deepEqual(
      departuresByKind(resumedEvents),
      departuresByKind(real.events),
      'departs from the spec exactly where the real one does',
    );

    const p = resumedEvents.map((e) => e.event.payload);
    const inference = awaitingTurn.steps[0];
    // No step_start for the tool execution: it reuses the id of the inference step that asked.
    assert.equal(p[0].event_type, 'step_complete');
    assert.equal(p[0].step_type, 'tool_execution');
    assert.equal(p[0].step_id, inference.step_id);
    assert.ok(!p.some((x) => x.event_type === 'step_start' && x.step_type === 'tool_execution'));
    const exec = p[0].step_details;
    assert.deepEqual(Object.keys(exec), Object.keys(real.events[0].event.payload.step_details));
    assert.equal(exec.turn_id, awaitingTurn.turn_id);
    assert.deepEqual(exec.tool_calls, awaitingTurn.output_message.tool_calls);
    assert.deepEqual(
      exec.tool_responses,
      toolResponses.map((t) => ({ ...t, metadata: null })),
      'the contents as the client sent them',
    );
    assert.ok(inference.completed_at <= exec.started_at);

    const answer = browserToolAnswer({ time: TIME, title: TITLE });
    assert.equal(answer, `It is **${TIME}** for you, and you are reading *${TITLE}*.`);
    const text = p
      .filter((x) => x.delta?.type === 'text')
      .map((x) => x.delta.text)
      .join('');
    assert.equal(text, answer);
    const turn = lastTurn(resumedEvents);
    assert.equal(p.at(-1).event_type, 'turn_complete');
    assert.equal(turn.turn_id, awaitingTurn.turn_id, 'the same turn');
    assert.equal(turn.started_at, awaitingTurn.started_at);
    assert.deepEqual(turn.input_messages, awaitingTurn.input_messages);
    assert.deepEqual(
      turn.steps.map((s) => s.step_type),
      ['inference', 'tool_execution', 'inference'],
    );
    assert.deepEqual(turn.steps[0], inference);
    assert.deepEqual(turn.steps[1], exec);
    assert.deepEqual(turn.output_message, { role: 'assistant', content: answer, stop_reason: 'end_of_turn', tool_calls: [] });
    assert.deepEqual(turn.steps[2].model_response, turn.output_message);
  });

  test('history holds the resumed turn once, complete; resuming it again fails', async () => {
    const json = await history();
    assert.equal(json.turns.length, 1);
    assert.deepEqual(json.turns, [lastTurn(resumedEvents)]);
    assert.deepEqual(departuresOf('Session', json), ['user_context_null', 'tool_response_metadata_null']);
    const [time, title] = awaitingTurn.output_message.tool_calls;
    const again = inBandError(
      await resume(awaitingTurn.turn_id, [
        { call_id: time.call_id, tool_name: 'get_local_time', content: TIME },
        { call_id: title.call_id, tool_name: 'get_page_title', content: TITLE },
      ]),
    );
    assert.equal(again, `400: Invalid value: No tool call to resume in turn ${awaitingTurn.turn_id}`);
    const next = checkTurnStream(await runTurn(base, 'demo-agent', sessionId, 'hello'));
    assert.deepEqual(
      (await history()).turns.map((t) => t.turn_id),
      [awaitingTurn.turn_id, lastTurn(next).turn_id],
    );
  });

  test('created agents: no client_tools → both calls; declared ones only; other tools only → the default answer', async () => {
    const make = async (client_tools) =>
      (await postJson(base, '/v1/agents', { agent_config: { model: 'm', instructions: 'i', ...(client_tools ? { client_tools } : {}) } }))
        .json.agent_id;
    const names = async (agent, text) => {
      const sid = (await postJson(base, `/v1/agents/${agent}/session`, { session_name: 's' })).json.session_id;
      const events = checkTurnStream(await runTurn(base, agent, sid, text));
      const turn = lastTurn(events);
      return { sid, turn, names: turn.output_message.tool_calls.map((c) => c.tool_name) };
    };
    const bare = await make();
    const both = await names(bare, QUESTION);
    assert.deepEqual(both.names, ['get_local_time', 'get_page_title']);
    const [time, title] = both.turn.output_message.tool_calls;
    const resumed = checkTurnStream(
      await resume(
        both.turn.turn_id,
        [
          { call_id: time.call_id, tool_name: 'get_local_time', content: TIME },
          { call_id: title.call_id, tool_name: 'get_page_title', content: TITLE },
        ],
        { sid: both.sid, agent: bare },
      ),
    );
    assert.equal(lastTurn(resumed).output_message.content, browserToolAnswer({ time: TIME, title: TITLE }));

    const titleOnly = await make([DEMO_CLIENT_TOOLS[1]]);
    const one = await names(titleOnly, QUESTION);
    assert.deepEqual(one.names, ['get_page_title']);
    const answered = checkTurnStream(
      await resume(
        one.turn.turn_id,
        [{ call_id: one.turn.output_message.tool_calls[0].call_id, tool_name: 'get_page_title', content: TITLE }],
        {
          sid: one.sid,
          agent: titleOnly,
        },
      ),
    );
    assert.equal(lastTurn(answered).output_message.content, `You are reading *${TITLE}*.`);

    const other = await make([{ name: 'get_user_location', description: 'x', input_schema: { type: 'object', properties: {} } }]);
    const plain = await names(other, QUESTION);
    assert.deepEqual(plain.names, []);
    assert.equal(plain.turn.output_message.content, DEFAULT_ANSWER);
  });
});
