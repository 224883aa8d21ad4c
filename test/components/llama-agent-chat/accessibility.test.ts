import { expect, fixture, html } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../../src/index.js';
import { chatFor, events, frame, openGate, renderedMessages, scriptedAgent, turnFrames, until } from '../../support/mock.js';

describe('<llama-agent-chat> accessibility', () => {
  it('is accessible when unconfigured', async () => {
    const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat></llama-agent-chat>`);
    await expect(el).to.be.accessible();
  });

  it('is accessible while streaming, after completion and after an error', async () => {
    const agent = await scriptedAgent({
      turns: [
        { chunks: [frame(events.stepStart()), frame(events.text('Streaming text')), { gate: 'finish' }, ...turnFrames(['done']).slice(1)] },
        { status: 500, chunks: ['{"detail":"broken"}'] },
      ],
    });
    const el = await chatFor(agent);
    const first = el.send('Hi');
    await until(() => el.messages[1]?.content === 'Streaming text');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await openGate(agent, 'finish');
    await first;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await el.send('Again');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('is accessible with markdown, tool cards, a safety notice and a history notice', async () => {
    const body = await (await fetch(new URL('../../fixtures/llama-stack-0.3.5/server_tool.sse', import.meta.url))).text();
    const agent = await scriptedAgent({ chunks: [body] });
    const el = await chatFor(agent);
    await el.send('What is new in Node.js?');
    await el.updateComplete;
    for (const message of renderedMessages(el)) await message.updateComplete;
    expect(renderedMessages(el)[1].shadowRoot!.querySelector('[part~="tool-card"]')).to.exist;
    await expect(el).to.be.accessible();

    const gone = await chatFor('demo-agent', { sessionId: 'no-such-session' });
    await until(() => gone.shadowRoot!.querySelector('[part~="new-session-button"]'), 'no notice');
    await expect(gone).to.be.accessible();
  });
});
