import { expect, fixture, html } from '@open-wc/testing';
import { renderMarkdownInto } from '../../../src/render/markdown.js';
import { prng } from '../../../demo/mock/prng.js';
import { chatFor, events, frame, openGate, renderedMessages, scriptedAgent, turnFrames, until } from '../../support/mock.js';

const REPLY = [
  '# Plan *for* `today`',
  '',
  '1. **Buy** ~~milk~~ oat milk',
  '   - check the [shop](https://example.com/shop?a=1&b=2)',
  '2. Call | not a table',
  '',
  '| a | b |',
  '|---|---|',
  '| `x|y` | **z** |',
  '',
  '> quoted *emphasis* and ![a cat](https://127.0.0.1:9/cat.png)',
  '',
  '```ts',
  'const s = `template ${1}`;',
  '```',
  'Done 🦙👩🏽‍💻 東京.',
].join('\n');

function chunk(text: string, seed: number): string[] {
  const next = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(next() * 7);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

function oneGo(text: string, allowImages = false): string {
  const container = document.createElement('div');
  const md = renderMarkdownInto(container, { allowImages });
  md.write(text);
  md.end();
  return container.innerHTML;
}

describe('<llama-agent-chat> markdown replies', () => {
  for (const seed of [1, 7, 42, 1234, 99999]) {
    it(`ends with the same DOM as rendering the final text in one go (network chunking, seed ${seed})`, async () => {
      const agent = await scriptedAgent({ chunks: turnFrames(chunk(REPLY, seed)), chunkDelayMs: 0 });
      const el = await chatFor(agent);
      await el.send('Plan my day');
      await el.updateComplete;
      const reply = renderedMessages(el)[1];
      await reply.updateComplete;
      expect(reply.shadowRoot!.querySelector('[part="content"]')!.innerHTML, `seed ${seed}`).to.equal(oneGo(REPLY));
    });
  }

  it('renders the final message from scratch when it does not continue what streamed (output shield)', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['**secret** ', 'plan'], 'I *cannot* share that.') });
    const el = await chatFor(agent);
    await el.send('Hi');
    await el.updateComplete;
    const reply = renderedMessages(el)[1];
    await reply.updateComplete;
    expect(reply.shadowRoot!.querySelector('[part="content"]')!.innerHTML).to.equal(oneGo('I *cannot* share that.'));
  });

  it('keeps nodes already rendered while the reply streams, so a selection survives', async () => {
    const agent = await scriptedAgent({
      chunks: [
        frame(events.stepStart()),
        frame(events.text('First paragraph.\n\n')),
        { gate: 'second' },
        frame(events.text('Second ')),
        frame(events.text('one.')),
      ],
      end: 'hang',
    });
    const el = await chatFor(agent);
    const sent = el.send('Hi');
    await until(() => renderedMessages(el)[1]?.shadowRoot?.querySelector('p')?.textContent === 'First paragraph.');
    const first = renderedMessages(el)[1].shadowRoot!.querySelector('p')!;
    const range = document.createRange();
    range.selectNodeContents(first);
    await openGate(agent, 'second');
    await until(() => (renderedMessages(el)[1].shadowRoot!.querySelectorAll('p').length ?? 0) === 2);
    expect(renderedMessages(el)[1].shadowRoot!.querySelector('p')).to.equal(first);
    expect(first.isConnected).to.equal(true);
    expect(range.toString()).to.equal('First paragraph.');
    el.stop();
    await sent;
  });

  it('shows images as links unless allow-images is set, and then loads only https images', async () => {
    const text = '![a cat](https://127.0.0.1:9/cat.png) and ![old](http://127.0.0.1:9/old.png)';
    const agent = await scriptedAgent({ chunks: turnFrames([text]) });
    const plain = await chatFor(agent);
    await plain.send('cat?');
    await plain.updateComplete;
    const shown = renderedMessages(plain)[1].shadowRoot!;
    expect(shown.querySelector('img')).to.equal(null);
    expect(shown.querySelector('a[part~="md-image-link"]')!.textContent).to.equal('Image: a cat');

    const allowing = await fixture(html`<div></div>`);
    const el = await chatFor(agent);
    el.setAttribute('allow-images', '');
    allowing.append(el);
    await el.send('cat?');
    await el.updateComplete;
    const root = renderedMessages(el)[1].shadowRoot!;
    const images = [...root.querySelectorAll('img')];
    expect(images.map((i) => i.getAttribute('src'))).to.deep.equal(['https://127.0.0.1:9/cat.png']);
    expect(images[0].getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(root.querySelector('a[part~="md-image-link"]')!.getAttribute('href')).to.equal('http://127.0.0.1:9/old.png');
  });

  it('renders user messages as plain text with their line breaks', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    await el.send('# not a heading\n*not emphasis*');
    await el.updateComplete;
    const user = renderedMessages(el)[0].shadowRoot!;
    expect(user.querySelector('h1, em')).to.equal(null);
    const content = user.querySelector('[part="content"]')!;
    expect(content.textContent).to.equal('# not a heading\n*not emphasis*');
    expect(getComputedStyle(content).whiteSpace).to.equal('pre-wrap');
  });
});
