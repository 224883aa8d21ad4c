// Equivalence under arbitrary chunking: for realistic replies, rendering the
// whole text with one write() + end() and rendering it in pieces must give the
// same DOM (compared as innerHTML). Chunkings: one code point at a time, splits
// around and inside every markdown marker, and ≥50 seeded random chunkings.
// A failure prints the seed and the chunk boundaries, so it reproduces.
import { expect } from '@open-wc/testing';
import { renderMarkdownInto } from '../../src/render/markdown.js';
import { prng } from '../../demo/mock/prng.js';

function renderChunks(chunks: readonly string[]): string {
  const c = document.createElement('div');
  const md = renderMarkdownInto(c);
  for (const chunk of chunks) md.write(chunk);
  md.end();
  return c.innerHTML;
}

/** Split `text` at the given UTF-16 offsets. */
function splitAt(text: string, offsets: Iterable<number>): string[] {
  const cuts = [...new Set(offsets)].filter((i) => i > 0 && i < text.length).sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    out.push(text.slice(from, cut));
    from = cut;
  }
  out.push(text.slice(from));
  return out;
}

/** Random chunking at code point boundaries; the chunk-size distribution varies with the seed. */
function randomChunks(text: string, seed: number): string[] {
  const rnd = prng(seed);
  const points = [...text];
  const maxLen = [2, 4, 8, 16, 64][seed % 5];
  const out: string[] = [];
  for (let i = 0; i < points.length;) {
    const n = 1 + Math.floor(rnd() * maxLen);
    out.push(points.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

/** Offsets around and inside every occurrence of `marker` (never inside a surrogate pair: markers are ASCII). */
function markerOffsets(text: string, marker: string): number[] {
  const offsets: number[] = [];
  for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + 1)) {
    for (let k = 0; k <= marker.length; k++) offsets.push(i + k);
  }
  return offsets;
}

const boundaries = (chunks: readonly string[]) => {
  let at = 0;
  const all = chunks.slice(0, -1).map((c) => (at += c.length));
  return all.length > 400 ? `${JSON.stringify(all.slice(0, 400)).slice(0, -1)},…]` : JSON.stringify(all);
};

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}:\n  whole:   …${JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))}\n  chunked: …${JSON.stringify(b.slice(Math.max(0, i - 80), i + 80))}`;
}

function expectSame(name: string, whole: string, chunks: string[], label: string) {
  const got = renderChunks(chunks);
  if (got !== whole) {
    expect.fail(
      `${name}: ${label} differs from a single write; chunk boundaries (UTF-16 offsets): ${boundaries(chunks)}\n` +
        firstDifference(whole, got),
    );
  }
}

const MARKERS = ['*', '**', '`', '```', '|', '[', '](', '~~', '_', '\n', '\r\n'];

// ---------------------------------------------------------------- replies
const EVERYTHING = `# Getting started with *Llama Stack*

