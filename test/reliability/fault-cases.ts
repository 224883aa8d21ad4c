/**
 * The fault-injection cases, as data: what the real local mock server does wrong, and what the
 * widget must end up showing. test/reliability/faults.test.ts runs each as its own test in every engine.
 */
import { events, frame, mockUrl, responseEvents, STEP, TURN, type ScriptedTurn } from '../support/mock.js';

export type Api = 'agents' | 'responses';

export interface FaultCase {
  name: string;
  api: Api;
  /** The answers to the first turn(s); a good turn is scripted after them, for retry(). */
  fault: ScriptedTurn[];
  /** What the turn ends as. */
  status: 'error' | 'complete';
  /** Patterns the readable error message must match (status 'error'). */
  error?: RegExp[];
  /** The reply text kept (partial on error, final on complete). */
  text: string;
  /** retry() afterwards gets the good turn (default: true for errors). */
  retry?: boolean;
  idleTimeout?: number;
  /** A base URL other than the script's own (connection refused). */
  baseUrl?: () => string;
  /** The page's client tools (for in-band errors during a client-tool resume). */
  clientTools?: boolean;
  /** Longer than the default test timeout (big bodies on three engines sharing two cores). */
  slow?: boolean;
}

const encoder = new TextEncoder();
const base64 = (bytes: Uint8Array) => ({ base64: btoa(String.fromCharCode(...bytes)) });

// ---------------------------------------------------------------- building blocks

const agentsPartial = [frame(events.stepStart()), frame(events.text('Half an ')), frame(events.text('answer'))];
const responsesPartial = () => [
  frame(responseEvents.created()),
  frame(responseEvents.text('Half an ')),
  frame(responseEvents.text('answer')),
];
const agentsDone = (text: string) => [frame(events.stepComplete(text)), frame(events.turnComplete(text))];

const agentsTurn = (deltas: string[], final = deltas.join('')) => [
  frame(events.stepStart()),
  ...deltas.map((d) => frame(events.text(d))),
  ...agentsDone(final),
];

const toolExecution = () => [
  frame({ event: { payload: { event_type: 'step_start', step_type: 'tool_execution', step_id: 'tool-step', metadata: {} } } }),
  frame({
    event: {
      payload: {
        event_type: 'step_complete',
        step_type: 'tool_execution',
        step_id: 'tool-step',
        step_details: {
          turn_id: TURN,
          step_id: 'tool-step',
          step_type: 'tool_execution',
          tool_calls: [{ call_id: 'call_1', tool_name: 'brave_search', arguments: '{"query":"llamas"}' }],
          tool_responses: [{ call_id: 'call_1', tool_name: 'brave_search', content: 'Llamas are camelids.' }],
        },
      },
    },
  }),
];

/** An inference step that asks the page for get_user_location (turn_awaiting_input). */
const awaitingClientTool = () => {
  const call = { call_id: 'call_loc', tool_name: 'get_user_location', arguments: '{}' };
  return [
    frame(events.stepStart()),
    frame(events.text('Let me look. ')),
    frame(events.toolCall(call, 'succeeded')),
    frame(events.awaitingInput([call], 'Let me look. ')),
  ];
};

/** A payload frame with a text delta split inside a multi-byte character: [head bytes, tail bytes]. */
function splitInsideCharacter(text: string): [{ base64: string }, { base64: string }] {
  const bytes = encoder.encode(frame(events.text(text)));
  const llama = encoder.encode('🦙');
  const at = bytes.findIndex((_, i) => llama.every((b, j) => bytes[i + j] === b)) + 2;
  return [base64(bytes.slice(0, at)), base64(bytes.slice(at))];
}

// ---------------------------------------------------------------- HTTP errors before the stream

const STATUSES = [400, 401, 403, 404, 409, 413, 429, 500, 501, 502, 503, 504];

