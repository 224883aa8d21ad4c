import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LlamaAgentChat } from '../../../src/index.js';
import { openSite } from '../../support/pages.js';
import { events, frame, mockUrl, part, renderedMessages, scriptedAgent, turnFrames, until, untilLastStatus } from '../../support/mock.js';

async function bubbleFor(agent: string, attrs: { position?: string; title?: string } = {}): Promise<LlamaAgentChat> {
  const el = await fixture<LlamaAgentChat>(
    html`<llama-agent-chat mode="bubble" base-url=${mockUrl()} agent-id=${agent}></llama-agent-chat>`,
  );
  if (attrs.position) el.setAttribute('position', attrs.position);
  if (attrs.title) el.title = attrs.title;
  await el.updateComplete;
  return el;
}

const launcher = (el: LlamaAgentChat) => part<HTMLButtonElement>(el, 'launcher')!;
const panel = (el: LlamaAgentChat) => part(el, 'container')!;
const shown = (node: Element) => node.getClientRects().length > 0;
const active = (el: LlamaAgentChat) => el.shadowRoot!.activeElement;

describe('<llama-agent-chat mode="bubble">', () => {
  it('shows only a named, collapsed launcher until opened', async () => {
    const el = await bubbleFor(await scriptedAgent({ chunks: turnFrames(['ok']) }));
    expect(el.getBoundingClientRect().height).to.equal(0);
    expect(shown(launcher(el))).to.equal(true);
    expect(launcher(el).getAttribute('aria-label')).to.equal('Chat');
    expect(launcher(el).getAttribute('aria-expanded')).to.equal('false');
    expect(shown(panel(el))).to.equal(false);
    expect(el.open).to.equal(false);
  });

  it('opens from the launcher into a labelled dialog with focus in the composer, and reflects open', async () => {
    const el = await bubbleFor(await scriptedAgent({ chunks: turnFrames(['ok']) }), { title: 'Ask us' });
    launcher(el).click();
    await until(() => active(el) === part(el, 'input'));
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(launcher(el).getAttribute('aria-expanded')).to.equal('true');
    expect(launcher(el).getAttribute('aria-label')).to.equal('Ask us');
    expect(shown(panel(el))).to.equal(true);
    expect(panel(el).getAttribute('role')).to.equal('dialog');
    expect(panel(el).getAttribute('aria-label')).to.equal('Ask us');
    expect(part(el, 'title')!.textContent).to.equal('Ask us');
    el.open = false;
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
    el.setAttribute('open', '');
    await el.updateComplete;
    expect(el.open).to.equal(true);
  });

  it('closes on Escape and on the close button, returning focus to the launcher', async () => {
    const el = await bubbleFor(await scriptedAgent({ chunks: turnFrames(['ok']) }));
    launcher(el).click();
    await until(() => active(el) === part(el, 'input'));
    await sendKeys({ press: 'Escape' });
    await until(() => !el.open);
    expect(shown(panel(el))).to.equal(false);
    expect(active(el)).to.equal(launcher(el));

    launcher(el).click();
    await until(() => el.open);
    const close = part<HTMLButtonElement>(el, 'close-button')!;
    expect(close.getAttribute('aria-label')).to.equal('Close');
    close.focus();
    close.click();
    await until(() => !el.open);
    expect(active(el)).to.equal(launcher(el));
  });

  it('keeps the conversation, the reply in progress and the draft while closed, and marks a reply that finished unseen', async () => {
    const agent = await scriptedAgent({
      chunks: [
        frame(events.stepStart()),
        frame(events.text('first half')),
        { delayMs: 1000 },
        ...turnFrames([' second half'], 'first half second half').slice(1),
      ],
    });
    const el = await bubbleFor(agent);
    el.open = true;
    await el.updateComplete;
    part<HTMLTextAreaElement>(el, 'input')!.focus();
    await sendKeys({ type: 'my draft' });
    const done = el.send('Question');
    await until(() => el.messages[1]?.content === 'first half');
    launcher(el).click();
    await until(() => !el.open);
    expect(el.streaming, 'the reply must still be streaming when the panel closes').to.equal(true);
    expect(part(el, 'badge')).to.equal(null);
    await done;
    await el.updateComplete;
    expect(shown(part(el, 'badge')!)).to.equal(true);
    expect(launcher(el).getAttribute('aria-label')).to.equal('Chat (new reply)');

    launcher(el).click();
    await until(() => el.open);
    expect(part(el, 'badge')).to.equal(null);
    expect(launcher(el).getAttribute('aria-label')).to.equal('Chat');
    expect(part<HTMLTextAreaElement>(el, 'input')!.value).to.equal('my draft');
    expect(el.messages.map((m) => [m.content, m.status])).to.deep.equal([
      ['Question', 'complete'],
      ['first half second half', 'complete'],
    ]);
    expect(renderedMessages(el)).to.have.length(2);
  });

  it('sits in the bottom-right corner by default and bottom-left on request', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const right = await bubbleFor(agent);
    const left = await bubbleFor(agent, { position: 'bottom-left' });
    const mid = innerWidth / 2;
    expect(launcher(right).getBoundingClientRect().left).to.be.above(mid);
    expect(launcher(left).getBoundingClientRect().right).to.be.below(mid);
    expect(innerHeight - launcher(left).getBoundingClientRect().bottom).to.be.below(40);
    left.open = true;
    await left.updateComplete;
    expect(panel(left).getBoundingClientRect().right).to.be.below(innerWidth - 40);
  });

  it('fills a narrow viewport and keeps Tab inside the panel there', async () => {
    const site = await openSite(
      { base: mockUrl(), agent: await scriptedAgent({ chunks: turnFrames(['ok']) }), mode: 'bubble' },
      { width: 360, height: 640 },
    );
    try {
      const el = site.chat();
      const win = site.frame.contentWindow!;
      launcher(el).click();
      await until(() => active(el) === part(el, 'input'));
      const box = panel(el).getBoundingClientRect();
      expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, win.innerWidth, win.innerHeight]);
      expect(panel(el).getAttribute('aria-modal')).to.equal('true');
      expect(win.document.documentElement.scrollWidth).to.be.at.most(win.innerWidth);
      // The send button is disabled (no draft): the text area is the last control, the close button the first.
      const tab = (from: Element, shiftKey: boolean) => {
        const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, composed: true, cancelable: true });
        from.dispatchEvent(event);
        return event.defaultPrevented;
      };
      expect(tab(part(el, 'input')!, false)).to.equal(true);
      expect(active(el)).to.equal(part(el, 'close-button'));
      expect(tab(part(el, 'close-button')!, true)).to.equal(true);
      expect(active(el)).to.equal(part(el, 'input'));
      // In between, Tab goes its usual way.
      expect(tab(part(el, 'input')!, true)).to.equal(false);
    } finally {
      site.remove();
    }
  });

  it('does not trap focus when the panel floats over a wide page', async () => {
    const el = await bubbleFor(await scriptedAgent({ chunks: turnFrames(['ok']) }));
    launcher(el).click();
    await until(() => active(el) === part(el, 'input'));
    expect(panel(el).getAttribute('aria-modal')).to.equal('false');
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, composed: true, cancelable: true });
    part(el, 'input')!.dispatchEvent(tab);
    expect(tab.defaultPrevented).to.equal(false);
  });
});

