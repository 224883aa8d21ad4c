import { expect, fixture, html } from '@open-wc/testing';
import '../../support/axe-wcag22.js';
import type { LlamaAgentChat } from '../../../src/index.js';
import { chatFor, events, frame, mockUrl, openGate, part, renderedMessages, scriptedAgent, turnFrames, until } from '../../support/mock.js';

/**
 * axe (WCAG 2.x A and AA rules, as @open-wc/testing runs it) in every state the chat can be in, in
 * both themes: each `it` is one state.
 */
const storedTurn = (question: string, answer: string) => ({
  turn_id: `t-${question.length}`,
  session_id: 'known',
  input_messages: [{ role: 'user', content: question, context: null }],
  steps: [],
  output_message: { role: 'assistant', content: answer, stop_reason: 'end_of_turn', tool_calls: [] },
  output_attachments: [],
  started_at: '2026-11-24T00:00:00.000000Z',
  completed_at: '2026-11-24T00:00:01.000000Z',
});

describe('the axe run', () => {
  it('includes the WCAG 2.2 AA rules axe leaves off by default (target size)', async () => {
    const tiny = await fixture<HTMLDivElement>(html`<div>
      <button style="all: unset; display: inline-block; width: 10px; height: 10px" aria-label="a"></button><button
        style="all: unset; display: inline-block; width: 10px; height: 10px"
        aria-label="b"
      ></button>
    </div>`);
    await expect(tiny).not.to.be.accessible();
  });
});

for (const theme of ['light', 'dark'] as const) {
  describe(`<llama-agent-chat> accessibility, ${theme} theme`, () => {
    const themed = async (el: LlamaAgentChat) => {
      el.theme = theme;
      await el.updateComplete;
      return el;
    };

    it('is accessible when unconfigured (a notice)', async () => {
      const el = await themed(await fixture<LlamaAgentChat>(html`<llama-agent-chat></llama-agent-chat>`));
      expect(part(el, 'notice')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('is accessible when empty, with a title, an empty slot and suggestions', async () => {
      const el = await themed(await chatFor(await scriptedAgent({ chunks: turnFrames(['ok']) })));
      el.title = 'Support';
      el.suggestions = ['What can you do?', 'Opening hours'];
      el.innerHTML = '<p slot="empty">Ask us anything.</p>';
      await el.updateComplete;
      expect(part(el, 'suggestion')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('is accessible while loading history', async () => {
      const agent = await scriptedAgent({ history: [storedTurn('Hi', 'Hello')], chunks: turnFrames(['ok']) });
      const realFetch = window.fetch;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      // Hold the history request at the page's edge so the loading state lasts as long as axe needs.
      window.fetch = async (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes('/session/known')) await gate;
        return realFetch(input, init);
      };
      try {
        const el = await themed(await chatFor(agent, { sessionId: 'known' }));
        await until(() => part(el, 'transcript')!.textContent!.includes('Loading earlier messages'));
        await expect(el).to.be.accessible();
        release();
        await until(() => renderedMessages(el).length === 2);
      } finally {
        release();
        window.fetch = realFetch;
      }
    });

    it('is accessible while streaming and after an error', async () => {
      const agent = await scriptedAgent({
        turns: [
          {
            chunks: [frame(events.stepStart()), frame(events.text('Streaming text')), { gate: 'finish' }, ...turnFrames(['done']).slice(1)],
          },
          { status: 500, chunks: ['{"detail":"broken"}'] },
        ],
      });
      const el = await themed(await chatFor(agent));
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
      expect(part(el, 'retry-button')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('is accessible with markdown, an open tool card, a safety notice and a history notice', async () => {
      const body = await (await fetch(new URL('../../fixtures/llama-stack-0.3.5/server_tool.sse', import.meta.url))).text();
      const agent = await scriptedAgent({ chunks: [body] });
      const el = await themed(await chatFor(agent));
      await el.send('What is new in Node.js?');
      await el.updateComplete;
      for (const message of renderedMessages(el)) await message.updateComplete;
      const result = renderedMessages(el)[1].shadowRoot!.querySelector<HTMLDetailsElement>('[part~="tool-result"]')!;
      result.open = true;
      await expect(el).to.be.accessible();

      const gone = await themed(await chatFor('demo-agent', { sessionId: 'no-such-session' }));
      await until(() => gone.shadowRoot!.querySelector('[part~="new-session-button"]'), 'no notice');
      await expect(gone).to.be.accessible();
    });

    it('is accessible as a closed and as an open bubble', async () => {
      const agent = await scriptedAgent({ chunks: turnFrames(['A **reply**.']) });
      const el = await themed(
        await fixture<LlamaAgentChat>(html`<llama-agent-chat mode="bubble" base-url=${mockUrl()} agent-id=${agent}></llama-agent-chat>`),
      );
      await expect(el).to.be.accessible();
      await el.send('Hi');
      await el.updateComplete;
      expect(part(el, 'badge')).to.exist;
      await expect(el).to.be.accessible();
      el.open = true;
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });
}