/** Every error envelope Llama Stack (0.1–0.3) and OGX (0.4+) use, with the words the message must quote. */
const BODIES: Array<{ shape: string; body: string; quoted?: RegExp }> = [
  { shape: 'a FastAPI {"detail": "…"}', body: JSON.stringify({ detail: 'Invalid value: the agent is busy' }), quoted: /the agent is busy/ },
  {
    shape: 'a FastAPI validation list {"detail": [{loc, msg}]}',
    body: JSON.stringify({ detail: [{ loc: ['body', 'messages', 0, 'content'], msg: 'Field required', type: 'missing' }] }),
    quoted: /messages\.0\.content: Field required/,
  },
  {
    shape: 'a Llama Stack validation envelope {"error": {"detail": {"errors": […]}}}',
    body: JSON.stringify({
      error: { detail: { errors: [{ loc: ['body', 'stream'], msg: 'Input should be a valid boolean', type: 'bool_type' }] } },
    }),
    quoted: /stream: Input should be a valid boolean/,
  },
  {
    shape: 'an {"error": {"message": "…"}} envelope',
    body: JSON.stringify({ error: { message: 'Quota exceeded for this key' } }),
    quoted: /Quota exceeded for this key/,
  },
  {
    shape: "OGX's Python-dict validation message",
    body: JSON.stringify({ error: { message: "{'errors': [{'loc': ('body', 'input'), 'msg': 'Field required', 'type': 'missing'}]}" } }),
    quoted: /'msg': 'Field required'/,
  },
  {
    shape: 'an OpenAI-style {"error": {"message", "type", "code"}}',
    body: JSON.stringify({
      error: { message: 'The model `x` does not exist', type: 'invalid_request_error', param: null, code: 'model_not_found' },
    }),
    quoted: /The model `x` does not exist/,
  },
  {
    shape: "a proxy's HTML error page",
    body:
      '<!DOCTYPE html><html><head><title>502 Bad Gateway &amp; friends</title><style>body{color:red}</style></head>' +
      '<body><h1>Bad Gateway</h1><p>The proxy <b>could not</b> reach upstream.</p><script>window.__pwned = true</script><img src=x onerror="window.__pwned=true"></body></html>',
    quoted: /502 Bad Gateway & friends/,
  },
  { shape: 'a huge JSON body', body: JSON.stringify({ detail: `Too long: ${'x'.repeat(1_000_000)}` }), quoted: /Too long: x+…/ },
  { shape: 'an empty body', body: '' },
];

function httpCases(): FaultCase[] {
  const cases: FaultCase[] = [];
  for (const status of STATUSES) {
    for (const { shape, body, quoted } of BODIES) {
      cases.push({
        name: `HTTP ${status} with ${shape}`,
        api: 'agents',
        fault: [{ status, chunks: body ? [body.slice(0, 40), body.slice(40)] : [] }],
        status: 'error',
        error: [new RegExp(`HTTP ${status}`), ...(quoted ? [quoted] : [])],
        text: '',
      });
    }
  }
  // The Responses API shares the error path; one of each envelope there too.
  for (const { shape, body, quoted } of BODIES.filter((b) => !/huge/.test(b.shape))) {
    cases.push({
      name: `Responses API: HTTP 400 with ${shape}`,
      api: 'responses',
      fault: [{ status: 400, chunks: body ? [body] : [] }],
      status: 'error',
      error: [/HTTP 400/, ...(quoted ? [quoted] : [])],
      text: '',
    });
  }
  return cases;
}

