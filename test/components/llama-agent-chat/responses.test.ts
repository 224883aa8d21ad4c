/**
 * The core behaviours again, against servers that speak the Responses + Conversations API (Llama
 * Stack / OGX 0.4 and later, OpenAI-compatible servers), and protocol detection against each kind.
 */
import { expect } from '@open-wc/testing';
import { expectAtMostOncePerFrame, recordRenders } from '../../support/frames.js';
import {
  chatFor,
  frame,
  oneEvent,
  part,
  renderedMessages,
  requestsFor,
  responseEvents,
  responseFrames,
  scripted,
  shownText,
  turnFrames,
  until,
  type MockScript,
} from '../../support/mock.js';

const CONV = `conv_${'ab'.repeat(24)}`;
const ogx = (script: MockScript) => scripted({ flavour: 'ogx-0.8', conversationId: CONV, ...script });
const chatOn = (baseUrl: string, extra: Parameters<typeof chatFor>[1] = {}) => chatFor('', { baseUrl, model: 'llama3.2:3b', ...extra });
const partial = [frame(responseEvents.created()), frame(responseEvents.text('Half an ')), frame(responseEvents.text('answer'))];
const ogxFixture = (name: string) => fetch(new URL(`../../fixtures/ogx-0.8.0/${name}`, import.meta.url)).then((r) => r.text());

describe('<llama-agent-chat> protocol detection', () => {
  it('uses the Responses API on an OGX 0.8 server: conversation, then a streamed response', async () => {
    const { id, baseUrl } = await ogx({ chunks: responseFrames(['Hello ', 'from ', '0.8']) });
    const el = await chatOn(baseUrl);
    el.instructions = 'Be brief.';
    const created = oneEvent(el, 'llama-chat-session-created');
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('complete');
    expect(outcome.message?.content).to.equal('Hello from 0.8');
    expect(el.api).to.equal('responses');
    expect((await created).detail.sessionId).to.equal(CONV);
    const requests = (await requestsFor(id)).map((r) => `${r.method} ${r.path.replace(/^\/s\/[^/]+/, '')}`);
    expect(requests).to.deep.equal(['GET /v1/version', 'POST /v1/conversations', 'POST /v1/responses']);
    const turn = (await requestsFor(id)).find((r) => r.path.endsWith('/v1/responses'))!;
    expect(turn.body).to.deep.equal({ model: 'llama3.2:3b', input: 'Hi', conversation: CONV, stream: true, instructions: 'Be brief.' });
    expect(turn.headers.accept).to.equal('text/event-stream');
  });

  it('uses the Responses API on an OpenAI-compatible server without /v1/version', async () => {
    const { baseUrl } = await scripted({ flavour: 'openai-compatible', conversationId: CONV, chunks: responseFrames(['ok']) });
    const el = await chatOn(baseUrl, { sessionId: CONV });
    // A session-id is given, so no conversation needs creating; the server has no /v1/conversations.
    const outcome = await el.send('Hi');
    expect(el.api).to.equal('responses');
    expect(outcome.status).to.equal('complete');
  });

  it('uses the Agents API under /v1 on a 0.2 server and under /v1alpha on 0.3', async () => {
    const old = await scripted({ flavour: 'llama-stack-0.2', sessionId: 's', chunks: turnFrames(['old']) });
    const el = await chatFor(old.id, { baseUrl: old.baseUrl });
    expect((await el.send('Hi')).message?.content).to.equal('old');
    expect(el.api).to.equal('agents');
    expect((await requestsFor(old.id)).map((r) => r.path.replace(/^\/s\/[^/]+/, ''))).to.include(`/v1/agents/${old.id}/session/s/turn`);

    const mid = await scripted({ flavour: 'llama-stack-0.3', sessionId: 's', chunks: turnFrames(['mid']) });
    const el3 = await chatFor(mid.id, { baseUrl: mid.baseUrl });
    expect((await el3.send('Hi')).message?.content).to.equal('mid');
    expect((await requestsFor(mid.id)).map((r) => r.path.replace(/^\/s\/[^/]+/, ''))).to.include(
      `/v1alpha/agents/${mid.id}/session/s/turn`,
    );
  });

  it('says so when api="agents" meets a server without the Agents API', async () => {
    const { baseUrl } = await ogx({ chunks: [] });
    const el = await chatFor('some-agent', { baseUrl, api: 'agents' });
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.match(/no Agents API|could not find/i);
    expect(outcome.error).to.contain('HTTP 404');
  });

  it('says the server needs model when auto-detection finds the Responses API and only agent-id is set', async () => {
    const { baseUrl } = await ogx({ chunks: [] });
    const el = await chatFor('some-agent', { baseUrl });
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.contain('Responses API');
    expect(outcome.error).to.contain('model attribute');
  });

  it('creates an agent from model when the Agents API has no agent-id (zero-setup)', async () => {
    const { id, baseUrl } = await scripted({ flavour: 'llama-stack-0.3', sessionId: 's', chunks: turnFrames(['made it']) });
    const el = await chatFor('', { baseUrl, model: 'llama3.2:3b', api: 'agents' });
    el.instructions = 'Speak like a llama.';
    const created = oneEvent(el, 'llama-chat-agent-created');
    const outcome = await el.send('Hi');
    expect(outcome.message?.content).to.equal('made it');
    const agentId = (await created).detail.agentId;
    expect(agentId).to.be.a('string').and.not.empty;
    await el.updateComplete;
    expect(el.getAttribute('agent-id')).to.equal(agentId);
    const create = (await requestsFor(id)).find((r) => r.method === 'POST' && r.path.endsWith('/v1alpha/agents'))!;
    expect(create.body).to.deep.equal({
      agent_config: { model: 'llama3.2:3b', instructions: 'Speak like a llama.', enable_session_persistence: true },
    });
    // The reflected agent-id does not restart the conversation.
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Hi', 'made it']);
  });
});

