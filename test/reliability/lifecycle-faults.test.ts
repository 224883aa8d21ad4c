import { expect } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../src/index.js';
import { chatFor, events, frame, renderedMessages, requestsFor, scriptedAgent, shownText, turnFrames, until } from '../support/mock.js';
import { trackLeaks } from '../support/leaks.js';

const hangingTurn = (text: string) => ({ chunks: [frame(events.stepStart()), frame(events.text(text))], end: 'hang' as const });

async function allClosed(agent: string) {
  await until(async () => (await requestsFor(agent)).every((r) => !r.open), 'a request stayed open');
}

async function expectNothingLeft(leaks: ReturnType<typeof trackLeaks>) {
  await until(() => leaks.live().length === 0).catch(() => undefined);
  expect(leaks.live()).to.deep.equal([]);
  expect(leaks.uncaught).to.deep.equal([]);
}

describe('lifecycle faults', () => {
  it('stop() twice ends the reply once, keeping the partial text', async () => {
    const agent = await scriptedAgent(hangingTurn('Partial'));
    const el = await chatFor(agent);
    const leaks = trackLeaks();
    try {
      const ended: string[] = [];
      el.addEventListener('llama-chat-turn-complete', (e) => ended.push(e.detail.status));
      const sent = el.send('Hi');
      await until(() => el.messages[1]?.content === 'Partial');
      el.stop();
      el.stop();
      const outcome = await sent;
      expect(outcome.status).to.equal('aborted');
      expect(ended).to.deep.equal(['aborted']);
      expect(el.messages.map((m) => m.content)).to.deep.equal(['Hi', 'Partial']);
      await allClosed(agent);
      await expectNothingLeft(leaks);
    } finally {
      leaks.stop();
    }
  });

  it('send() while streaming is refused and neither message is lost', async () => {
    const agent = await scriptedAgent({ turns: [hangingTurn('First answer'), { chunks: turnFrames(['Second answer']) }] });
    const el = await chatFor(agent);
    const sent = el.send('first');
    const refused = await el.send('second').then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(refused).to.contain('still streaming');
    await until(() => el.messages[1]?.content === 'First answer');
    el.stop();
    await sent;
    expect((await el.send('second')).status).to.equal('complete');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['first', 'First answer', 'second', 'Second answer']);
    await allClosed(agent);
  });

  it('100 rapid send/stop cycles leave exactly 200 messages and no live request', async function () {
    this.timeout(60000);
    const agent = await scriptedAgent(hangingTurn('never finishes'));
    const el = await chatFor(agent);
    const leaks = trackLeaks();
    try {
      for (let i = 0; i < 100; i++) {
        const sent = el.send(`message ${i}`);
        el.stop();
        expect((await sent).status).to.equal('aborted');
      }
      expect(el.messages).to.have.length(200);
      expect(el.messages.filter((m) => m.sender === 'user').map((m) => m.content)).to.deep.equal(
        Array.from({ length: 100 }, (_, i) => `message ${i}`),
      );
      expect(el.messages.filter((m) => m.sender === 'assistant').every((m) => m.status === 'aborted')).to.equal(true);
      expect(el.streaming).to.equal(false);
      await allClosed(agent);
      await expectNothingLeft(leaks);
    } finally {
      leaks.stop();
    }
  });

  it('two widgets on one page never cross streams', async () => {
    const a = await scriptedAgent({ chunks: turnFrames(['Alpha ', 'one ', 'two'].flatMap((d) => [d])), chunkDelayMs: 15 });
    const b = await scriptedAgent({ chunks: turnFrames(['Beta ', 'three ', 'four']), chunkDelayMs: 15 });
    const [elA, elB] = [await chatFor(a), await chatFor(b)];
    const [outA, outB] = await Promise.all([elA.send('to A'), elB.send('to B')]);
    expect(outA.message?.content).to.equal('Alpha one two');
    expect(outB.message?.content).to.equal('Beta three four');
    await Promise.all([elA.updateComplete, elB.updateComplete]);
    expect(renderedMessages(elA).map((m) => m.content)).to.deep.equal(['to A', 'Alpha one two']);
    expect(renderedMessages(elB).map((m) => m.content)).to.deep.equal(['to B', 'Beta three four']);
    expect(shownText(renderedMessages(elB)[1])).to.equal('Beta three four');
  });

  it('re-configuring agent-id mid-stream ends the old request and starts a clean conversation', async () => {
    const old = await scriptedAgent(hangingTurn('Old partial'));
    const next = await scriptedAgent({ chunks: turnFrames(['New ', 'answer']) });
    const el: LlamaAgentChat = await chatFor(old);
    const leaks = trackLeaks();
    try {
      const sent = el.send('Hi');
      await until(() => el.messages[1]?.content === 'Old partial');
      el.agentId = next;
      const outcome = await sent;
      expect(outcome.status).to.equal('aborted');
      expect(outcome.message?.content).to.equal('Old partial');
      await allClosed(old);
      await el.updateComplete;
      expect(el.messages).to.deep.equal([]);
      expect((await el.send('Hi again')).message?.content).to.equal('New answer');
      await expectNothingLeft(leaks);
    } finally {
      leaks.stop();
    }
  });
});