/** The time a Retry-After of `seconds` from now should be shown as (the formatting the widget uses). */
export const shownTime = (at: Date) => at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function retryAfterCases(): FaultCase[] {
  const exposed = { 'access-control-expose-headers': 'Retry-After' };
  const cases: FaultCase[] = [];
  for (const status of [429, 503]) {
    const body = JSON.stringify({ error: { message: 'Slow down' } });
    cases.push({
      name: `HTTP ${status} with Retry-After in seconds shows the time to try again`,
      api: 'agents',
      fault: [{ status, headers: { ...exposed, 'retry-after': '90' }, chunks: [body] }],
      status: 'error',
      error: [new RegExp(`HTTP ${status}`), /Slow down/, /try again after \d{1,2}:\d{2}:\d{2}/i],
      text: '',
    });
    // Whole seconds, so the shown time is exactly this one.
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 10 * 60_000);
    cases.push({
      name: `HTTP ${status} with Retry-After as an HTTP date shows that time`,
      api: 'agents',
      fault: [{ status, headers: { ...exposed, 'retry-after': at.toUTCString() }, chunks: [body] }],
      status: 'error',
      error: [new RegExp(`HTTP ${status}`), new RegExp(`try again after ${shownTime(at)}`)],
      text: '',
    });
  }
  cases.push({
    name: 'HTTP 429 whose Retry-After CORS hides still says to try again later',
    api: 'agents',
    fault: [{ status: 429, headers: { 'retry-after': '90' }, chunks: [JSON.stringify({ error: { message: 'Slow down' } })] }],
    status: 'error',
    error: [/HTTP 429/, /Try again in a moment/],
    text: '',
  });
  return cases;
}

// ---------------------------------------------------------------- wrong answers on 200

const OPENAI_COMPLETION = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'A whole reply at once' }, finish_reason: 'stop' }],
});

function wrongAnswerCases(): FaultCase[] {
  return [
    {
      name: 'a 200 with Content-Type application/json',
      api: 'agents',
      fault: [{ headers: { 'content-type': 'application/json' }, chunks: ['{"turn_id": "x"}'] }],
      status: 'error',
      error: [/application\/json instead of an event stream/],
      text: '',
    },
    {
      name: 'a 200 with Content-Type text/html',
      api: 'agents',
      fault: [
        { headers: { 'content-type': 'text/html' }, chunks: ['<html><body><script>window.__pwned=true</script>Login</body></html>'] },
      ],
      status: 'error',
      error: [/text\/html instead of an event stream/],
      text: '',
    },
    {
      name: 'a 200 with no Content-Type',
      api: 'agents',
      fault: [{ headers: { 'content-type': null }, chunks: ['hello'] }],
      status: 'error',
      error: [/without a Content-Type/],
      text: '',
    },
    {
      name: 'a 200 whose body is an OpenAI-style non-streaming JSON reply',
      api: 'responses',
      fault: [{ headers: { 'content-type': 'application/json' }, chunks: [OPENAI_COMPLETION] }],
      status: 'error',
      error: [/application\/json instead of an event stream/],
      text: '',
    },
    {
      name: 'connection refused',
      api: 'agents',
      fault: [],
      baseUrl: () => window.__CLOSED_PORT_URL__,
      status: 'error',
      error: [/Could not reach the server at http:\/\/127\.0\.0\.1:\d+/, /CORS/],
      text: '',
      retry: false,
    },
  ];
}

// ---------------------------------------------------------------- drops

