import { expect, fixture, html } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../../src/index.js';
import { chatFor, events, frame, scriptedAgent, turnFrames, until } from '../../support/mock.js';

describe('<llama-agent-chat> accessibility', () => {
  it('is accessible when unconfigured', async () => {
    const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat></llama-agent-chat>`);
    await expect(el).to.be.accessible();
  });

  it('is accessible while streaming, after completion and after an error', async () => {
    const agent = await scriptedAgent({
      turns: [
        { chunks: [frame(events.stepStart()), frame(events.text('Streaming text')), { delayMs: 400 }, ...turnFrames(['done']).slice(1)] },
        { status: 500, chunks: ['{"detail":"broken"}'] },
      ],
    });
    const el = await chatFor(agent);
    const first = el.send('Hi');
    await until(() => el.messages[1]?.content === 'Streaming text');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await first;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await el.send('Again');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
