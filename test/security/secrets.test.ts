import { expect } from '@open-wc/testing';
import { chatFor, mockUrl, requestsFor, scripted, scriptedAgent, turnFrames } from '../support/mock.js';

const SECRET = 'sk-live-7f3a9c1e5b2d4f60';
const EVENTS = [
  'llama-chat-send',
  'llama-chat-session-created',
  'llama-chat-agent-created',
  'llama-chat-turn-complete',
  'llama-chat-error',
  'llama-chat-tool-call',
];

function captureConsole() {
  const lines: string[] = [];
  const methods = ['debug', 'log', 'info', 'warn', 'error'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods)
    console[m] = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  return { lines, restore: () => methods.forEach((m, i) => (console[m] = saved[i])) };
}

describe('secrets in headers', () => {
  it('never reach the DOM, attributes, events, error messages or debug logs, even when the server echoes them', async () => {
    const echo = { error: { message: `Invalid token: Bearer ${SECRET}` } };
    const agent = await scriptedAgent({
      turns: [
        { chunks: turnFrames(['Hello ', 'there']) },
        { chunks: [`data: ${JSON.stringify({ error: { message: `upstream rejected ${SECRET}` } })}\n\n`] },
        { status: 401, chunks: [JSON.stringify(echo)] },
      ],
    });
    const el = await chatFor(agent);
    el.headers = { Authorization: `Bearer ${SECRET}` };
    el.debug = true;
    const details: string[] = [];
    for (const type of EVENTS) el.addEventListener(type, (e) => details.push(`${type} ${JSON.stringify((e as CustomEvent).detail)}`));
    const logs = captureConsole();
    let outcomes;
    try {
      outcomes = [await el.send('one'), await el.send('two'), await el.send('three')];
    } finally {
      logs.restore();
    }
    expect(outcomes.map((o) => o.status)).to.deep.equal(['complete', 'error', 'error']);
    expect(outcomes[1].error).to.contain('upstream rejected [redacted]');
    expect(outcomes[2].error).to.contain('[redacted]');
    await el.updateComplete;
    const everything = [
      el.outerHTML,
      el.shadowRoot!.innerHTML,
      ...[...el.shadowRoot!.querySelectorAll('chat-message')].map((m) => m.outerHTML + m.shadowRoot!.innerHTML),
      ...[...el.attributes].map((a) => a.value),
      JSON.stringify(el.messages),
      ...details,
      ...logs.lines,
    ].join('\n');
    expect(logs.lines.length).to.be.above(3); // debug logging really ran
    expect(details.length).to.be.above(5);
    expect(everything).not.to.contain(SECRET);
    // …and the secret did go where it belongs.
    const turns = (await requestsFor(agent)).filter((r) => r.path.endsWith('/turn'));
    expect(turns.map((r) => r.headers.authorization)).to.deep.equal([`Bearer ${SECRET}`, `Bearer ${SECRET}`, `Bearer ${SECRET}`]);
  });

  it('are not sent to another origin that a redirect points at', async () => {
    const elsewhere = await scripted({ chunks: turnFrames(['From elsewhere']) });
    const otherOrigin = mockUrl().replace('127.0.0.1', 'localhost');
    const target = `${otherOrigin}/s/${elsewhere.id}/v1alpha/agents/${elsewhere.id}/session/s/turn`;
    const agent = await scriptedAgent({ status: 307, headers: { location: target }, chunks: [] });
    const el = await chatFor(agent);
    el.headers = { Authorization: `Bearer ${SECRET}` };
    const outcome = await el.send('Hi');
    // Browsers follow the redirect (XHR cannot refuse one) but drop Authorization when it crosses
    // origins (Fetch standard): the other origin answers, without ever seeing the secret.
    expect(outcome.status).to.equal('complete');
    const reached = await requestsFor(elsewhere.id, { withPreflights: true });
    expect(reached.map((r) => r.method)).to.include('POST');
    for (const r of reached) {
      expect(r.headers.authorization).to.equal(undefined);
      expect(JSON.stringify(r.headers)).not.to.contain(SECRET);
    }
  });
});
