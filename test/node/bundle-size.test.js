// The script-tag bundle ships to every page that embeds the chat: it must stay within the budget in
// package.json ("sizeBudget": { "dist/<file>": <bytes gzip> }), the one place the budget lives.
//
// The bundle is built here, from the current source, into a temp dir (about a second): checking
// whatever sits in dist/ could pass on a stale build. Sizes are gzip level 9 through Node's zlib, which
// comes out a little larger than `gzip -9` (so the check errs on the strict side).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { attribute } from '../../bench/size-map.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const budget = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).sizeBudget ?? {};

test('package.json holds a size budget for the script-tag bundle', () => {
  assert.ok(Number.isInteger(budget['dist/llama-agent-chat.js']) && budget['dist/llama-agent-chat.js'] > 0, JSON.stringify(budget));
});

test('every budgeted bundle is within its gzip budget', async () => {
  const { build } = await import('vite');
  const outDir = mkdtempSync(path.join(tmpdir(), 'llama-agent-chat-budget-'));
  try {
    // the default mode builds dist/llama-agent-chat.js (see vite.config.ts)
    await build({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    for (const [file, limit] of Object.entries(budget)) {
      assert.match(file, /^dist\/[^/]+$/, `sizeBudget names ${file}: only files at the top of dist/ are built here`);
      const built = path.join(outDir, path.basename(file));
      const gzip = gzipSync(readFileSync(built), { level: 9 }).length;
      assert.ok(
        gzip <= limit,
        `${file} is ${gzip} bytes gzip, over its budget of ${limit} (package.json "sizeBudget"). ` +
          '`npm run size` shows which module costs what.',
      );
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

test('the size map gives each byte of the bundle to the module its source map names', () => {
  // "AAAA": column 0 → sources[0]; "GCAA": column +3 → sources[0+1]; next line "AAAA": column 0, same source
  const map = { sources: ['../src/a.ts', '../node_modules/lit/b.js'], mappings: 'AAAA,GCAA;AAAA' };
  const parts = attribute('abcdef\nxyz', map);
  assert.equal(parts.get('../src/a.ts'), 'abc');
  assert.equal(parts.get('../node_modules/lit/b.js'), 'def\nxyz');
  // text before the first mapping of a line belongs to no module
  const unmapped = attribute('..abc', { sources: ['a.ts'], mappings: 'EAAA' });
  assert.equal(unmapped.get('(unmapped)'), '..');
  assert.equal(unmapped.get('a.ts'), 'abc');
});