function dropCases(): FaultCase[] {
  const [head] = splitInsideCharacter('Llama 🦙 says');
  // WebKitGTK reports a socket torn down mid-body (no last chunk) as a normal end: either wording.
  const lost = /connection to the server was lost before the reply finished|closed the connection before the reply finished/;
  // Chromium and Firefox discard bytes that reached them in the last ~30 ms before the drop (see
  // docs/reliability.md); give the kept bytes that long and more.
  const beforeDrop = { delayMs: 100 };
  return [
    {
      // A browser may resend a request whose reused connection was reset before any byte came back
      // (Chromium does): every answer resets, so the resend fails too.
      name: 'dropped before the first byte of the response',
      api: 'agents',
      fault: Array.from({ length: 8 }, () => ({ chunks: [], end: 'reset' as const })),
      status: 'error',
      error: [lost],
      text: '',
      retry: false,
    },
    {
      name: 'dropped right after the headers',
      api: 'agents',
      fault: [{ chunks: [], end: 'destroy' }],
      status: 'error',
      error: [lost],
      text: '',
    },
    {
      name: 'dropped mid-event',
      api: 'agents',
      fault: [{ chunks: [...agentsPartial, 'data: {"event": {"payl', beforeDrop], end: 'destroy', chunkDelayMs: 0 }],
      status: 'error',
      error: [lost],
      text: 'Half an answer',
    },
    {
      name: 'dropped mid-JSON of a text delta',
      api: 'agents',
      fault: [{ chunks: [...agentsPartial, frame(events.text(' and more')).slice(0, 90), beforeDrop], end: 'destroy', chunkDelayMs: 0 }],
      status: 'error',
      error: [lost],
      text: 'Half an answer',
    },
    {
      name: 'dropped inside a multi-byte character',
      api: 'agents',
      fault: [{ chunks: [...agentsPartial, head, beforeDrop], end: 'destroy', chunkDelayMs: 0 }],
      status: 'error',
      error: [lost],
      text: 'Half an answer',
    },
    {
      name: 'Responses API: dropped mid-event',
      api: 'responses',
      fault: [{ chunks: [...responsesPartial(), 'data: {"type": "response.output_te', beforeDrop], end: 'destroy', chunkDelayMs: 0 }],
      status: 'error',
      error: [lost],
      text: 'Half an answer',
    },
    {
      name: 'a multi-byte character split across two chunks of a live stream',
      api: 'agents',
      fault: [{ chunks: [frame(events.stepStart()), ...splitInsideCharacter('Llama 🦙 says'), ...agentsDone('Llama 🦙 says')] }],
      status: 'complete',
      text: 'Llama 🦙 says',
    },
    {
      name: 'the server closing right after turn_complete without a blank line',
      api: 'agents',
      fault: [
        {
          chunks: [
            frame(events.stepStart()),
            frame(events.text('All of it')),
            frame(events.stepComplete('All of it')),
            `data: ${JSON.stringify(events.turnComplete('All of it'))}`,
          ],
        },
      ],
      status: 'complete',
      text: 'All of it',
    },
  ];
}

// ---------------------------------------------------------------- in-band errors

function inBandCases(): FaultCase[] {
  const said = /The server reported an error: .*the provider failed/;
  const error = 'data: {"error": {"message": "400: Invalid value: the provider failed"}}\n\n';
  return [
    { name: 'an in-band error as the first event', api: 'agents', fault: [{ chunks: [error] }], status: 'error', error: [said], text: '' },
    {
      name: 'an in-band error after text',
      api: 'agents',
      fault: [{ chunks: [...agentsPartial, error] }],
      status: 'error',
      error: [said],
      text: 'Half an answer',
    },
    {
      name: 'an in-band error after a server tool call',
      api: 'agents',
      fault: [{ chunks: [...toolExecution(), frame(events.stepStart()), frame(events.text('Found it')), error] }],
      status: 'error',
      error: [said],
      text: 'Found it',
    },
    {
      name: 'an in-band error during a client-tool resume',
      api: 'agents',
      clientTools: true,
      fault: [{ chunks: awaitingClientTool() }, { chunks: [frame(events.stepStart()), frame(events.text('You are in')), error] }],
      status: 'error',
      error: [said],
      text: 'Let me look. You are in',
    },
    {
      name: 'Responses API: an error event first',
      api: 'responses',
      fault: [{ chunks: [frame(responseEvents.error('Conversation conv_x not found'))] }],
      status: 'error',
      error: [/Conversation conv_x not found/],
      text: '',
    },
    {
      name: 'Responses API: response.failed after text keeps what was streamed',
      api: 'responses',
      fault: [{ chunks: [...responsesPartial(), frame(responseEvents.failed('the provider failed'))] }],
      status: 'error',
      error: [/the provider failed/],
      text: 'Half an answer',
    },
    {
      name: 'Responses API: an old-style {"error"} event after text',
      api: 'responses',
      fault: [{ chunks: [...responsesPartial(), error] }],
      status: 'error',
      error: [said],
      text: 'Half an answer',
    },
  ];
}

// ---------------------------------------------------------------- stream endings

