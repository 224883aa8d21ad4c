// The project stands alone: nothing in src/, test/, demo/, bench/, scripts/ or the build configuration may
// read a file outside the repository. A clone with nothing beside it must install, build and test, so a
// relative path that climbs out of the repository (`../../../elsewhere/...`), a sibling folder named by
// path, or an absolute path into the workplace fails here, with the file and line to fix.
//
// A static check: every string literal made of `..` segments is resolved against its file's folder and must
// stay inside the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED_DIRS = ['src', 'test', 'demo', 'bench', 'scripts', '.ci'];
const SCANNED_EXTENSIONS = /\.(?:[cm]?[jt]s|json|html|sh)$|^run$/;
const SKIPPED = new Set(['node_modules', 'dist', 'fixtures']);

/** Every file under `dir` that the check reads. @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : filesUnder(full);
    return SCANNED_EXTENSIONS.test(entry.name) ? [full] : [];
  });
}

function scannedFiles() {
  const topLevel = fs
    .readdirSync(ROOT)
    .filter((name) => /\.config\.[cm]?[jt]s$/.test(name) || name === 'package.json')
    .map((name) => path.join(ROOT, name));
  return [...topLevel, ...SCANNED_DIRS.flatMap((dir) => filesUnder(path.join(ROOT, dir)))];
}

/**
 * Places in `source` (a file at `file`) that point outside `root`: string literals whose `..` segments
 * climb out of it, and names of the workplace's shared folder. Pure, so it is tested on its own below.
 * @param {string} source @param {string} file @param {string} root
 * @returns {{ line: number, text: string }[]}
 */
export function pathsOutside(source, file, root) {
  const found = [];
  const lines = source.split('\n');
  lines.forEach((text, index) => {
    const trimmed = text.trim();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('#')) return; // comments may say anything
    if (/\bshared\/reference\b|['"`]\/work\//.test(text)) {
      found.push({ line: index + 1, text: trimmed });
      return;
    }
    for (const match of text.matchAll(/(['"`])((?:\.\.?\/)*\.\.(?:\/[^'"`]*)?)\1/g)) {
      const literal = match[2];
      // a path relative to the file's folder, and `new URL(literal, import.meta.url)` alike
      const resolved = path.resolve(path.dirname(file), literal);
      const rel = path.relative(root, resolved);
      if (rel.startsWith('..') || path.isAbsolute(rel)) found.push({ line: index + 1, text: trimmed });
    }
  });
  return found;
}

test('the detector flags paths that climb out of the repository and passes those that stay inside', () => {
  const root = '/repo';
  const file = '/repo/test/node/support/openapi.js';
  assert.deepEqual(pathsOutside("new URL('../../fixtures/', import.meta.url)", file, root), []);
  assert.deepEqual(pathsOutside("const up = '../../..';", file, root), []);
  assert.equal(pathsOutside("new URL('../../../../elsewhere/reference/', import.meta.url)", file, root).length, 1);
  assert.equal(pathsOutside("fs.readFileSync('../../../../other/spec.yml')", file, root).length, 1);
  assert.equal(pathsOutside("const spec = 'x/shared/reference/a.yml';", '/repo/a.js', root).length, 1);
  assert.equal(pathsOutside("readFileSync('/work/shared/README.md')", '/repo/a.js', root).length, 1);
  assert.deepEqual(pathsOutside('// see ../../../elsewhere/reference/README.md', file, root), []);
});

test('no source, test, demo or build file reads outside the repository', () => {
  const files = scannedFiles().filter((file) => file !== fileURLToPath(import.meta.url)); // its samples above
  assert.ok(files.length > 50, `scanned ${files.length} files`);
  const offenders = files.flatMap((file) =>
    pathsOutside(fs.readFileSync(file, 'utf8'), file, ROOT).map(({ line, text }) => `${path.relative(ROOT, file)}:${line}: ${text}`),
  );
  assert.deepEqual(offenders, [], `files that read outside the repository:\n${offenders.join('\n')}`);
});
