#!/usr/bin/env node
// Size map of the script-tag bundle: which module costs what in dist/llama-agent-chat.js.
//
//   npm run size            prints the map (builds the bundle with a hidden source map into a temp dir)
//   node bench/size-map.js --json
//
// Every byte of the minified bundle is attributed, through the source map, to the module it came from.
// "gzip share" divides the whole bundle's gzip size among modules in proportion to each module's
// gzip size on its own (gzip works across module boundaries, so a module's own gzip size is only an
// estimate of what removing it would save).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = 'llama-agent-chat.js';

/**
 * Generated text no mapping points into: almost all of it is our CSS, because the build's
 * minify-css-templates transform (vite.config.ts) returns no source map.
 */
const UNMAPPED = '(unmapped)';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = Object.fromEntries([...B64].map((c, i) => [c, i]));

/** Decodes one source-map `mappings` segment (base64 VLQ) into its numbers. */
function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = B64_VALUE[char];
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * Bytes of `code` per source of `map` (a parsed v3 source map). Pure: the generated text between one
 * mapping and the next belongs to the first one's source; text before any mapping is UNMAPPED.
 * @returns {Map<string, string>} source → the generated text attributed to it, in bundle order
 */
export function attribute(code, map) {
  const lines = code.split('\n');
  const out = new Map();
  const add = (source, text) => out.set(source, (out.get(source) ?? '') + text);
  let sourceIndex = 0;
  map.mappings.split(';').forEach((lineMappings, lineNo) => {
    const line = lines[lineNo] ?? '';
    let column = 0;
    const segments = [];
    for (const seg of lineMappings ? lineMappings.split(',') : []) {
      const [col, src] = decodeSegment(seg);
      column += col;
      if (src !== undefined) sourceIndex += src;
      segments.push({ column, source: src !== undefined ? map.sources[sourceIndex] : UNMAPPED });
    }
    if (segments.length === 0 || segments[0].column > 0) add(UNMAPPED, line.slice(0, segments[0]?.column ?? line.length));
    segments.forEach((s, i) => add(s.source, line.slice(s.column, segments[i + 1]?.column ?? line.length)));
    if (lineNo < lines.length - 1) add(segments.at(-1)?.source ?? UNMAPPED, '\n');
  });
  return out;
}

/** `../node_modules/lit-html/x.js` → `lit-html/x.js`; `../src/a/b.ts` → `src/a/b.ts`. */
function moduleName(source) {
  const s = source.replace(/\\/g, '/');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) return s.slice(nm + 'node_modules/'.length);
  const src = s.indexOf('src/');
  return src >= 0 ? s.slice(src) : s;
}

/** The package (or `ours`) a module belongs to. */
function groupOf(module) {
  if (module.startsWith('src/')) return 'ours (src/)';
  if (module === UNMAPPED) return 'ours: CSS (unmapped)';
  const parts = module.split('/');
  return module.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Builds the bundle with a hidden source map into a temp dir; the size map rows. */
export async function sizeMap() {
  const { build } = await import('vite');
  const outDir = mkdtempSync(path.join(tmpdir(), 'llama-agent-chat-size-'));
  try {
    await build({
      root: ROOT,
      configFile: path.join(ROOT, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, sourcemap: 'hidden', emptyOutDir: true },
    });
    const code = readFileSync(path.join(outDir, BUNDLE), 'utf8');
    const map = JSON.parse(readFileSync(path.join(outDir, `${BUNDLE}.map`), 'utf8'));
    const totalGzip = gzipSync(code, { level: 9 }).length;
    const rows = [...attribute(code, map)].map(([source, text]) => {
      const module = moduleName(source);
      return { module, group: groupOf(module), bytes: Buffer.byteLength(text), ownGzip: gzipSync(text, { level: 9 }).length };
    });
    const ownSum = rows.reduce((s, r) => s + r.ownGzip, 0);
    for (const r of rows) r.gzipShare = Math.round((r.ownGzip / ownSum) * totalGzip);
    rows.sort((a, b) => b.gzipShare - a.gzipShare);
    return { total: { bytes: Buffer.byteLength(code), gzip: totalGzip }, rows };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Rows summed per package (our own modules as one group). */
export function byGroup(rows) {
  const groups = new Map();
  for (const r of rows) {
    const g = groups.get(r.group) ?? { group: r.group, bytes: 0, gzipShare: 0 };
    g.bytes += r.bytes;
    g.gzipShare += r.gzipShare;
    groups.set(r.group, g);
  }
  return [...groups.values()].sort((a, b) => b.gzipShare - a.gzipShare);
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

/** The size map as markdown tables. */
export function sizeMapMarkdown({ total, rows }) {
  const lines = [
    `Whole bundle: ${kb(total.bytes)} minified, **${kb(total.gzip)} gzip** (level 9).`,
    '',
    '| package | minified | gzip share |',
    '| --- | ---: | ---: |',
    ...byGroup(rows).map((g) => `| ${g.group} | ${kb(g.bytes)} | ${kb(g.gzipShare)} |`),
    '',
    '| module | minified | gzip share | gzip alone |',
    '| --- | ---: | ---: | ---: |',
    ...rows.filter((r) => r.bytes >= 200).map((r) => `| ${r.module} | ${kb(r.bytes)} | ${kb(r.gzipShare)} | ${kb(r.ownGzip)} |`),
    '',
    `Modules under 200 bytes: ${rows.filter((r) => r.bytes < 200).length}, ${kb(rows.filter((r) => r.bytes < 200).reduce((s, r) => s + r.bytes, 0))} together.`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const map = await sizeMap();
  console.log(process.argv.includes('--json') ? JSON.stringify(map, null, 2) : sizeMapMarkdown(map));
}
