import { expect, fixture, html } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../src/index.js';
import { chatFor, events, frame, renderedMessages, requestsFor, scriptedAgent, shownText, turnFrames, until } from '../support/mock.js';
import { trackLeaks } from '../support/leaks.js';

/** A turn that streams "Partial", pauses long enough for the test to move the element, then finishes. */
const pausing = () =>
  scriptedAgent({
    turns: [
      {
        chunks: [
          frame(events.stepStart()),
          frame(events.text('Partial')),
          { delayMs: 600 },
          frame(events.text(' and the rest')),
          frame(events.stepComplete('Partial and the rest')),
          frame(events.turnComplete('Partial and the rest')),
        ],
      },
      { chunks: turnFrames(['Second ', 'answer']) },
    ],
  });

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function untilStreamed(el: LlamaAgentChat, text: string) {
  await until(() => el.messages[1]?.content === text, `never streamed ${text}`);
}

async function turnRequests(agent: string) {
  return (await requestsFor(agent)).filter((r) => /\/turn$/.test(r.path));
}

describe('moving <llama-agent-chat> mid-stream', () => {
  it('keeps the reply streaming when moved to another parent in the same task', async () => {
    const agent = await pausing();
    const el = await chatFor(agent);
    const elsewhere = await fixture<HTMLDivElement>(html`<div></div>`);
    const sent = el.send('Hi');
    await untilStreamed(el, 'Partial');
    elsewhere.append(el);
    await nextTask();
    expect(el.streaming).to.equal(true);
    const outcome = await sent;
    expect(outcome.status).to.equal('complete');
    expect(outcome.message?.content).to.equal('Partial and the rest');
    await el.updateComplete;
    expect(renderedMessages(el).map((m) => m.content)).to.deep.equal(['Hi', 'Partial and the rest']);
    expect(shownText(renderedMessages(el)[1])).to.equal('Partial and the rest');
    expect(await turnRequests(agent)).to.have.length(1);
  });

  it('keeps the reply streaming when moved into a <dialog> that opens', async () => {
    const agent = await pausing();
    const el = await chatFor(agent);
    const dialog = await fixture<HTMLDialogElement>(html`<dialog></dialog>`);
    const sent = el.send('Hi');
    await untilStreamed(el, 'Partial');
    dialog.append(el);
    dialog.showModal();
    await nextTask();
    expect(el.streaming).to.equal(true);
    const outcome = await sent;
    dialog.close();
    expect(outcome.status).to.equal('complete');
    expect(outcome.message?.content).to.equal('Partial and the rest');
    expect(await turnRequests(agent)).to.have.length(1);
  });

  it('ends the request when the removal lasts past the task, and shows the kept partial reply when re-added', async () => {
    const agent = await pausing();
    const el = await chatFor(agent);
    const parent = el.parentElement!;
    const leaks = trackLeaks();
    try {
      const sent = el.send('Hi');
      await untilStreamed(el, 'Partial');
      el.remove();
      const outcome = await sent;
      expect(outcome.status).to.equal('aborted');
      expect(outcome.message?.content).to.equal('Partial');
      await until(async () => (await turnRequests(agent)).every((r) => !r.open), 'the turn request stayed open');
      expect(leaks.live()).to.deep.equal([]);
      expect(leaks.uncaught).to.deep.equal([]);
    } finally {
      leaks.stop();
    }
    parent.append(el);
    await el.updateComplete;
    const [user, reply] = renderedMessages(el);
    expect(user.content).to.equal('Hi');
    expect(reply.status).to.equal('aborted');
    expect(shownText(reply)).to.equal('Partial');
    const retried = await el.retry();
    expect(retried.status).to.equal('complete');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Hi', 'Second answer']);
  });

  it('treats a remove and re-add in separate tasks as a removal', async () => {
    const agent = await pausing();
    const el = await chatFor(agent);
    const parent = el.parentElement!;
    const sent = el.send('Hi');
    await untilStreamed(el, 'Partial');
    el.remove();
    await nextTask();
    await nextTask();
    parent.append(el);
    expect((await sent).status).to.equal('aborted');
    expect(el.streaming).to.equal(false);
  });
});
