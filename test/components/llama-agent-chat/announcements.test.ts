import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { LlamaAgentChat } from '../../../src/index.js';
import { chatFor, events, frame, part, renderedMessages, scriptedAgent, turnFrames, until, untilLastStatus } from '../../support/mock.js';

const polite = (el: LlamaAgentChat) => el.shadowRoot!.querySelectorAll('[role="status"]');
const assertive = (el: LlamaAgentChat) => el.shadowRoot!.querySelector('[role="alert"]')!;
const active = (el: LlamaAgentChat) => el.shadowRoot!.activeElement;

/** Every text a node held, in order, as a screen reader would have been told. */
function recordTexts(node: Node): string[] {
  const seen: string[] = [node.textContent ?? ''];
  new MutationObserver(() => seen.push(node.textContent ?? '')).observe(node, { childList: true, subtree: true, characterData: true });
  return seen;
}

/** "Hello", a pause, then " **world**": markdown that renders as "Hello world". */
const helloWorld = [
  frame(events.stepStart()),
  frame(events.text('Hello')),
  { delayMs: 300 },
  frame(events.text(' **world**')),
  frame(events.stepComplete('Hello **world**')),
  frame(events.turnComplete('Hello **world**')),
];

describe('<llama-agent-chat> announcements and focus', () => {
  it('announces a finished reply once, as rendered text, through its one polite live region', async () => {
    const agent = await scriptedAgent({ chunks: helloWorld });
    const el = await chatFor(agent);
    expect(polite(el)).to.have.length(1);
    const transcript = part(el, 'transcript')!;
    expect(transcript.getAttribute('role')).to.equal('log');
    // The log itself is silent: otherwise every token would be read out.
    expect(transcript.getAttribute('aria-live')).to.equal('off');
    const region = polite(el)[0];
    const heard = recordTexts(region);
    const done = el.send('Hi');
    await until(() => el.messages[1]?.content === 'Hello');
    await el.updateComplete;
    expect(transcript.getAttribute('aria-busy')).to.equal('true');
    expect(region.textContent).to.equal('The assistant is replying.');
    await done;
    await until(() => region.textContent!.includes('world'));
    expect(transcript.getAttribute('aria-busy')).to.equal('false');
    expect(region.textContent).to.equal('The assistant replied: Hello world');
    const distinct = heard.filter((text, i) => text && text !== heard[i - 1]);
    expect(distinct).to.deep.equal(['The assistant is replying.', 'The assistant replied: Hello world']);
    expect(polite(el)).to.have.length(1);
    expect(assertive(el).textContent).to.equal('');
  });

  it('announces a failure assertively and not politely', async () => {
    const agent = await scriptedAgent({ status: 500, chunks: ['{"detail":"the model is down"}'] });
    const el = await chatFor(agent);
    await el.send('Hi');
    await el.updateComplete;
    expect(assertive(el).textContent).to.contain('the model is down');
    expect(polite(el)[0].textContent).to.not.contain('the model is down');
  });

  it('gives the streaming indicator a text alternative', async () => {
    const agent = await scriptedAgent({ chunks: [frame(events.stepStart()), { delayMs: 400 }, ...turnFrames(['late']).slice(1)] });
    const el = await chatFor(agent);
    const done = el.send('Hi');
    const message = await untilLastStatus(el, 'streaming');
    const typing = message.shadowRoot!.querySelector('[part~="typing"]')!;
    expect(typing.getAttribute('role')).to.equal('img');
    expect(typing.getAttribute('aria-label')).to.equal('The assistant is typing');
    await done;
  });

  it('keeps focus in the composer after sending with the Send button and after the reply', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    part<HTMLTextAreaElement>(el, 'input')!.focus();
    await sendKeys({ type: 'question' });
    const send = part<HTMLButtonElement>(el, 'send-button')!;
    send.focus();
    send.click();
    await untilLastStatus(el, 'complete');
    await el.updateComplete;
    expect(send.disabled).to.equal(true);
    expect(active(el)).to.equal(part(el, 'input'));
  });

  it('moves focus to the composer when Stop turns back into a disabled Send', async () => {
    const agent = await scriptedAgent({
      chunks: [frame(events.stepStart()), frame(events.text('partial')), { delayMs: 5000 }, ...turnFrames([]).slice(1)],
    });
    const el = await chatFor(agent);
    const done = el.send('Hi');
    await untilLastStatus(el, 'streaming');
    const stop = part<HTMLButtonElement>(el, 'send-button')!;
    stop.focus();
    stop.click();
    await done;
    await el.updateComplete;
    expect(active(el)).to.equal(part(el, 'input'));
  });

  it('moves focus to the composer when the Retry button it was on goes away', async () => {
    const agent = await scriptedAgent({ turns: [{ status: 500, chunks: ['{"detail":"x"}'] }, { chunks: turnFrames(['ok']) }] });
    const el = await chatFor(agent);
    await el.send('Hi');
    await el.updateComplete;
    const retry = part<HTMLButtonElement>(el, 'retry-button')!;
    retry.focus();
    retry.click();
    await untilLastStatus(el, 'complete');
    expect(part(el, 'retry-button')).to.equal(null);
    expect(active(el)).to.equal(part(el, 'input'));
  });

  it('moves focus to the composer after the new-conversation button starts a new session', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    el.title = 'Support';
    await el.send('Hi');
    await el.updateComplete;
    const button = part<HTMLButtonElement>(el, 'new-conversation-button')!;
    expect(button.textContent).to.equal('New conversation');
    button.focus();
    button.click();
    await el.updateComplete;
    expect(el.messages).to.have.length(0);
    expect(el.sessionId).to.equal(undefined);
    expect(active(el)).to.equal(part(el, 'input'));
  });

  it('stops the typing animation when the reader prefers reduced motion', async () => {
    const agent = await scriptedAgent({ chunks: [frame(events.stepStart()), { delayMs: 400 }, ...turnFrames(['late']).slice(1)] });
    const el = await chatFor(agent);
    const done = el.send('Hi');
    const message = await untilLastStatus(el, 'streaming');
    const dot = message.shadowRoot!.querySelector('[part~="typing"] span')!;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    expect(getComputedStyle(dot).animationName).to.equal(reduced ? 'none' : 'blink');
    // Emulation needs the Chrome DevTools Protocol; the other engines are checked against their own preference above.
    if (/Chrome\//.test(navigator.userAgent)) {
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        expect(getComputedStyle(dot).animationName).to.equal('none');
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    }
    await done;
  });

  it('is fully usable at 200% text size: nothing scrolls sideways', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['A reply with a rather long sentence that has to wrap inside the bubble.']) });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px; font-size: 200%"></div>`);
    const el = await chatFor(agent);
    wrapper.append(el);
    el.title = 'Support';
    el.suggestions = [];
    await el.send('A question that is long enough to wrap as well');
    await el.updateComplete;
    for (const m of renderedMessages(el)) await m.updateComplete;
    for (const name of ['container', 'transcript', 'composer', 'header']) {
      const node = part(el, name)!;
      expect(node.scrollWidth, name).to.be.at.most(node.clientWidth + 1);
    }
    const send = part(el, 'send-button')!.getBoundingClientRect();
    expect(send.right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
  });
});
