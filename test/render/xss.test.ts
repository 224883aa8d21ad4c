// Every known XSS vector (test/support/xss-vectors.ts), rendered in one go and
// in chunks, with and without allowImages, attached to the document: nothing
// runs, only allowlisted elements and attributes appear, every href/src has an
// allowed scheme, and the payload's text is still visible.
import { expect } from '@open-wc/testing';
import { renderMarkdownInto, type MarkdownOptions } from '../../src/render/markdown.js';
import { RENDERED_MARKUP, XSS_VECTORS, installXssProbe, settle } from '../support/xss-vectors.js';
import { prng } from '../../demo/mock/prng.js';

const ALLOWED = RENDERED_MARKUP;
const FIXED_VALUES: Record<string, string> = {
  target: '_blank',
  rel: 'noopener noreferrer',
  loading: 'lazy',
  decoding: 'async',
  referrerpolicy: 'no-referrer',
  disabled: '',
};
const XHTML = 'http://www.w3.org/1999/xhtml';

function randomChunks(text: string, seed: number): string[] {
  const rnd = prng(seed);
  const points = [...text];
  const out: string[] = [];
  for (let i = 0; i < points.length;) {
    const n = 1 + Math.floor(rnd() * 6);
    out.push(points.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

function renderInto(host: HTMLElement, chunks: readonly string[], options: MarkdownOptions): HTMLElement {
  const container = document.createElement('div');
  host.appendChild(container); // attached while it streams, as in the widget
  const md = renderMarkdownInto(container, options);
  for (const chunk of chunks) md.write(chunk);
  md.end();
  return container;
}

/** Problems with the rendered DOM; empty if it is clean. */
function audit(container: HTMLElement, options: MarkdownOptions): string[] {
  const problems: string[] = [];
  for (const el of container.querySelectorAll('*')) {
    const tag = el.localName;
    const allowed = ALLOWED[tag];
    if (!allowed || el.namespaceURI !== XHTML) {
      problems.push(`element <${tag}> (${el.namespaceURI})`);
      continue;
    }
    for (const { name, value } of el.attributes) {
      if (name !== 'part' && !allowed.includes(name)) problems.push(`attribute ${name}="${value}" on <${tag}>`);
      if (name in FIXED_VALUES && value !== FIXED_VALUES[name]) problems.push(`${name}="${value}" on <${tag}>`);
      if (name === 'href' || name === 'src') {
        let protocol = '';
        try {
          protocol = new URL(value).protocol;
        } catch {
          problems.push(`${name}="${value}" on <${tag}> is not an absolute URL`);
        }
        const ok = name === 'src' ? protocol === 'https:' && options.allowImages : /^(https?|mailto):$/.test(protocol);
        if (!ok) problems.push(`${name}="${value}" on <${tag}>`);
      }
      if (name === 'type' && value !== (tag === 'input' ? 'checkbox' : 'button')) problems.push(`type="${value}" on <${tag}>`);
      if (name === 'start' && !/^\d+$/.test(value)) problems.push(`start="${value}"`);
    }
    if (tag === 'input' && !el.hasAttribute('disabled')) problems.push('enabled <input>');
  }
  return problems;
}

/** What a reader sees: the text, plus the alt text of loaded images. */
const visibleText = (container: HTMLElement) =>
  container.textContent! + [...container.querySelectorAll('img')].map((img) => img.alt).join(' ');

describe('renderMarkdownInto: XSS vectors', () => {
  let fired: string[];
  let host: HTMLElement;
  before(() => {
    fired = installXssProbe();
  });
  beforeEach(() => {
    fired.length = 0; // (a late handler of an earlier test must not fail the next one)
    delete window.__xssFired;
    host = document.createElement('section');
    document.body.appendChild(host);
  });
  afterEach(() => host.remove());
  after(() => {
    delete window.__xss;
  });

  it('has at least 40 vectors with unique names, each name in its markdown', () => {
    expect(XSS_VECTORS.length).to.be.at.least(40);
    expect(new Set(XSS_VECTORS.map((v) => v.name)).size).to.equal(XSS_VECTORS.length);
    for (const { name, markdown } of XSS_VECTORS) {
      expect(name).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(markdown).to.contain(name);
    }
  });

  it('the probe works (a sanity check of the harness)', async () => {
    const script = document.createElement('script');
    script.textContent = "window.__xss('probe-check')";
    document.body.appendChild(script);
    script.remove();
    expect(fired).to.deep.equal(['probe-check']);
    fired.length = 0;
  });

  for (const { name, markdown } of XSS_VECTORS) {
    it(name, async () => {
      const rendered: Array<{ label: string; container: HTMLElement; options: MarkdownOptions; chunks: string[] }> = [];
      for (const allowImages of [false, true]) {
        const options = { allowImages };
        const variants: Array<[string, string[]]> = [
          ['whole', [markdown]],
          ['per code point', [...markdown]],
          ...[1, 2, 3].map((seed): [string, string[]] => [`random seed ${seed}`, randomChunks(markdown, seed)]),
        ];
        for (const [label, chunks] of variants) {
          rendered.push({ label: `${label}, allowImages ${allowImages}`, container: renderInto(host, chunks, options), options, chunks });
        }
      }
      await settle();
      expect(fired, 'payload executed').to.deep.equal([]);
      expect(window.__xssFired, 'payload executed').to.equal(undefined);
      const whole = new Map<boolean, string>();
      for (const { label, container, options, chunks } of rendered) {
        expect(audit(container, options), `${label}: ${container.innerHTML}`).to.deep.equal([]);
        expect(visibleText(container), `${label}: the payload's text is visible`).to.contain(name);
        const html = container.innerHTML;
        if (!whole.has(!!options.allowImages)) whole.set(!!options.allowImages, html);
        else if (whole.get(!!options.allowImages) !== html) {
          expect.fail(`${label}: differs from the whole render; chunks: ${JSON.stringify(chunks)}`);
        }
      }
    });
  }

  it('all vectors in one reply, streamed in random chunks', async () => {
    const all = XSS_VECTORS.map((v) => v.markdown).join('\n\n');
    for (const allowImages of [false, true]) {
      const options = { allowImages };
      const whole = renderInto(host, [all], options);
      for (const seed of [11, 12, 13]) {
        const chunked = renderInto(host, randomChunks(all, seed), options);
        expect(chunked.innerHTML, `seed ${seed}`).to.equal(whole.innerHTML);
      }
      expect(audit(whole, options)).to.deep.equal([]);
    }
    await settle();
    expect(fired).to.deep.equal([]);
    // each vector's name survives somewhere in the combined rendering
    const text = visibleText(host.firstElementChild as HTMLElement) + visibleText(host.children[4] as HTMLElement);
    for (const { name } of XSS_VECTORS) expect(text, name).to.contain(name);
  });
});
