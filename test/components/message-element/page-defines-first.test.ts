// The page defines its own <chat-message> before the widget's script runs.
import { expect } from '@open-wc/testing';
import { engineHasScopedRegistries, expectPageElementIsPages, PagesOwnChatMessage } from './support.js';

customElements.define('chat-message', PagesOwnChatMessage);

const warnings: unknown[][] = [];
let widget: typeof import('../../../src/index.js');
let mock: typeof import('../../support/mock.js');

describe('a page that defined its own <chat-message> before the widget loaded', () => {
  before(async () => {
    const realWarn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      widget = await import('../../../src/index.js');
      mock = await import('../../support/mock.js');
    } finally {
      console.warn = realWarn;
    }
  });

  it('keeps its own element under the name', () => {
    expect(customElements.get('chat-message')).to.equal(PagesOwnChatMessage);
    expectPageElementIsPages();
  });

  it('gets a working chat whose messages are the widget’s own elements', async () => {
    const agent = await mock.scriptedAgent({ chunks: mock.turnFrames(['Hello ', 'from the agent']) });
    const el = await mock.chatFor(agent);
    const outcome = await el.send('Hi');
    expect(outcome.status).to.equal('complete');
    await el.updateComplete;
    const tag = engineHasScopedRegistries ? 'chat-message' : 'llama-agent-chat-message';
    const shown = [...el.shadowRoot!.querySelectorAll<InstanceType<typeof widget.ChatMessageElement>>(tag)];
    expect(shown.map((m) => m.sender)).to.deep.equal(['user', 'assistant']);
    for (const m of shown) {
      expect(m).to.be.instanceOf(widget.ChatMessageElement);
      expect(m.dataset.owner).to.equal(undefined);
    }
    await shown[1].updateComplete;
    expect(mock.shownText(shown[1])).to.equal('Hello from the agent');
    if (!engineHasScopedRegistries) expect(el.shadowRoot!.querySelectorAll('chat-message')).to.have.length(0);
  });

  it(
    engineHasScopedRegistries
      ? 'is not warned: the widget’s <chat-message> lives in its own registry'
      : 'is warned once that the widget renders its messages as <llama-agent-chat-message>',
    async () => {
      const agent = await mock.scriptedAgent({ chunks: mock.turnFrames(['Again']) });
      const second = await mock.chatFor(agent);
      await second.send('Hi');
      if (engineHasScopedRegistries) {
        expect(warnings).to.deep.equal([]);
        expect(customElements.get('llama-agent-chat-message')).to.equal(undefined);
      } else {
        expect(warnings).to.have.length(1);
        expect(String(warnings[0][0])).to.contain('<llama-agent-chat-message>');
        expect(customElements.get('llama-agent-chat-message')).to.equal(widget.ChatMessageElement);
      }
    },
  );
});