function endingCases(): FaultCase[] {
  const early = /closed the connection before the reply finished/;
  return [
    {
      name: 'a stream ending without a final event',
      api: 'agents',
      fault: [{ chunks: agentsPartial }],
      status: 'error',
      error: [early],
      text: 'Half an answer',
    },
    {
      name: 'Responses API: a stream ending without a terminal event',
      api: 'responses',
      fault: [{ chunks: responsesPartial() }],
      status: 'error',
      error: [early],
      text: 'Half an answer',
    },
    {
      name: 'events after the final one are ignored',
      api: 'agents',
      fault: [{ chunks: [...agentsTurn(['Done']), frame(events.text(' and then some')), frame(events.turnComplete('Something else'))] }],
      status: 'complete',
      text: 'Done',
    },
    {
      name: 'duplicate final events',
      api: 'agents',
      fault: [{ chunks: [...agentsTurn(['Once']), frame(events.turnComplete('Once')), frame(events.turnComplete('Once'))] }],
      status: 'complete',
      text: 'Once',
    },
    {
      name: 'a final event whose text disagrees with the deltas wins (output shields)',
      api: 'agents',
      fault: [{ chunks: agentsTurn(['Streamed ', 'text'], 'I cannot answer that.') }],
      status: 'complete',
      text: 'I cannot answer that.',
    },
    {
      name: 'a final event with a wrong-typed body still ends the turn, keeping the streamed text',
      api: 'agents',
      fault: [
        {
          chunks: [
            frame(events.stepStart()),
            frame(events.text('Streamed')),
            frame({ event: { payload: { event_type: 'turn_complete', turn: 'done' } } }),
          ],
        },
      ],
      status: 'complete',
      text: 'Streamed',
    },
    {
      name: 'Responses API: a terminal event with a wrong-typed body still ends the turn, keeping the streamed text',
      api: 'responses',
      fault: [
        {
          chunks: [
            frame(responseEvents.created()),
            frame(responseEvents.text('Streamed')),
            frame({ type: 'response.completed', response: 'done' }),
          ],
        },
      ],
      status: 'complete',
      text: 'Streamed',
    },
    {
      name: 'Responses API: duplicate and late terminal events',
      api: 'responses',
      fault: [
        {
          chunks: [
            frame(responseEvents.created()),
            frame(responseEvents.text('Once')),
            frame(responseEvents.completed('Once')),
            frame(responseEvents.completed('Twice')),
            frame(responseEvents.text('late')),
          ],
        },
      ],
      status: 'complete',
      text: 'Once',
    },
  ];
}

// ---------------------------------------------------------------- timing and size

function timingCases(): FaultCase[] {
  const full = frame(events.text(' slowly'));
  // The last 40 bytes of a frame arrive one every 100 ms: 4 s of trickle against a 2.5 s idle timeout
  // (Firefox hands a trickle to the page in bursts, up to ~1 s apart).
  const trickle = [full.slice(0, -40), ...full.slice(-40).split('')];
  return [
    {
      name: 'a stall fires the idle timeout and keeps the partial reply',
      api: 'agents',
      // Firefox hands bytes to the page in bursts up to ~1 s apart under load: a shorter timeout could
      // fire before the partial reply reached the page.
      idleTimeout: 1500,
      fault: [{ chunks: agentsPartial, end: 'hang' }],
      status: 'error',
      error: [/sent nothing for 1\.5 seconds/],
      text: 'Half an answer',
    },
    {
      name: 'a server trickling one byte at a time is not timed out',
      api: 'agents',
      idleTimeout: 2500,
      fault: [
        {
          chunks: [frame(events.stepStart()), frame(events.text('Arriving')), ...trickle, ...agentsDone('Arriving slowly')],
          chunkDelayMs: 100,
        },
      ],
      status: 'complete',
      text: 'Arriving slowly',
      slow: true,
    },
  ];
}

// ---------------------------------------------------------------- size

const tinyEvents = (count: number) => Array.from({ length: count }, (_, i) => String.fromCharCode(97 + (i % 26)));
const kilobyte = 'llama '.repeat(170).slice(0, 1024);

