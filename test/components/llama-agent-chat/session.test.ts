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
  shownText,
  turnFrames,
  until,
} from '../../support/mock.js';

const storedTurn = (id: string, question: string, answer: unknown, steps: unknown[] = []) => ({
  turn_id: id,
  session_id: 'known',
  input_messages: [{ role: 'user', content: question, context: null }],
  steps,
  output_message: { role: 'assistant', content: answer, stop_reason: 'end_of_turn', tool_calls: [] },
  output_attachments: [],
  started_at: '2026-11-24T00:00:00.000000Z',
  completed_at: '2026-11-24T00:00:01.000000Z',
});

describe('<llama-agent-chat> sessions', () => {
  it('creates a session on the first send, reflects it to session-id and announces it', async () => {
    const agent = await scriptedAgent({ sessionId: 'fresh-session', chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    expect(el.hasAttribute('session-id')).to.equal(false);
    const created = oneEvent(el, 'llama-chat-session-created');
    await el.send('Hi');
    expect((await created).detail.sessionId).to.equal('fresh-session');
    await el.updateComplete;
    expect(el.getAttribute('session-id')).to.equal('fresh-session');
    expect(el.sessionId).to.equal('fresh-session');
    const requests = await requestsFor(agent);
    const create = requests.find((r) => r.path === `/v1alpha/agents/${agent}/session`)!;
    expect(create.method).to.equal('POST');
    expect(create.body).to.have.property('session_name').that.is.a('string').and.not.empty;
  });

  it('reuses the session for later turns and does not reload its own history', async () => {
    const agent = await scriptedAgent({ sessionId: 'one', chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    await el.send('first');
    await el.send('second');
    const paths = (await requestsFor(agent)).map((r) => `${r.method} ${r.path}`);
    expect(paths).to.deep.equal([
      `POST /v1alpha/agents/${agent}/session`,
      `POST /v1alpha/agents/${agent}/session/one/turn`,
      `POST /v1alpha/agents/${agent}/session/one/turn`,
    ]);
    expect(el.messages.map((m) => m.content)).to.deep.equal(['first', 'ok', 'second', 'ok']);
  });

  it('loads and renders the history of a session-id given on load', async () => {
    const agent = await scriptedAgent({
      history: [
        storedTurn('t1', 'What is 2+2?', '4.'),
        storedTurn('t2', 'And in words?', [
          { type: 'text', text: 'Four' },
          { type: 'text', text: '.' },
        ]),
      ],
      chunks: turnFrames(['next']),
    });
    const el = await chatFor(agent, { sessionId: 'known' });
    await until(() => renderedMessages(el).length === 4, 'history never rendered');
    const shown = renderedMessages(el);
    expect(shown.map((m) => [m.sender, m.status, shownText(m)])).to.deep.equal([
      ['user', 'complete', 'What is 2+2?'],
      ['assistant', 'complete', '4.'],
      ['user', 'complete', 'And in words?'],
      ['assistant', 'complete', 'Four.'],
    ]);
    const get = (await requestsFor(agent)).find((r) => r.method === 'GET')!;
    expect(get.path).to.equal(`/v1alpha/agents/${agent}/session/known`);
    // A new turn continues the same session after the history.
    await el.send('More');
    expect(el.messages.map((m) => m.content).slice(-2)).to.deep.equal(['More', 'next']);
    expect((await requestsFor(agent)).filter((r) => r.method === 'POST').map((r) => r.path)).to.deep.equal([
      `/v1alpha/agents/${agent}/session/known/turn`,
    ]);
  });

  it('shows history tool calls like a live turn', async () => {
    const toolStep = {
      turn_id: 't1',
      step_id: 's2',
      step_type: 'tool_execution',
      tool_calls: [{ call_id: 'c1', tool_name: 'brave_search', arguments: '{"query": "llamas"}' }],
      tool_responses: [{ call_id: 'c1', tool_name: 'brave_search', content: 'Llamas are camelids.', metadata: null }],
    };
    const agent = await scriptedAgent({ history: [storedTurn('t1', 'Llamas?', 'They are camelids.', [toolStep])], chunks: [] });
    const el = await chatFor(agent, { sessionId: 'known' });
    await until(() => renderedMessages(el).length === 2);
    expect(el.messages[1].toolCalls).to.deep.equal([
      {
        callId: 'c1',
        toolName: 'brave_search',
        arguments: '{"query": "llamas"}',
        parsed: true,
        status: 'done',
        result: 'Llamas are camelids.',
      },
    ]);
  });

  it('explains an unknown session and offers to start a new one', async () => {
    const el = await chatFor('demo-agent', { sessionId: 'gone-session' });
    await until(() => part(el, 'new-session-button'), 'no new-session button');
    expect(part(el, 'notice')!.textContent).to.contain('does not know the conversation gone-session');
    part(el, 'new-session-button')!.click();
    await el.updateComplete;
    expect(el.hasAttribute('session-id')).to.equal(false);
    expect(part(el, 'notice')).to.equal(null);
    const created = oneEvent(el, 'llama-chat-session-created');
    expect((await el.send('Hello again')).status).to.equal('complete');
    expect((await created).detail.sessionId)
      .to.be.a('string')
      .and.not.equal('gone-session');
  });

  it('reports a history that fails to load for another reason, with the server message', async () => {
    const agent = await scriptedAgent({ getSessionStatus: 500, getSessionBody: { detail: 'database is down' }, chunks: [] });
    const el = await chatFor(agent, { sessionId: 'known' });
    await until(() => part(el, 'notice'), 'no notice');
    expect(part(el, 'notice')!.textContent).to.contain('database is down');
    expect(part(el, 'new-session-button')).to.equal(null);
  });

  it('keeps the user message and offers retry when the session cannot be created', async () => {
    const agent = await scriptedAgent({ createSessionStatus: 401, createSessionBody: { error: { message: 'Missing token' } }, chunks: [] });
    const el = await chatFor(agent);
    const outcome = await el.send('Keep me');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.contain('authentication');
    expect(outcome.error).to.contain('Missing token');
    expect(el.messages[0].content).to.equal('Keep me');
    await el.updateComplete;
    expect(part(el, 'retry-button')).to.exist;
  });

  it('aborts the turn and switches conversation when session-id changes mid-stream', async () => {
    const agent = await scriptedAgent({
      sessionId: 'first',
      history: [storedTurn('t9', 'Old question', 'Old answer')],
      chunks: [frame(events.stepStart()), frame(events.text('streaming…'))],
      end: 'hang',
    });
    const el = await chatFor(agent);
    const sent = el.send('Hi');
    await until(() => el.messages[1]?.content === 'streaming…');
    el.sessionId = 'other';
    const outcome = await sent;
    expect(outcome.status).to.equal('aborted');
    await until(() => renderedMessages(el).length === 2 && el.messages[0].content === 'Old question', 'other history never loaded');
    const turn = (await requestsFor(agent)).find((r) => r.path.endsWith('/turn'))!;
    await until(async () => !(await requestsFor(agent)).find((r) => r.path === turn.path)!.open, 'stream not closed');
  });

  it('aborts the turn and clears the conversation when agent-id changes mid-stream', async () => {
    const agent = await scriptedAgent({ chunks: [frame(events.stepStart()), frame(events.text('x'))], end: 'hang' });
    const el = await chatFor(agent);
    const sent = el.send('Hi');
    await until(() => el.messages[1]?.content === 'x');
    el.agentId = 'demo-agent';
    expect((await sent).status).to.equal('aborted');
    await el.updateComplete;
    expect(renderedMessages(el)).to.have.length(0);
    expect(el.streaming).to.equal(false);
  });

  it('newSession() clears the conversation and the session-id; the next send creates a session', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    await el.send('one');
    const firstSession = el.sessionId;
    el.newSession();
    await el.updateComplete;
    expect(el.messages).to.have.length(0);
    expect(el.hasAttribute('session-id')).to.equal(false);
    await el.send('two');
    expect(el.sessionId).to.be.a('string').and.not.equal(firstSession);
    expect((await requestsFor(agent)).filter((r) => r.path.endsWith('/session'))).to.have.length(2);
  });
});
