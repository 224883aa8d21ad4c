// The reply every contender streams: deterministic, markdown-rich (headings, prose with emphasis,
// inline code and links, nested lists, fenced code, tables), cut into tokens the way a model's
// deltas come (a word or a piece of one, with its leading space), and what a complete rendering of
// it must contain, so the bench can check that each contender really rendered all of it.
import { prng } from '../demo/mock/prng.js';

/** The last words of every reply: a contender that shows them rendered the end of the stream. */
export const END_MARKER = 'End of benchmark reply.';

/** How every reply starts: its first token is `Sure` (see FIRST_TOKEN_PROBE in pages/harness.js). */
const FIRST_WORDS = 'Sure, here is the benchmark reply.';

const WORDS = (
  'the agent streams every token of its answer while the reader follows along and the page stays ' +
  'responsive because each delta costs work in proportion to its own size rather than the whole reply ' +
  'so long answers remain smooth even on modest hardware with many other tabs open at once'
).split(' ');

function sentence(rand, words) {
  const out = [];
  for (let i = 0; i < words; i++) {
    let w = WORDS[Math.floor(rand() * WORDS.length)];
    const r = rand();
    if (r < 0.04) w = `**${w}**`;
    else if (r < 0.07) w = `*${w}*`;
    else if (r < 0.09) w = `\`${w}()\``;
    else if (r < 0.1) w = `[${w}](https://example.com/${w})`;
    out.push(w);
  }
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function paragraph(rand) {
  const n = 2 + Math.floor(rand() * 3);
  return Array.from({ length: n }, () => sentence(rand, 8 + Math.floor(rand() * 10))).join(' ');
}

/** One section of the reply (about 300 tokens) and what it adds to the expected DOM. */
function section(rand, index) {
  const parts = [`## Section ${index + 1}: ${sentence(rand, 3).slice(0, -1)}`, paragraph(rand)];
  const stats = { headings: 1, codeBlocks: 0, tables: 0 };
  parts.push(
    [
      '- ' + sentence(rand, 6),
      '- ' + sentence(rand, 5),
      '  - ' + sentence(rand, 4),
      '  - ' + sentence(rand, 4),
      '- ' + sentence(rand, 7),
    ].join('\n'),
  );
  parts.push(paragraph(rand));
  if (index % 2 === 0) {
    parts.push(
      [
        '```ts',
        `export function step${index}(input: string[]): number {`,
        '  let total = 0;',
        '  for (const item of input) total += item.length * 2;',
        `  return total + ${index};`,
        '}',
        '```',
      ].join('\n'),
    );
    stats.codeBlocks++;
  } else {
    parts.push(
      [
        '| name | tokens | ratio |',
        '| --- | ---: | ---: |',
        `| alpha | ${index * 10} | 0.${index % 10}5 |`,
        `| beta | ${index * 20} | 1.${index % 10}0 |`,
        `| gamma | ${index * 30} | 2.${index % 10}5 |`,
      ].join('\n'),
    );
    stats.tables++;
  }
  parts.push('1. ' + sentence(rand, 6) + '\n2. ' + sentence(rand, 6) + '\n3. ' + sentence(rand, 5));
  parts.push(paragraph(rand));
  return { text: parts.join('\n\n'), stats };
}

/**
 * Cuts text into model-like tokens: a run of spaces goes with the word after it, and words longer
 * than four characters are cut into pieces of at most four (so markdown markers and words split
 * anywhere, as real deltas do).
 */
export function tokenize(text) {
  const tokens = [];
  for (const match of text.matchAll(/\s*\S+|\s+$/g)) {
    const piece = match[0];
    const lead = piece.length - piece.trimStart().length;
    let start = 0;
    let end = Math.min(piece.length, lead + 4);
    while (start < piece.length) {
      tokens.push(piece.slice(start, end));
      start = end;
      end = Math.min(piece.length, start + 4);
    }
  }
  return tokens;
}

const cache = new Map();

/**
 * The reply of about `tokens` tokens (sections are added until the count is reached, then the end
 * marker): `{ text, tokens: string[], expect: { headings, codeBlocks, tables, marker } }`.
 */
export function makeReply(tokens, seed = 13) {
  const key = `${tokens}:${seed}`;
  if (cache.has(key)) return cache.get(key);
  const rand = prng(seed);
  const sections = [];
  const expect = { headings: 0, codeBlocks: 0, tables: 0, marker: END_MARKER };
  let count = 0;
  for (let i = 0; count < tokens; i++) {
    const s = section(rand, i);
    sections.push(s.text);
    expect.headings += s.stats.headings;
    expect.codeBlocks += s.stats.codeBlocks;
    expect.tables += s.stats.tables;
    count += tokenize(s.text + '\n\n').length;
  }
  const text = `${FIRST_WORDS}\n\n${sections.join('\n\n')}\n\n${END_MARKER}`;
  const reply = { text, tokens: tokenize(text), expect };
  cache.set(key, reply);
  return reply;
}

/**
 * A short markdown reply (about 60–110 tokens) for the history and the many-turns run: prose, a
 * list, and on every third one a code block. `i` varies it.
 */
export function shortReply(i) {
  const rand = prng(1000 + i);
  const parts = [paragraph(rand), ['- ' + sentence(rand, 5), '- ' + sentence(rand, 6), '- ' + sentence(rand, 4)].join('\n')];
  if (i % 3 === 0) parts.push(['```js', `const answer${i} = items.map((item) => item.size * ${i});`, '```'].join('\n'));
  return parts.join('\n\n');
}
