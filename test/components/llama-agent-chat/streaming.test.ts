import { expect } from '@open-wc/testing';
import type { ConversationMessage, LlamaAgentChat } from '../../../src/index.js';
import { expectAtMostOncePerFrame, recordRenders } from '../../support/frames.js';
import {
  chatFor,
  events,
  frame,
  oneEvent,
  openGate,
  renderedMessages,
  requestsFor,
  scriptedAgent,
  shownText,
  turnFrames,
  untilLastStatus,
  until,
} from '../../support/mock.js';

/** Base64 of UTF-8 bytes, so a test can cut a chunk in the middle of a multi-byte character. */
const bytes = (text: string) => new TextEncoder().encode(text);
const base64 = (data: Uint8Array) => btoa(String.fromCharCode(...data));

describe('<llama-agent-chat> streaming', () => {
  it('posts the turn to the Agents API with only the allowed headers and the documented body', async () => {
    const agent = await scriptedAgent({ sessionId: 'sess-1', chunks: turnFrames(['Hi']) });
    const el = await chatFor(agent);
    el.headers = { Authorization: 'Bearer secret-token' };
    await el.send('Hello there');
    const turn = (await requestsFor(agent)).find((r) => r.path.endsWith('/turn'))!;
    expect(turn.method).to.equal('POST');
    expect(turn.path).to.equal(`/v1alpha/agents/${agent}/session/sess-1/turn`);
    expect(turn.body).to.deep.equal({ messages: [{ role: 'user', content: 'Hello there' }], stream: true });
    expect(turn.headers['content-type']).to.equal('application/json');
    expect(turn.headers.accept).to.equal('text/event-stream');
    expect(turn.headers.authorization).to.equal('Bearer secret-token');
    const preflight = (await requestsFor(agent, { withPreflights: true })).find((r) => r.method === 'OPTIONS' && r.path.endsWith('/turn'));
    const asked = (preflight?.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim())
      .sort();
    expect(asked).to.deep.equal(['authorization', 'content-type']);
  });

  it('hands out messages frozen: the same array until the conversation changes, and page code cannot edit it', async () => {
    const agent = await scriptedAgent({ turns: [{ chunks: turnFrames(['First']) }, { chunks: turnFrames(['Second']) }] });
    const el = await chatFor(agent);
    await el.send('One');
    const messages = el.messages;
    expect(el.messages).to.equal(messages);
    expect(() => (messages as ConversationMessage[]).push(messages[0])).to.throw(TypeError);
    expect(() => (messages as ConversationMessage[]).sort()).to.throw(TypeError);
    expect(() => Object.assign(messages[1], { content: 'edited' })).to.throw(TypeError);
    await el.updateComplete;
    expect(renderedMessages(el).map(shownText)).to.deep.equal(['One', 'First']);
    await el.send('Two');
    expect(el.messages).to.not.equal(messages);
    expect(el.messages.map((m) => m.content)).to.deep.equal(['One', 'First', 'Two', 'Second']);
  });

  it('shows one placeholder at once, streams deltas into it, and ends with the final message', async () => {
    const agent = await scriptedAgent({
      chunks: [...turnFrames(['Hel', 'lo', ' world']).slice(0, 3), { gate: 'rest' }, ...turnFrames(['Hel', 'lo', ' world']).slice(3)],
    });
    const el = await chatFor(agent);
    const sent = el.send('Hi');
    await el.updateComplete;
    let shown = renderedMessages(el);
    expect(shown.map((m) => [m.sender, m.status])).to.deep.equal([
      ['user', 'complete'],
      ['assistant', 'streaming'],
    ]);
    expect(el.streaming).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part~="transcript"]')!.getAttribute('aria-busy')).to.equal('true');
    await openGate(agent, 'rest');
    const outcome = await sent;
    expect(outcome.status).to.equal('complete');
    expect(outcome.message?.content).to.equal('Hello world');
    await el.updateComplete;
    shown = renderedMessages(el);
    expect(shown).to.have.length(2);
    expect(shown[1].status).to.equal('complete');
    expect(shown[1].content).to.equal('Hello world');
    expect(shownText(shown[1])).to.equal('Hello world');
    expect(el.streaming).to.equal(false);
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Hi', 'Hello world']);
  });

  it('renders partial text while the stream is still open', async () => {
    const agent = await scriptedAgent({
      chunks: [frame(events.stepStart()), frame(events.text('Partial ')), frame(events.text('answer'))],
      end: 'hang',
    });
    const el = await chatFor(agent);
    const sent = el.send('Hi');
    // The markdown parser looks one character ahead, so the newest character shows with the next piece.
    await untilText(el, 'Partial answe');
    expect(renderedMessages(el)[1].status).to.equal('streaming');
    el.stop();
    expect((await sent).status).to.equal('aborted');
    await el.updateComplete;
    await renderedMessages(el)[1].updateComplete;
    expect(shownText(renderedMessages(el)[1])).to.equal('Partial answer');
  });

  it('reassembles events split inside a JSON string, inside a multi-byte character, with CRLF framing and no final blank line', async () => {
    const text = 'Grüße 👋🏽 from 東京 <scr' + 'ipt> & "quotes"';
    const frames = turnFrames([text.slice(0, 9), text.slice(9)], text).map((f) => f.replace(/\n/g, '\r\n'));
    const joined = frames.join('').replace(/\r\n\r\n$/, '');
    const all = bytes(joined);
    // Cut in the middle of the UTF-8 bytes of the emoji (4 bytes), and inside a JSON string.
    const emojiAt = all.indexOf(0xf0);
    const cuts = [37, emojiAt + 2, emojiAt + 9, all.length - 20];
    const chunks = [0, ...cuts].map((start, i) => ({ base64: base64(all.slice(start, [...cuts, all.length][i])) }));
    const agent = await scriptedAgent({ chunks });
    const el = await chatFor(agent);
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('complete');
    expect(outcome.message?.content).to.equal(text);
    await el.updateComplete;
    expect(shownText(renderedMessages(el)[1])).to.equal(text);
  });

  it('skips a malformed event line and goes on with the stream', async () => {
    const [start, ...rest] = turnFrames(['good ', 'text']);
    const agent = await scriptedAgent({ chunks: [start, 'data: {"event": {"payload": broken\n\n', 'data: not json at all\n\n', ...rest] });
    const el = await chatFor(agent);
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('complete');
    expect(outcome.message?.content).to.equal('good text');
  });

  it('ignores event types it does not know and logs raw events under debug', async () => {
    const [start, ...rest] = turnFrames(['a', 'b']);
    const agent = await scriptedAgent({ chunks: [start, frame({ event: { payload: { event_type: 'from_the_future', x: 1 } } }), ...rest] });
    const el = await chatFor(agent);
    el.debug = true;
    const logged: string[] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    try {
      const outcome = await el.send('Hi');
      expect(outcome.message?.content).to.equal('ab');
    } finally {
      console.debug = original;
    }
    expect(logged.some((line) => line.includes('from_the_future'))).to.equal(true);
    expect(logged.filter((line) => line.includes('"step_progress"'))).to.have.length(2);
  });

  it('logs nothing when debug is off', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['x']) });
    const el = await chatFor(agent);
    const original = console.debug;
    let calls = 0;
    console.debug = () => void calls++;
    try {
      await el.send('Hi');
    } finally {
      console.debug = original;
    }
    expect(calls).to.equal(0);
  });

  it('replaces the streamed answer with the final message when an output shield rewrote it', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['The secret ', 'answer'], "I can't answer that.") });
    const el = await chatFor(agent);
    const outcome = await el.send('Hi');
    expect(outcome.message?.content).to.equal("I can't answer that.");
    await el.updateComplete;
    expect(shownText(renderedMessages(el)[1])).to.equal("I can't answer that.");
  });

  it('ends with status awaiting-input when the agent asks for a client-side tool', async () => {
    const body = await (await fetch(new URL('../../fixtures/llama-stack-0.3.5/client_tool_awaiting.sse', import.meta.url))).text();
    const agent = await scriptedAgent({ chunks: [body.slice(0, 500), body.slice(500)] });
    const el = await chatFor(agent);
    const done = oneEvent(el, 'llama-chat-turn-complete');
    const outcome = await el.send("What's worth seeing near me?");
    expect(outcome.status).to.equal('awaiting-input');
    expect(outcome.error).to.contain('get_user_location');
    expect((await done).detail.status).to.equal('awaiting-input');
    expect(el.streaming).to.equal(false);
  });

  it('replays a recorded server-tool turn from a real 0.3.5 server to its expected answer', async () => {
    const base = new URL('../../fixtures/llama-stack-0.3.5/', import.meta.url);
    const body = await (await fetch(new URL('server_tool.sse', base))).text();
    const expected = await (await fetch(new URL('server_tool.json', base))).json();
    // Chunks of 97 bytes: boundaries land inside JSON strings, inside "data:" and between the two newlines.
    const chunks: string[] = [];
    for (let i = 0; i < body.length; i += 97) chunks.push(body.slice(i, i + 97));
    const agent = await scriptedAgent({ chunks, chunkDelayMs: 1 });
    const el = await chatFor(agent);
    const outcome = await el.send(expected.request.messages[0].content);
    expect(outcome.message?.content).to.equal(expected.expected_final_text);
    expect(outcome.message?.toolCalls.map((c) => c.toolName)).to.deep.equal(['brave_search']);
  });

  it('commits the DOM at most once per frame however fast the deltas come', async () => {
    // 400 deltas: half in one burst, the rest one per chunk, 2 ms apart (faster than frames).
    const deltas = Array.from({ length: 400 }, (_, i) => `w${i} `);
    const frames = turnFrames(deltas);
    const agent = await scriptedAgent({
      turns: [{ chunks: turnFrames(['warm-up']) }, { chunks: [frames.slice(0, 201).join(''), ...frames.slice(201)], chunkDelayMs: 2 }],
    });
    const el = await chatFor(agent);
    // A first turn resolves the protocol and creates the session, so only the measured turn renders below.
    await el.send('warm up');
    await el.updateComplete;
    const { result: outcome, renders } = await recordRenders(el, () => el.send('Hi'));
    expect(outcome.message?.content).to.equal(deltas.join(''));
    expectAtMostOncePerFrame(renders);
    expect(renders.length).to.be.lessThan(deltas.length / 4);
  });

  it('streams the demo agent’s markdown answer from the mock end to end, rendered as markdown', async () => {
    const el = await chatFor('demo-agent');
    const outcome = await el.send('Tell me something');
    expect(outcome.status).to.equal('complete');
    expect(outcome.message!.content).to.match(/^## /);
    const last = await untilLastStatus(el, 'complete');
    await last.updateComplete;
    const root = last.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.contain('Llama Stack');
    expect(root.querySelectorAll('ul > li')).to.have.length(3);
    expect(root.querySelector('pre code')!.textContent).to.contain('fetch(');
    expect(root.querySelector('a[href^="https://"]')!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(root.textContent).not.to.contain('**');
  });
});

async function untilText(el: LlamaAgentChat, text: string) {
  await until(() => {
    const messages = renderedMessages(el);
    const last = messages[messages.length - 1];
    return !!last && shownText(last) === text;
  }, `never showed ${text}`);
}
