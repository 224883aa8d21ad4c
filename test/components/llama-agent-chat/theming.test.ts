import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { LlamaAgentChat } from '../../../src/index.js';
import { contrast, edgeContrast, effectiveBackground, parseColor, textContrast } from '../../support/contrast.js';
import { chatFor, part, renderedMessages, scriptedAgent, turnFrames, untilLastStatus } from '../../support/mock.js';

const REPLY = 'See [the docs](https://example.com/docs).';

async function conversation(theme: 'light' | 'dark'): Promise<LlamaAgentChat> {
  const agent = await scriptedAgent({ turns: [{ chunks: turnFrames([REPLY]) }, { status: 500, chunks: ['{"detail":"broken"}'] }] });
  const el = await chatFor(agent);
  el.theme = theme;
  await el.send('Where are the docs?');
  await el.send('Again');
  await untilLastStatus(el, 'error');
  for (const m of renderedMessages(el)) await m.updateComplete;
  return el;
}

const inMessage = (el: LlamaAgentChat, index: number, selector: string) =>
  renderedMessages(el)[index].shadowRoot!.querySelector<HTMLElement>(selector)!;

/** Every ratio the test measured, printed once for the record. */
const measured: Record<string, number> = {};
after(() => console.log(`contrast ratios: ${JSON.stringify(measured)}`));

describe('<llama-agent-chat> theming', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`meets 4.5:1 for text and 3:1 for controls in the ${theme} theme`, async () => {
      const el = await conversation(theme);
      const input = part<HTMLTextAreaElement>(el, 'input')!;
      input.value = 'draft';
      input.dispatchEvent(new Event('input'));
      input.focus();
      await el.updateComplete;

      const bgLuminance =
        effectiveBackground(part(el, 'container')!)
          .slice(0, 3)
          .reduce((a, b) => a + b, 0) / 3;
      expect(bgLuminance, 'the palette did not switch').to.be[theme === 'light' ? 'above' : 'below'](200 * (theme === 'light' ? 1 : 0.25));

      const text: Record<string, Element> = {
        text: part(el, 'container')!,
        'user message': inMessage(el, 0, '[part~="bubble"]'),
        'assistant message': inMessage(el, 1, '[part~="bubble"]'),
        link: inMessage(el, 1, 'a'),
        error: inMessage(el, 3, '[part~="error"]'),
        'send button': part(el, 'send-button')!,
        'retry button': part(el, 'retry-button')!,
      };
      for (const [name, node] of Object.entries(text)) {
        const ratio = textContrast(node);
        measured[`${theme} ${name}`] = Math.round(ratio * 100) / 100;
        expect(ratio, `${name} text`).to.be.at.least(4.5);
      }
      const controls = {
        'input border': edgeContrast(input, 'borderTopColor'),
        'focus outline': edgeContrast(input, 'outlineColor'),
        'send button background': edgeContrast(part(el, 'send-button')!, 'backgroundColor'),
      };
      for (const [name, ratio] of Object.entries(controls)) {
        measured[`${theme} ${name}`] = Math.round(ratio * 100) / 100;
        expect(ratio, name).to.be.at.least(3);
      }

      const unconfigured = await fixture<LlamaAgentChat>(html`<llama-agent-chat theme=${theme}></llama-agent-chat>`);
      const ratio = textContrast(part(unconfigured, 'notice')!);
      measured[`${theme} notice`] = Math.round(ratio * 100) / 100;
      expect(ratio, 'notice text').to.be.at.least(4.5);
    });
  }

  it('follows prefers-color-scheme with theme="auto"', async () => {
    const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat></llama-agent-chat>`);
    expect(el.theme).to.equal('auto');
    const light = await fixture<LlamaAgentChat>(html`<llama-agent-chat theme="light"></llama-agent-chat>`);
    const dark = await fixture<LlamaAgentChat>(html`<llama-agent-chat theme="dark"></llama-agent-chat>`);
    const bg = (e: LlamaAgentChat) => getComputedStyle(part(e, 'container')!).backgroundColor;
    expect(bg(light)).to.not.equal(bg(dark));
    const expectScheme = () => expect(bg(el)).to.equal(bg(matchMedia('(prefers-color-scheme: dark)').matches ? dark : light));
    expectScheme();
    // Emulation needs the Chrome DevTools Protocol: the other engines are checked against their own preference above.
    if (/Chrome\//.test(navigator.userAgent)) {
      await emulateMedia({ colorScheme: 'dark' });
      try {
        expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
        expectScheme();
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
      expectScheme();
    }
  });

  it('keeps its layout and palette under aggressive global CSS and inherits the page font', async () => {
    const style = document.createElement('style');
    style.textContent = `
      * { box-sizing: content-box; line-height: 2; color: red; text-align: center; letter-spacing: 3px;
          text-transform: uppercase; margin: 7px; padding: 9px; font-family: Georgia, serif; white-space: pre; }
      button, textarea { all: unset; }
      llama-agent-chat { border: 5px solid lime; }`;
    document.head.append(style);
    try {
      const agent = await scriptedAgent({ chunks: turnFrames(['a reply']) });
      const el = await chatFor(agent);
      el.theme = 'light';
      await el.send('hello');
      await el.updateComplete;
      const container = part(el, 'container')!;
      const cs = getComputedStyle(container);
      expect(cs.fontFamily).to.equal(getComputedStyle(el).fontFamily);
      expect(cs.fontFamily).to.contain('Georgia');
      expect(parseFloat(cs.lineHeight) / parseFloat(cs.fontSize)).to.be.closeTo(1.5, 0.01);
      expect(parseColor(cs.color).slice(0, 3)).to.deep.equal([26, 26, 26]);
      expect([cs.textAlign, cs.letterSpacing, cs.textTransform, cs.whiteSpace]).to.deep.equal(['start', 'normal', 'none', 'normal']);

      // Everything stays inside the element's box.
      const host = el.getBoundingClientRect();
      const box = container.getBoundingClientRect();
      expect(box.top).to.be.at.least(host.top - 0.5);
      expect(box.bottom).to.be.at.most(host.bottom + 0.5);
      const composer = part(el, 'composer')!.getBoundingClientRect();
      expect(composer.bottom).to.be.at.most(box.bottom + 0.5);
      expect(composer.right).to.be.at.most(box.right + 0.5);
      expect(container.scrollWidth).to.be.at.most(container.clientWidth + 1);

      const send = part(el, 'send-button')!;
      const bs = getComputedStyle(send);
      expect(bs.boxSizing).to.equal('border-box');
      expect(parseFloat(bs.paddingLeft)).to.be.above(0);
      expect(contrast(parseColor(bs.color), parseColor(bs.backgroundColor))).to.be.at.least(4.5);
      expect(renderedMessages(el).map((m) => m.status)).to.deep.equal(['complete', 'complete']);
    } finally {
      style.remove();
    }
  });

  it('loads no fonts and imports no style sheets', async () => {
    const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat></llama-agent-chat>`);
    const rules = [...el.shadowRoot!.adoptedStyleSheets, ...el.shadowRoot!.styleSheets].flatMap((sheet) => [...sheet.cssRules]);
    expect(rules.length).to.be.above(0);
    expect(rules.filter((r) => r instanceof CSSFontFaceRule || r instanceof CSSImportRule)).to.deep.equal([]);
  });
});