/** A reply of `count` one-letter events, written at once (the mock's pause between chunks would take minutes). */
const tinyEventsCase = (count: number): FaultCase => ({
  name: `${count.toLocaleString('en')} tiny events`,
  api: 'agents',
  fault: [
    {
      chunks: [
        [frame(events.stepStart()), ...tinyEvents(count).map((t) => frame(events.text(t))), ...agentsDone(tinyEvents(count).join(''))].join(
          '',
        ),
      ],
    },
  ],
  status: 'complete',
  text: tinyEvents(count).join(''),
  slow: true,
});

/** Sizes cheap enough for every `npm test`. */
function sizeCases(): FaultCase[] {
  return [
    // 50,000 events in one burst: about 1–4 s per engine.
    tinyEventsCase(50_000),
    {
      name: 'a 1 MB reply in 1 KB deltas',
      api: 'agents',
      fault: [{ chunks: [agentsTurn(Array.from({ length: 1024 }, () => kilobyte)).join('')] }],
      status: 'complete',
      text: kilobyte.repeat(1024),
      slow: true,
    },
  ];
}

/** The heaviest size, run by `npm run stress` (test/stress/big-event.stress.ts): 10–23 s in Chromium and Firefox, 78–93 s in WebKit. */
export function bigEventCases(): FaultCase[] {
  const fiveMb = 'x'.repeat(5 * 1024 * 1024);
  return [
    {
      name: 'a 5 MB single event',
      api: 'agents',
      fault: [{ chunks: [frame(events.stepStart()), frame(events.text(fiveMb)), ...agentsDone(fiveMb)] }],
      status: 'complete',
      text: fiveMb,
      slow: true,
    },
  ];
}

// ---------------------------------------------------------------- malformed lines

const garbage = base64(
  new Uint8Array([
    0x64, 0x61, 0x74, 0x61, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x0a,
    0x0a,
  ]),
);
const rawGarbage = base64(new Uint8Array([0x9f, 0x92, 0x96, 0x00, 0x01, 0x7f, 0xc0, 0xaf, 0x0a, 0x0a]));

const MALFORMED_AGENTS: Array<[string, Array<string | { base64: string }>]> = [
  ['truncated JSON', ['data: {"event": {"payload": {"event_type": "step_progr\n\n']],
  ['non-JSON data', ['data: hello, I am not JSON\n\n']],
  ['binary garbage in a data line', [garbage]],
  ['a binary garbage line', [rawGarbage]],
  ['null', ['data: null\n\n']],
  ['arrays', ['data: []\n\n', 'data: [1, "two", {"event": null}]\n\n']],
  [
    'wrong-typed fields',
    [
      frame({ event: 'step_progress' }),
      frame({ event: { payload: 5 } }),
      frame({ event: { payload: { event_type: 7 } } }),
      frame({
        event: { payload: { event_type: 'step_progress', step_type: 'inference', step_id: STEP, delta: { type: 'text', text: 42 } } },
      }),
      frame({ event: { payload: { event_type: 'step_progress', step_type: 'inference', step_id: STEP, delta: 'text' } } }),
      frame({ event: { payload: { event_type: 'step_complete', step_type: 'inference', step_details: 'x' } } }),
    ],
  ],
  ['a missing payload', [frame({ event: {} }), frame({})]],
  [
    'unknown event and delta types',
    [
      frame({ event: { payload: { event_type: 'turn_dance', step_id: STEP } } }),
      frame({
        event: {
          payload: { event_type: 'step_progress', step_type: 'hologram', step_id: STEP, delta: { type: 'hologram', hologram: '✨' } },
        },
      }),
    ],
  ],
  ['comment lines a proxy adds', [': keep-alive\n\n', ':\n\n']],
  ['id: and retry: fields a proxy adds', ['id: 17\nretry: 10\n\n', 'retry: 0\n\n']],
];

