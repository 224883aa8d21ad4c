// The widget's script runs first; the page defines its own <chat-message> afterwards.
import { expect } from '@open-wc/testing';
import * as widget from '../../../src/index.js';
import { ChatMessageElement } from '../../../src/index.js';
import { chatFor, scriptedAgent, shownText, turnFrames } from '../../support/mock.js';
import { engineHasScopedRegistries, expectPageElementIsPages, PagesOwnChatMessage } from './support.js';

describe('a page that defines its own <chat-message> after the widget loaded', () => {
  let defineError: unknown;
  const warnings: unknown[][] = [];
  const realWarn = console.warn;

  before(async () => {
    // A chat exists before the page defines its element, as when an app registers its components late.
    const agent = await scriptedAgent({ chunks: turnFrames(['Before']) });
    const early = await chatFor(agent);
    await early.send('Hi');
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      customElements.define('chat-message', PagesOwnChatMessage);
    } catch (error) {
      defineError = error;
    }
  });
  after(() => {
    console.warn = realWarn;
  });

  if (engineHasScopedRegistries) {
    it('defines it: the widget left the page’s registry alone', () => {
      expect(defineError).to.equal(undefined);
      expect(customElements.get('chat-message')).to.equal(PagesOwnChatMessage);
      expectPageElementIsPages();
    });
  } else {
    it('finds the name taken where the engine has no scoped registries (the documented limit)', () => {
      expect(defineError).to.be.instanceOf(DOMException);
      expect((defineError as DOMException).name).to.equal('NotSupportedError');
      expect(customElements.get('chat-message')).to.equal(ChatMessageElement);
    });
  }

  it('still gets a working chat rendered with the widget’s own <chat-message>', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['After ', 'the page']) });
    const el = await chatFor(agent);
    expect((await el.send('Hi')).status).to.equal('complete');
    await el.updateComplete;
    const shown = [...el.shadowRoot!.querySelectorAll<ChatMessageElement>('chat-message')];
    expect(shown.map((m) => m.sender)).to.deep.equal(['user', 'assistant']);
    for (const m of shown) {
      expect(m).to.be.instanceOf(ChatMessageElement);
      expect(m.dataset.owner).to.equal(undefined);
    }
    await shown[1].updateComplete;
    expect(shownText(shown[1])).to.equal('After the page');
    expect(warnings).to.deep.equal([]);
    // The name before 0.2 is the same class, so `instanceof ChatMessage` in a page's code still holds.
    expect(shown[1]).to.be.instanceOf(widget.ChatMessage);
  });
});
