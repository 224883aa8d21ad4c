import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../../src/index.js';
import {
  chatFor,
  events,
  frame,
  mockUrl,
  openGate,
  part,
  renderedMessages,
  requestsFor,
  scriptedAgent,
  shownError,
  shownText,
  turnFrames,
  until,
} from '../../support/mock.js';
import { trackLeaks } from '../../support/leaks.js';

const hanging = () => scriptedAgent({ chunks: [frame(events.stepStart()), frame(events.text('Partial'))], end: 'hang' });

async function untilStreamed(el: LlamaAgentChat, text: string) {
  await until(() => el.messages[1]?.content === text, `never streamed ${text}`);
  await el.updateComplete;
}

async function turnRequestClosed(agent: string) {
  await until(async () => {
    const turn = (await requestsFor(agent)).find((r) => r.path.endsWith('/turn'));
    return turn && !turn.open;
  }, 'the turn request was never closed');
}

describe('<llama-agent-chat> stop, removal and refusals', () => {
  it('stop() closes the request and keeps the partial reply as aborted', async () => {
    const agent = await hanging();
    const el = await chatFor(agent);
    const sent = el.send('Hi');
    await untilStreamed(el, 'Partial');
    el.stop();
    const outcome = await sent;
    expect(outcome.status).to.equal('aborted');
    expect(outcome.message?.content).to.equal('Partial');
    await el.updateComplete;
    const reply = renderedMessages(el)[1];
    expect(reply.status).to.equal('aborted');
    expect(shownText(reply)).to.equal('Partial');
    expect(shownError(reply)).to.equal('You stopped this reply.');
    await turnRequestClosed(agent);
  });

  it('turns Send into Stop while streaming, and the button stops the reply', async () => {
    const agent = await hanging();
    const el = await chatFor(agent);
    const button = part<HTMLButtonElement>(el, 'send-button')!;
    expect(button.textContent!.trim()).to.equal('Send');
    const sent = el.send('Hi');
    await untilStreamed(el, 'Partial');
    expect(button.textContent!.trim()).to.equal('Stop');
    expect(button.disabled).to.equal(false);
    button.click();
    expect((await sent).status).to.equal('aborted');
    await el.updateComplete;
    expect(button.textContent!.trim()).to.equal('Send');
  });

  it('stops the reply on Escape', async () => {
    const agent = await hanging();
    const el = await chatFor(agent);
    const sent = el.send('Hi');
    await untilStreamed(el, 'Partial');
    part(el, 'input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect((await sent).status).to.equal('aborted');
  });

  it('closes the request and every timer when removed mid-stream', async () => {
    const agent = await hanging();
    const el = await chatFor(agent);
    const errors: string[] = [];
    el.addEventListener('llama-chat-error', (e) => errors.push(e.detail.message));
    // Counts the widget's own timers, frames and requests: no idle timeout short enough to race the
    // stream on a loaded machine is needed to see one left running.
    const leaks = trackLeaks();
    try {
      const sent = el.send('Hi');
      await untilStreamed(el, 'Partial');
      el.remove();
      expect((await sent).status).to.equal('aborted');
      await turnRequestClosed(agent);
      expect(leaks.live()).to.deep.equal([]);
    } finally {
      leaks.stop();
    }
    expect(errors).to.deep.equal([]);
    expect(el.streaming).to.equal(false);
  });

  it('refuses a second send while a turn streams, without a second request', async () => {
    const agent = await hanging();
    const el = await chatFor(agent);
    const sent = el.send('first');
    let refused: unknown;
    await el.send('second').catch((e) => (refused = e));
    expect(String(refused)).to.contain('still streaming');
    await untilStreamed(el, 'Partial');
    expect((await requestsFor(agent)).filter((r) => r.path.endsWith('/turn'))).to.have.length(1);
    expect(el.messages.map((m) => m.content)).to.deep.equal(['first', 'Partial']);
    el.stop();
    await sent;
  });

  it('says which attribute is missing and refuses to send until configured', async () => {
    const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat></llama-agent-chat>`);
    expect(part(el, 'notice')!.textContent).to.contain('Set the base-url and agent-id (Agents API) or model attributes');
    let refused: unknown;
    await el.send('Hi').catch((e) => (refused = e));
    expect(String(refused)).to.contain('base-url and agent-id');
    el.baseUrl = mockUrl();
    await el.updateComplete;
    expect(part(el, 'notice')!.textContent).to.contain('Set the agent-id (Agents API) or model attribute');
    el.api = 'responses';
    await el.updateComplete;
    expect(part(el, 'notice')!.textContent).to.contain('Set the model attribute');
    el.api = 'agents';
    await el.updateComplete;
    expect(part(el, 'notice')!.textContent).to.contain('Set the agent-id attribute');
    el.agentId = 'demo-agent';
    await el.updateComplete;
    expect(part(el, 'notice')).to.equal(null);
  });

  it('sticks to the bottom while streaming, unless the user scrolled up', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Line ${i}\n`);
    const agent = await scriptedAgent({
      turns: [
        { chunks: turnFrames(long) },
        {
          chunks: [frame(events.stepStart()), ...long.map((l) => frame(events.text(l))), { gate: 'end' }, ...turnFrames(['end']).slice(1)],
        },
      ],
    });
    const el = await chatFor(agent);
    el.style.setProperty('--llama-chat-height', '300px');
    await el.send('first');
    await el.updateComplete;
    const transcript = part(el, 'transcript')!;
    expect(transcript.scrollHeight).to.be.greaterThan(transcript.clientHeight);
    const distanceFromBottom = () => transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight;
    await until(() => distanceFromBottom() < 2, 'the transcript did not follow the reply to the bottom');

    const sent = el.send('second');
    await until(() => el.messages[3]?.content.includes('Line 59'));
    transcript.scrollTop = 0;
    transcript.dispatchEvent(new Event('scroll'));
    await openGate(agent, 'end');
    await sent;
    await el.updateComplete;
    await nextFrame();
    await nextFrame();
    expect(transcript.scrollTop).to.equal(0);
    expect(distanceFromBottom()).to.be.greaterThan(100);
  });
});