describe('<llama-agent-chat> in Responses mode', () => {
  it('keeps the streamed text and explains a response.failed', async () => {
    const { baseUrl } = await ogx({ chunks: [...partial, frame(responseEvents.failed('The provider crashed'))] });
    const el = await chatOn(baseUrl);
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.contain('The provider crashed');
    expect(outcome.message?.content).to.equal('Half an answer');
    await el.updateComplete;
    expect(shownText(renderedMessages(el)[1])).to.equal('Half an answer');
    expect(part(el, 'retry-button')).to.exist;
  });

  it('explains a response.incomplete (length limit), keeping the text', async () => {
    const { baseUrl } = await ogx({ chunks: [...partial, frame(responseEvents.incomplete('Half an answer'))] });
    const outcome = await (await chatOn(baseUrl)).send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.contain('length limit');
    expect(outcome.message?.content).to.equal('Half an answer');
  });

  it('shows both in-band error shapes', async () => {
    for (const errorFrame of [
      frame(responseEvents.error("Conversation 'conv_x' not found.")),
      'data: {"error": {"message": "Model not found"}}\n\n',
    ]) {
      const { baseUrl } = await ogx({ chunks: [frame(responseEvents.created()), errorFrame] });
      const outcome = await (await chatOn(baseUrl)).send('Hi');
      expect(outcome.status).to.equal('error');
      expect(outcome.error).to.match(/not found/);
    }
  });

  it('quotes a pre-stream validation error', async () => {
    const { baseUrl } = await ogx({
      status: 400,
      chunks: [`{"error":{"message":"{'errors': [{'loc': ['body', 'model'], 'msg': 'Field required'}]}"}}`],
    });
    const outcome = await (await chatOn(baseUrl)).send('Hi');
    expect(outcome.status).to.equal('error');
    expect(outcome.error).to.contain('HTTP 400');
    expect(outcome.error).to.contain('Field required');
  });

  it('says the connection closed early when the stream ends without a terminal event', async () => {
    const { baseUrl } = await ogx({ chunks: partial });
    const outcome = await (await chatOn(baseUrl)).send('Hi');
    expect(outcome.error).to.equal('The server closed the connection before the reply finished.');
    expect(outcome.message?.content).to.equal('Half an answer');
  });

  it('fails after the idle timeout, keeping the partial reply', async () => {
    const { baseUrl } = await ogx({ chunks: partial, end: 'hang' });
    const outcome = await (await chatOn(baseUrl, { idleTimeout: 400 })).send('Hi');
    expect(outcome.error).to.equal('The server sent nothing for 0.4 seconds, so the reply was stopped.');
    expect(outcome.message?.content).to.equal('Half an answer');
  });

  it('stops on request, keeping the partial reply, and closes the request', async () => {
    const { id, baseUrl } = await ogx({ chunks: partial, end: 'hang' });
    const el = await chatOn(baseUrl);
    const sent = el.send('Hi');
    await until(() => el.messages[1]?.content === 'Half an answer');
    el.stop();
    const outcome = await sent;
    expect(outcome.status).to.equal('aborted');
    expect(outcome.message?.content).to.equal('Half an answer');
    await until(async () => (await requestsFor(id)).find((r) => r.path.endsWith('/v1/responses'))?.open === false, 'not closed');
  });

  it('retries a failed response in the same conversation', async () => {
    const { id, baseUrl } = await ogx({
      turns: [{ chunks: [...partial, frame(responseEvents.failed('x'))] }, { chunks: responseFrames(['second']) }],
    });
    const el = await chatOn(baseUrl);
    await el.send('Q');
    const outcome = await el.retry();
    expect(outcome.message?.content).to.equal('second');
    const bodies = (await requestsFor(id)).filter((r) => r.path.endsWith('/v1/responses')).map((r) => r.body);
    expect(bodies).to.deep.equal([
      { model: 'llama3.2:3b', input: 'Q', conversation: CONV, stream: true },
      { model: 'llama3.2:3b', input: 'Q', conversation: CONV, stream: true },
    ]);
  });

  it('loads a conversation’s history across pages, oldest first', async () => {
    const items = [];
    for (let i = 0; i < 60; i++) {
      items.push({
        type: 'message',
        role: 'user',
        id: `msg_u${i}`,
        status: 'completed',
        content: [{ type: 'input_text', text: `Question ${i}` }],
      });
      items.push({
        type: 'message',
        role: 'assistant',
        id: `msg_a${i}`,
        status: 'completed',
        content: [{ type: 'output_text', text: `Answer ${i}`, annotations: [] }],
      });
    }
    const { id, baseUrl } = await ogx({ items, chunks: responseFrames(['new']) });
    const el = await chatOn(baseUrl, { sessionId: CONV });
    await until(() => renderedMessages(el).length === 120, 'history did not render');
    expect(el.messages[0].content).to.equal('Question 0');
    expect(el.messages[119].content).to.equal('Answer 59');
    const gets = (await requestsFor(id)).filter((r) => r.path.includes('/items'));
    expect(gets.length).to.equal(2);
    expect(gets[0].path).to.contain('order=asc');
    expect(gets[1].path).to.contain('after=');
  });

  it('explains an unknown conversation and offers a new one', async () => {
    const { baseUrl } = await ogx({ getSessionStatus: 404, getSessionBody: { detail: "Conversation 'conv_gone' not found." }, chunks: [] });
    const el = await chatOn(baseUrl, { sessionId: 'conv_gone' });
    await until(() => part(el, 'new-session-button'), 'no notice');
    expect(part(el, 'notice')!.textContent).to.contain('does not know the conversation conv_gone');
  });

  it('answers a client function call with function_call_output items and streams the follow-up', async () => {
    const [call, followup] = await Promise.all([ogxFixture('function_call.sse'), ogxFixture('function_call_followup.sse')]);
    const expected = JSON.parse(await ogxFixture('function_call_followup.json'));
    const { id, baseUrl } = await ogx({ turns: [{ chunks: [call] }, { chunks: [followup] }] });
    const el = await chatOn(baseUrl);
    el.tools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} } }];
    const weather = { location: 'Paris, France', temperature: 18, unit: 'celsius', conditions: 'partly cloudy' };
    el.clientTools = { get_weather: async () => weather };
    const outcome = await el.send("What's the weather in Paris right now?");
    expect(outcome.status).to.equal('complete');
    expect(outcome.message?.content).to.equal(expected.expected_final_text);
    const bodies = (await requestsFor(id)).filter((r) => r.path.endsWith('/v1/responses')).map((r) => r.body as Record<string, unknown>);
    expect(bodies).to.have.length(2);
    expect(bodies[1]).to.deep.equal({
      model: 'llama3.2:3b',
      input: [{ type: 'function_call_output', call_id: 'call_x7kq2m9d', output: JSON.stringify(weather) }],
      conversation: CONV,
      stream: true,
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} } }],
    });
    expect(el.messages).to.have.length(2);
    expect(el.messages[1].toolCalls.map((c) => [c.toolName, c.status])).to.deep.equal([['get_weather', 'done']]);
  });

  it('commits the DOM at most once per frame in Responses mode too', async () => {
    const deltas = Array.from({ length: 300 }, (_, i) => `w${i} `);
    const frames = responseFrames(deltas);
    const { baseUrl } = await ogx({
      turns: [{ chunks: responseFrames(['warm']) }, { chunks: [frames.slice(0, 151).join(''), ...frames.slice(151)], chunkDelayMs: 2 }],
    });
    const el = await chatOn(baseUrl);
    await el.send('warm up');
    await el.updateComplete;
    const { result: outcome, renders } = await recordRenders(el, () => el.send('Hi'));
    expect(outcome.message?.content).to.equal(deltas.join(''));
    expectAtMostOncePerFrame(renders);
    expect(renders.length).to.be.lessThan(deltas.length / 4);
  });
});
