// Property-based stream fuzzing (fast-check): valid turns of both protocols, their bytes split at
// random points and sometimes broken by a fault, played by the real mock server into the real widget.
// `npm test` runs 40 per engine; `npm run fuzz` runs more (FUZZ_RUNS=200).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { LlamaAgentChat } from '../../src/index.js';
import {
  chatFor,
  events,
  frame,
  renderedMessages,
  requestsFor,
  responseEvents,
  scripted,
  TURN,
  until,
  type ScriptChunk,
  type ScriptedTurn,
} from '../support/mock.js';
import { trackLeaks } from '../support/leaks.js';
import { RENDERED_MARKUP } from '../support/xss-vectors.js';

declare global {
  interface Window {
    __FUZZ_RUNS__?: number;
    __FUZZ_SEED__?: number;
  }
}

/**
 * Elements the markdown renderer and chat-message may create, with the attributes each may carry:
 * the renderer's (images stay off here) plus chat-message's classes and the Copy button's name.
 */
const ALLOWED: Record<string, readonly string[]> = {
  ...Object.fromEntries(Object.entries(RENDERED_MARKUP).filter(([tag]) => tag !== 'img')),
  div: ['class'],
  span: ['class'],
  button: ['type', 'class', 'aria-label'],
};

/** Text a model might send: words, markdown, HTML-looking tokens, emoji, combining marks, line breaks. */
const piece = fc.oneof(
  fc.constantFrom(
    'Hello',
    ' world',
    '**bold**',
    '`code`',
    '\n\n',
    '- item\n',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[x](javascript:alert(1))',
    '🦙',
    '👩‍👩‍👧',
    'e\u0301',
    '日本語',
    '&amp;',
    '|a|b|\n',
  ),
  fc.string({ maxLength: 12 }),
);
const deltas = fc.array(piece, { minLength: 1, maxLength: 8 });

type Shape =
  | { api: 'agents'; deltas: string[]; serverTool: boolean; shield: 'none' | 'input' | 'output'; clientTool: boolean }
  | { api: 'responses'; deltas: string[] };

const shape: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({
    api: fc.constant('agents' as const),
    deltas,
    serverTool: fc.boolean(),
    shield: fc.constantFrom('none' as const, 'input' as const, 'output' as const),
    clientTool: fc.boolean(),
  }),
  fc.record({ api: fc.constant('responses' as const), deltas }),
);

/** A point in [0, 1], spread evenly (fc.double favours tiny values, which would cut only at the start). */
const fraction = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000);

type Fault =
  { kind: 'none' } | { kind: 'drop'; at: number } | { kind: 'noise'; at: number; line: string } | { kind: 'status'; status: number };
const fault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.record({ kind: fc.constant('drop' as const), at: fraction }),
  fc.record({
    kind: fc.constant('noise' as const),
    at: fraction,
    line: fc.constantFrom(
      'data: {"event": {"payl\n\n',
      'data: null\n\n',
      'data: [1]\n\n',
      ': comment\n\n',
      'id: 3\nretry: 5\n\n',
      'data: {"event":{"payload":{"event_type":"step_progress","delta":{"type":"text","text":7}}}}\n\n',
    ),
  }),
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(400, 429, 500, 502, 503) }),
);

const SHIELD_MESSAGE = 'I cannot help with that.';

/** The frames of a whole turn and the text the reply must end with. */
function build(s: Shape): { turns: string[][]; final: string } {
  const text = s.deltas.join('');
  if (s.api === 'responses') {
    return {
      turns: [
        [frame(responseEvents.created()), ...s.deltas.map((d) => frame(responseEvents.text(d))), frame(responseEvents.completed(text))],
      ],
      final: text,
    };
  }
  const tool = s.serverTool
    ? [
        frame({ event: { payload: { event_type: 'step_start', step_type: 'tool_execution', step_id: 'tool', metadata: {} } } }),
        frame({
          event: {
            payload: {
              event_type: 'step_complete',
              step_type: 'tool_execution',
              step_id: 'tool',
              step_details: {
                turn_id: TURN,
                step_id: 'tool',
                step_type: 'tool_execution',
                tool_calls: [{ call_id: 'c1', tool_name: 'brave_search', arguments: '{}' }],
                tool_responses: [{ call_id: 'c1', tool_name: 'brave_search', content: '<b>result</b>' }],
              },
            },
          },
        }),
      ]
    : [];
  const shieldStep = frame({
    event: {
      payload: {
        event_type: 'step_complete',
        step_type: 'shield_call',
        step_id: 'shield',
        step_details: {
          turn_id: TURN,
          step_id: 'shield',
          step_type: 'shield_call',
          violation: s.shield === 'none' ? null : { violation_level: 'error', user_message: SHIELD_MESSAGE, metadata: {} },
        },
      },
    },
  });
  if (s.shield === 'input') return { turns: [[shieldStep, frame(events.turnComplete(SHIELD_MESSAGE))]], final: SHIELD_MESSAGE };
  const final = s.shield === 'output' ? SHIELD_MESSAGE : text;
  const answer = [
    frame(events.stepStart()),
    ...s.deltas.map((d) => frame(events.text(d))),
    frame(events.stepComplete(text)),
    ...(s.shield === 'output' ? [shieldStep] : []),
    frame(events.turnComplete(final)),
  ];
  if (!s.clientTool) return { turns: [[...tool, ...answer]], final };
  const call = { call_id: 'call_loc', tool_name: 'get_user_location', arguments: '{}' };
  const asking = [...tool, frame(events.stepStart()), frame(events.toolCall(call, 'succeeded')), frame(events.awaitingInput([call]))];
  return { turns: [asking, answer], final };
}