describe('<llama-agent-chat> header, empty state and suggestions', () => {
  it('shows the title in the header, or the header slot instead of it; no header without either inline', async () => {
    const plain = await fixture<LlamaAgentChat>(html`<llama-agent-chat></llama-agent-chat>`);
    expect(shown(part(plain, 'header')!)).to.equal(false);
    const titled = await fixture<LlamaAgentChat>(html`<llama-agent-chat title="Help desk"></llama-agent-chat>`);
    expect(part(titled, 'title')!.textContent).to.equal('Help desk');
    // `title` is HTML's tooltip attribute too: an empty title on the container stops the host's from
    // being the tooltip of everything inside (messages, the text area, buttons).
    expect(part(titled, 'container')!.getAttribute('title')).to.equal('');
    const slotted = await fixture<LlamaAgentChat>(
      html`<llama-agent-chat title="Help desk"><b slot="header">Custom head</b></llama-agent-chat>`,
    );
    await until(() => shown(part(slotted, 'header')!));
    const slot = part(slotted, 'header')!.querySelector('slot')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Custom head']);
    expect(shown(part(slotted, 'title')!)).to.equal(false);
    const onlySlot = await fixture<LlamaAgentChat>(html`<llama-agent-chat><b slot="header">Only slot</b></llama-agent-chat>`);
    await until(() => shown(part(onlySlot, 'header')!));
  });

  it('shows the empty slot and suggestions while empty; a suggestion sends itself', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['Opening hours are 9 to 5.']) });
    const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat base-url=${mockUrl()} agent-id=${agent}
      ><p slot="empty">Ask anything</p></llama-agent-chat
    >`);
    el.suggestions = ['When are you open?', 'Where are you?'];
    await el.updateComplete;
    const empty = part(el, 'empty')!;
    expect(shown(empty)).to.equal(true);
    expect(empty.querySelector('slot')!.assignedElements()[0].textContent).to.equal('Ask anything');
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="suggestion"]')];
    expect(buttons.map((b) => b.textContent)).to.deep.equal(['When are you open?', 'Where are you?']);
    buttons[0].focus();
    buttons[0].click();
    await untilLastStatus(el, 'complete');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['When are you open?', 'Opening hours are 9 to 5.']);
    expect(part(el, 'empty')).to.equal(null);
    expect(active(el)).to.equal(part(el, 'input'));
  });

  it('disables suggestions while the chat is not configured', async () => {
    const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat></llama-agent-chat>`);
    el.suggestions = ['Hello'];
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'suggestion')!.disabled).to.equal(true);
  });
});