Llama Stack gives you **one API** for inference, ***agents*** and tools — see the [official docs](https://llama-stack.readthedocs.io/en/latest/) or [the repo (GitHub)](https://github.com/meta-llama/llama-stack).
A single newline is a line break,  
and so is a trailing double space. Some ~~old~~ new \`inline code\` and \`\`code with a \` backtick\`\`.

## Install

1. Create a virtualenv:
   \`\`\`bash
   python -m venv .venv && source .venv/bin/activate
   \`\`\`
2. Install the client: \`pip install llama-stack-client\`
3. Check it:
   - run \`llama-stack-client --version\`
   - look for **0.3.x**
     - older? *upgrade* it

### A quick example

\`\`\`python
from llama_stack_client import LlamaStackClient

client = LlamaStackClient(base_url="http://localhost:8321")
models = client.models.list()
print(f"found {len(models)} models: \`{models[0].identifier}\`")
\`\`\`

> **Note:** the server must be running.
> Start it with \`llama stack run\`.

| Endpoint | Method | Purpose |
|----------|:------:|---------|
| \`/v1/models\` | GET | list models |
| \`/v1/agents\` | POST | create an **agent** |
| \`/v1/inference/chat-completion\` | POST | chat *completion* |

- [x] install the client
- [ ] create an agent
- [ ] ship it 🚀

---

Equations stay text: $E = mc^2$ and
$$
\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}
$$

![architecture diagram](https://127.0.0.1:9/arch.png) — and a bare link: https://example.com/path?q=1.
Dangerous ones stay text: [click](javascript:alert\`1\`), [rel](/docs/intro) and [x][y].
`;

const TABLES = `Here is the comparison you asked for:

| Model | Params | Context | Notes |
|-------|-------:|:-------:|-------|
| Llama 3.1 8B | 8B | 128k | fast, *cheap* |
| Llama 3.1 70B | 70B | 128k | **best** quality |
| Llama 3.2 3B | 3B | 128k | \`on-device\` |
| Llama Guard 3 | 8B | 8k | safety ~~only~~ |

And the pricing (per 1M tokens):

| Tier | Input | Output |
| --- | --- | --- |
| Free | $0 | $0 |
| Pro | [see site](https://example.com/pricing) | n/a |

Let me know if you need more columns | or rows.
`;

const NESTED_LISTS = `Plan:

- Phase 1
  - Research
    - Read the *papers*
    - Summarize **findings**
  - Prototype
    1. Build the \`agent\`
    2. Add tools
       - web search
       - code interpreter
- Phase 2
  1. Evaluate
  2. Iterate

10. Tenth item starts a list at ten
11. Eleventh

* star bullet
+ plus bullet

- [ ] open task
- [x] done task with [a link](https://example.com/done)
  - [ ] nested task
`;

const CODE_HEAVY = `Here is how to handle backticks in Markdown:

Inline: \`\`\`\`triple \`\`\` inside\`\`\`\` and \`a\` \`b\` \`\`c \`d\` e\`\`.

\`\`\`\`markdown
Use a fence:
\`\`\`js
console.log(\`template \${literal}\`);
\`\`\`
\`\`\`\`

\`\`\`ts
type Pipe = 'a' | 'b'; // a | pipe * star _under_ [bracket](paren) ~~tilde~~
const re = /\\*\\*(.+?)\\*\\*/g;
\`\`\`

    indented code block
    with two lines

\`\`\`
no language here
\`\`\`
`;

const CRLF = EVERYTHING.replace(/\n/g, '\r\n');

const INTERNATIONAL = `**Résumé:** the team 👩‍👩‍👧‍👦 shipped it! 👍🏽👍🏿 Great work, 🧑🏻‍💻 and 🏳️‍🌈.

*日本語のテキスト*と**中文文本**，还有한국어 텍스트。Emoji in a table:

| 絵文字 | 意味 |
|---|---|
| 👨‍🔬 | scientist |
| 🇺🇳 | flag |

Emphasis next to punctuation: (**bold**), "*quoted*", **bold**: *em*; ~~strike~~! and _under_.
Links with brackets and parentheses: [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar)) and [array[0]](https://example.com/a?x=[1]).
Arabic مرحبا and Hebrew שלום with \`code 🙂\` inline.
`;

const MESSY = `| not a table
just text after a pipe line
|---|
| a | b |
more text without blank line
* unterminated emphasis and **bold
\`unterminated code
[unterminated link](https://example.com
![unterminated image](https://127.0.0.1:9/x.png
<br> <br/> <b>html</b> \\*escaped\\* \\
> quote
>> nested quote
-- not a rule
***
___bold italic___
`;

const REPLIES: Record<string, string> = {
  everything: EVERYTHING,
  tables: TABLES,
  'nested lists': NESTED_LISTS,
  'code with backticks': CODE_HEAVY,
  'CRLF line endings': CRLF,
  'emoji, ZWJ, skin tones, CJK': INTERNATIONAL,
  'malformed and unterminated': MESSY,
};

const RANDOM_CHUNKINGS = 60;

describe('renderMarkdownInto: chunking equivalence', () => {
  for (const [name, text] of Object.entries(REPLIES)) {
    describe(name, () => {
      let whole = '';
      before(() => {
        whole = renderChunks([text]);
        expect(whole.length).to.be.greaterThan(100);
      });

      it('one code point at a time', () => {
        expectSame(name, whole, [...text], 'one code point per write');
      });

      it('one UTF-16 unit at a time, except inside surrogate pairs', () => {
        const offsets = [];
        for (let i = 1; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c < 0xdc00 || c > 0xdfff) offsets.push(i);
        }
        expectSame(name, whole, splitAt(text, offsets), 'one unit per write');
      });

      it('split around and inside every marker', () => {
        const all: number[] = [];
        for (const marker of MARKERS) {
          const offsets = markerOffsets(text, marker);
          all.push(...offsets);
          expectSame(name, whole, splitAt(text, offsets), `splitting at every ${JSON.stringify(marker)}`);
        }
        expectSame(name, whole, splitAt(text, all), 'splitting at every marker');
      });

      it(`${RANDOM_CHUNKINGS} seeded random chunkings`, () => {
        for (let i = 0; i < RANDOM_CHUNKINGS; i++) {
          const seed = 1000 + i;
          expectSame(name, whole, randomChunks(text, seed), `random chunking (seed ${seed})`);
        }
      });
    });
  }

  it('the replies render what they are meant to exercise', () => {
    const c = document.createElement('div');
    const md = renderMarkdownInto(c);
    md.write(EVERYTHING);
    md.end();
    for (const sel of [
      'h1',
      'h2',
      'h3',
      'p',
      'em',
      'strong',
      'del',
      'code',
      'pre',
      'button',
      'ol',
      'ul ul',
      'blockquote',
      'table',
      'th',
      'td',
      'input[type=checkbox]',
      'hr',
      'br',
      'a[href]',
      '[part="md-link-rejected"]',
      '[part="md-equation"]',
      '[part="md-equation-block"]',
      '[part="md-image-link"]',
    ]) {
      expect(c.querySelector(sel), sel).to.not.equal(null);
    }
    expect(renderChunks([CRLF])).to.equal(c.innerHTML);
  });
});