const encoder = new TextEncoder();
const toBase64 = (bytes: Uint8Array) => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { base64: btoa(binary) };
};

/** The turn's bytes cut at the given fractions (anywhere, also inside a character), as scripted chunks. */
function split(frames: string[], cuts: number[]): ScriptChunk[] {
  const bytes = encoder.encode(frames.join(''));
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b);
  const chunks: ScriptChunk[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(toBase64(bytes.slice(from, p)));
    from = p;
  }
  return chunks;
}

function withFault(frames: string[], cuts: number[], f: Fault): ScriptedTurn {
  if (f.kind === 'status') return { status: f.status, chunks: [JSON.stringify({ detail: 'fuzzed failure' })] };
  if (f.kind === 'noise') {
    const at = Math.floor(f.at * (frames.length + 1));
    return { chunks: split([...frames.slice(0, at), f.line, ...frames.slice(at)], cuts), chunkDelayMs: 0 };
  }
  if (f.kind === 'drop') {
    const whole = encoder.encode(frames.join(''));
    const keep = Math.floor(f.at * (whole.length - 1));
    const kept = new TextDecoder().decode(whole.slice(0, keep)); // may end in U+FFFD: the drop cut a character
    return { chunks: [...split([kept], cuts), { delayMs: 100 }], end: 'destroy', chunkDelayMs: 0 };
  }
  return { chunks: split(frames, cuts), chunkDelayMs: 0 };
}

function auditDom(el: LlamaAgentChat): string[] {
  const problems: string[] = [];
  for (const message of renderedMessages(el)) {
    const content = message.shadowRoot!.querySelector('[part="content"]');
    for (const node of content?.querySelectorAll('*') ?? []) {
      const allowed = ALLOWED[node.localName];
      if (!allowed) problems.push(`<${node.localName}>`);
      else
        for (const { name } of node.attributes)
          if (name !== 'part' && !allowed.includes(name)) problems.push(`${name} on <${node.localName}>`);
    }
  }
  return problems;
}

const USER = 'Tell me <i>something</i>';

describe('stream fuzzing', function () {
  const runs = window.__FUZZ_RUNS__ || 40;
  this.timeout(Math.max(60000, runs * 3000));

  it(`keeps every invariant over ${runs} generated turns with random splits and faults`, async () => {
    await fc.assert(
      fc.asyncProperty(shape, fc.array(fraction, { maxLength: 12 }), fault, async (s, cuts, f) => {
        const { turns, final } = build(s);
        // The fault hits the first stream; a client-tool resume plays clean.
        const scriptedTurns = turns.map((frames, i) =>
          i === 0 ? withFault(frames, cuts, f) : { chunks: split(frames, cuts), chunkDelayMs: 0 },
        );
        const { id, baseUrl } = await scripted({ flavour: s.api === 'responses' ? 'ogx-0.8' : 'llama-stack-0.3', turns: scriptedTurns });
        const el = await chatFor(s.api === 'agents' ? id : '', {
          baseUrl,
          model: s.api === 'responses' ? 'm' : undefined,
          idleTimeout: 10000,
        });
        el.clientTools = { get_user_location: () => ({ city: 'Lisbon' }) };
        const leaks = trackLeaks();
        try {
          const outcome = await el.send(USER);
          await el.updateComplete;
          // Exactly the user's message and one reply: never a second placeholder.
          expect(el.messages.map((m) => m.sender)).to.deep.equal(['user', 'assistant']);
          expect(el.messages[0].content).to.equal(USER);
          const reply = el.messages[1];
          // A drop just after the final event's JSON (only its blank line lost) still completes where
          // the browser reports the drop as a normal end (WebKitGTK does): the final event is whole.
          const completedAnyway = f.kind === 'drop' && outcome.status === 'complete';
          if (f.kind === 'none' || f.kind === 'noise' || completedAnyway) {
            expect(outcome.status, outcome.error).to.equal('complete');
            expect(reply.content).to.equal(final);
          } else {
            expect(outcome.status).to.equal('error');
            expect(outcome.error)
              .to.be.a('string')
              .and.not.match(/\[object|undefined/);
            // What was kept is what streamed, in order: a prefix of the deltas (or all of them).
            if (s.api === 'responses' || (!s.clientTool && s.shield !== 'input'))
              expect(s.deltas.join('').startsWith(reply.content)).to.equal(true, `kept ${JSON.stringify(reply.content)}`);
          }
          expect(auditDom(el)).to.deep.equal([]);
          await until(async () => (await requestsFor(id)).every((r) => !r.open), 'a request stayed open');
          await until(() => leaks.live().length === 0).catch(() => undefined);
          expect(leaks.live()).to.deep.equal([]);
          expect(leaks.uncaught).to.deep.equal([]);
        } finally {
          leaks.stop();
          el.remove();
        }
      }),
      { numRuns: runs, seed: window.__FUZZ_SEED__ || undefined, endOnFailure: true },
    );
  });
});
