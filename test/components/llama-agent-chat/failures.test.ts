import { expect } from '@open-wc/testing';
import {
  chatFor,
  events,
  frame,
  oneEvent,
  part,
  renderedMessages,
  requestsFor,
  scriptedAgent,
  shownError,
  shownText,
  turnFrames,
} from '../../support/mock.js';

const partial = [frame(events.stepStart()), frame(events.text('Half an ')), frame(events.text('answer'))];

describe('<llama-agent-chat> failures', () => {
  const httpCases: Array<{ name: string; status: number; body: unknown; expect: RegExp[] }> = [
    { name: 'a FastAPI detail', status: 400, body: { detail: 'Invalid value: Agent not found' }, expect: [/HTTP 400/, /Agent not found/] },
    {
      name: 'a validation error envelope',
      status: 400,
      body: { error: { detail: { errors: [{ loc: ['body', 'messages'], msg: 'Field required', type: 'missing' }] } } },
      expect: [/HTTP 400/, /messages: Field required/],
    },
    {
      name: 'an error.message envelope (quota)',
      status: 429,
      body: { error: { message: 'Quota exceeded' } },
      expect: [/HTTP 429/, /Quota exceeded/],
    },
    {
      name: 'a 401',
      status: 401,
      body: { error: { message: 'Invalid authentication token' } },
      expect: [/authentication/, /Invalid authentication token/],
    },
    { name: 'a 404 on the turn route', status: 404, body: { detail: 'Not Found' }, expect: [/no Agents API/, /0\.4/] },
    { name: 'a 500 with an HTML page', status: 500, body: '<html><body>Internal Server Error</body></html>', expect: [/HTTP 500/] },
  ];
  for (const c of httpCases) {
    it(`shows ${c.name} as a readable message in place and offers retry`, async () => {
      const body = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
      const agent = await scriptedAgent({ status: c.status, chunks: [body.slice(0, 10), body.slice(10)] });
      const el = await chatFor(agent);
      const errorEvent = oneEvent(el, 'llama-chat-error');
      const outcome = await el.send('Hi');
      expect(outcome.status).to.equal('error');
      for (const pattern of c.expect) expect(outcome.error).to.match(pattern);
      expect(outcome.error).not.to.contain('[object');
      expect((await errorEvent).detail.message).to.equal(outcome.error);
      await el.updateComplete;
      const [user, reply] = renderedMessages(el);
      expect(user.content).to.equal('Hi');
      expect(reply.status).to.equal('error');
      expect(shownError(reply)).to.equal(outcome.error);
      expect(part(el, 'retry-button')).to.exist;
    });
  }

  it('keeps the partial reply when an in-band error arrives on a 200 stream', async () => {
    const agent = await scriptedAgent({
      chunks: [...partial, 'data: {"error": {"message": "400: Invalid value: the provider failed"}}\n\n'],
    });
    const el = await chatFor(agent);
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.contain('the provider failed');
    expect(outcome.message?.content).to.equal('Half an answer');
    await el.updateComplete;
    expect(shownText(renderedMessages(el)[1])).to.equal('Half an answer');
  });

  it('reports an unknown session that the server announces in-band', async () => {
    const el = await chatFor('demo-agent', { sessionId: 'no-such-session' });
    await el.updateComplete;
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.match(/Session 'no-such-session' not found/);
  });

  it('says the connection closed early when the stream ends without turn_complete', async () => {
    const agent = await scriptedAgent({ chunks: partial });
    const el = await chatFor(agent);
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.equal('The server closed the connection before the reply finished.');
    expect(outcome.message?.content).to.equal('Half an answer');
  });

  it('says what came instead when a 200 answer is not an event stream', async () => {
    const agent = await scriptedAgent({ headers: { 'content-type': 'application/json' }, chunks: ['{"turn_id": "x"}'] });
    const el = await chatFor(agent);
    const outcome = await el.send('Hi');
    expect(outcome.error).to.contain('application/json instead of an event stream');
  });

  it('says the connection was lost when the socket dies mid-reply, keeping the partial text', async () => {
    // XHR throttles progress events to one per 50 ms and drops the body on a network error, so bytes
    // that arrive in the last moments before the drop cannot be shown; give the browser time to read.
    const agent = await scriptedAgent({ chunks: [...partial, { delayMs: 250 }], end: 'destroy' });
    const el = await chatFor(agent);
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.match(/lost|closed the connection/);
    expect(outcome.message?.content).to.equal('Half an answer');
  });

  it('explains a server it cannot reach, naming its origin and CORS', async () => {
    const el = await chatFor('demo-agent', { sessionId: 'any' });
    el.baseUrl = window.__CLOSED_PORT_URL__;
    await el.updateComplete;
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.contain(`Could not reach the server at ${new URL(window.__CLOSED_PORT_URL__).origin}`);
    expect(outcome.error).to.contain('CORS');
  });

  it('treats a CORS refusal like an unreachable server', async () => {
    const agent = await scriptedAgent({
      headers: { 'access-control-allow-origin': 'https://not-this-page.example' },
      chunks: turnFrames(['x']),
    });
    const el = await chatFor(agent, { sessionId: 'cors' });
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.contain('CORS');
  });

  it('fails the turn after idle-timeout without a byte, keeping the partial reply', async () => {
    const agent = await scriptedAgent({ chunks: partial, end: 'hang' });
    const el = await chatFor(agent, { idleTimeout: 400 });
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.equal('The server sent nothing for 0.4 seconds, so the reply was stopped.');
    expect(outcome.message?.content).to.equal('Half an answer');
  });

  it('keeps waiting on a quiet stream when idle-timeout is 0', async () => {
    const agent = await scriptedAgent({ chunks: partial, end: 'hang' });
    const el = await chatFor(agent, { idleTimeout: 0 });
    const sent = el.send('Hi');
    await new Promise((r) => setTimeout(r, 600));
    expect(el.streaming).to.equal(true);
    el.stop();
    expect((await sent).status).to.equal('aborted');
  });

  it('retries the failed turn without duplicating the user message, replacing the failed reply', async () => {
    const agent = await scriptedAgent({
      turns: [{ chunks: [...partial, 'data: {"error": {"message": "boom"}}\n\n'] }, { chunks: turnFrames(['Second ', 'try']) }],
    });
    const el = await chatFor(agent);
    expect((await el.send('Question')).status).to.equal('error');
    const sends: string[] = [];
    el.addEventListener('llama-chat-send', (e) => sends.push(e.detail.text));
    const outcome = await el.retry();
    expect(outcome.status).to.equal('complete');
    expect(sends).to.deep.equal(['Question']);
    expect(el.messages.map((m) => [m.sender, m.content, m.status])).to.deep.equal([
      ['user', 'Question', 'complete'],
      ['assistant', 'Second try', 'complete'],
    ]);
    const turns = (await requestsFor(agent)).filter((r) => r.path.endsWith('/turn'));
    expect(turns.map((t) => t.body)).to.deep.equal([
      { messages: [{ role: 'user', content: 'Question' }], stream: true },
      { messages: [{ role: 'user', content: 'Question' }], stream: true },
    ]);
    await el.updateComplete;
    expect(part(el, 'retry-button')).to.equal(null);
  });

  it('retries through the Retry button', async () => {
    const agent = await scriptedAgent({ turns: [{ status: 500, chunks: ['{"detail":"down"}'] }, { chunks: turnFrames(['ok']) }] });
    const el = await chatFor(agent);
    await el.send('Q');
    await el.updateComplete;
    const done = oneEvent(el, 'llama-chat-turn-complete');
    part(el, 'retry-button')!.click();
    expect((await done).detail.status).to.equal('complete');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Q', 'ok']);
  });

  it('rejects retry when there is nothing to retry', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['fine']) });
    const el = await chatFor(agent);
    await el.send('Q');
    let error: unknown;
    await el.retry().catch((e) => (error = e));
    expect(String(error)).to.contain('no failed reply');
  });
});