const MALFORMED_RESPONSES: Array<[string, Array<string | { base64: string }>]> = [
  ['truncated JSON', ['data: {"type": "response.output_te\n\n']],
  ['null and arrays', ['data: null\n\n', 'data: [{"type": "response.output_text.delta"}]\n\n']],
  [
    'wrong-typed fields',
    [frame({ type: 'response.output_text.delta', delta: 42 }), frame({ type: 7 }), frame({ type: 'response.output_item.added', item: [] })],
  ],
  [
    'unknown event types',
    [frame({ type: 'response.dance', sequence_number: 99 }), frame({ type: 'response.reasoning_summary_text.delta', delta: 'hmm' })],
  ],
];

function malformedCases(): FaultCase[] {
  const cases: FaultCase[] = [];
  for (const [kind, noise] of MALFORMED_AGENTS) {
    cases.push({
      name: `malformed lines (${kind}) are skipped`,
      api: 'agents',
      fault: [
        {
          chunks: [
            frame(events.stepStart()),
            frame(events.text('Still ')),
            ...noise,
            frame(events.text('here')),
            ...noise,
            ...agentsDone('Still here'),
          ],
        },
      ],
      status: 'complete',
      text: 'Still here',
    });
  }
  for (const [kind, noise] of MALFORMED_RESPONSES) {
    cases.push({
      name: `Responses API: malformed lines (${kind}) are skipped`,
      api: 'responses',
      fault: [
        {
          chunks: [
            frame(responseEvents.created()),
            frame(responseEvents.text('Still ')),
            ...noise,
            frame(responseEvents.text('here')),
            frame(responseEvents.completed('Still here')),
          ],
        },
      ],
      status: 'complete',
      text: 'Still here',
    });
  }
  const payloads = [
    events.stepStart(),
    events.text('Line '),
    events.text('endings'),
    events.stepComplete('Line endings'),
    events.turnComplete('Line endings'),
  ].map((p) => JSON.stringify(p));
  cases.push(
    {
      name: '\\n, \\r\\n and \\r line endings mixed, blank lines included',
      api: 'agents',
      fault: [
        {
          chunks: [
            `data: ${payloads[0]}\r\n\r\n`,
            `data: ${payloads[1]}\r\r`,
            `data: ${payloads[2]}\n\r\n`,
            `data: ${payloads[3]}\r\n\n`,
            `data: ${payloads[4]}\n\n`,
          ],
        },
      ],
      status: 'complete',
      text: 'Line endings',
    },
    {
      name: 'a UTF-8 byte order mark before the first event',
      api: 'agents',
      fault: [{ chunks: [`\uFEFFdata: ${payloads[0]}\n\n`, ...payloads.slice(1).map((p) => `data: ${p}\n\n`)] }],
      status: 'complete',
      text: 'Line endings',
    },
    {
      name: 'an event: field a proxy adds (on the final event too)',
      api: 'agents',
      fault: [{ chunks: payloads.map((p, i) => `event: ${i % 2 ? 'message' : 'llama'}\ndata: ${p}\n\n`) }],
      status: 'complete',
      text: 'Line endings',
    },
    {
      name: 'a data payload spread over several data: lines',
      api: 'agents',
      fault: [
        {
          chunks: [
            `data: ${payloads[0]}\n\n`,
            `data: ${payloads[1]}\n\n`,
            `data: ${payloads[2]}\n\n`,
            `data: ${payloads[3]}\n\n`,
            `data: ${payloads[4].replace(/,/g, ',\ndata: ')}\n\n`,
          ],
        },
      ],
      status: 'complete',
      text: 'Line endings',
    },
  );
  return cases;
}

export const FAULT_CASES: FaultCase[] = [
  ...httpCases(),
  ...retryAfterCases(),
  ...wrongAnswerCases(),
  ...dropCases(),
  ...inBandCases(),
  ...endingCases(),
  ...timingCases(),
  ...sizeCases(),
  ...malformedCases(),
];

/** The same mock on another origin (localhost instead of 127.0.0.1): for redirects and secrets. */
export const otherOrigin = (): string => mockUrl().replace('127.0.0.1', 'localhost');
