// What an adopter installs: `npm pack` ships dist/ (the two script bundles, the locale modules, the npm
// build and its types), the hand-written declarations in types/, the Custom Elements Manifest, README, LICENSE and
// CHANGELOG — and nothing else (no sources, tests, source maps or demo). Needs a build (`npm run build`;
// `npm ci` runs it through `prepare`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Each shipped path must match one of these. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^SECURITY\.md$/,
  /^custom-elements\.json$/,
  /^dist\/llama-agent-chat(\.iife)?\.js$/,
  /^dist\/npm\/index\.js$/,
  /^dist\/locales\/[\w-]+\.js$/,
  /^dist\/types\/[\w/.-]+\.d\.ts$/,
  /^types\/[\w.-]+\.d\.ts$/,
];

/** Files an adopter's import or the package's own fields point at. */
const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'SECURITY.md',
  'dist/llama-agent-chat.js',
  'dist/llama-agent-chat.iife.js',
  'dist/npm/index.js',
  ...['ar', 'de', 'es', 'fr', 'ja'].flatMap((lang) => [`dist/locales/${lang}.js`, `dist/types/i18n/locales/${lang}.d.ts`]),
  'dist/types/index.d.ts',
  'types/bundle-iife.d.ts',
  'types/element-props.d.ts',
  'types/react.d.ts',
  'types/svelte.d.ts',
  'types/vue.d.ts',
];

function packedFiles() {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist/npm/index.js')), 'dist/ is not built: run `npm run build` first');
  // --ignore-scripts: `prepare` would rebuild; the check is about what a build leaves in the package.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out)[0]
    .files.map((/** @type {{ path: string }} */ f) => f.path)
    .sort();
}

test('npm pack ships dist/, the types, the manifest, README, LICENSE, CHANGELOG and SECURITY, and nothing else', () => {
  const files = packedFiles();
  const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  assert.deepEqual(unexpected, [], 'files that should not ship');
  const missing = [...REQUIRED, ...(pkg.customElements ? [pkg.customElements.replace(/^\.\//, '')] : [])].filter((f) => !files.includes(f));
  assert.deepEqual(missing, [], 'files that must ship');
});

test('every path package.json points at is in the package', () => {
  const files = new Set(packedFiles());
  /** @param {unknown} target @returns {string[]} */
  const targets = (target) =>
    typeof target === 'string' ? [target] : target && typeof target === 'object' ? Object.values(target).flatMap(targets) : [];
  const pointed = [pkg.main, pkg.types, pkg.customElements, ...targets(pkg.exports)].filter((t) => t && !t.includes('*'));
  for (const target of pointed) assert.ok(files.has(target.replace(/^\.\//, '')), `${target} is not in the package`);
});

test('package.json says where the project lives, and how it is licensed', () => {
  assert.equal(pkg.license, 'MIT');
  assert.match(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
  const repo = pkg.repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '');
  assert.match(repo ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
  assert.equal(pkg.homepage, `${repo}#readme`);
  assert.equal(pkg.bugs?.url, `${repo}/issues`);
  assert.ok(Array.isArray(pkg.keywords) && pkg.keywords.includes('llama-stack') && pkg.keywords.includes('web-component'));
  assert.equal(pkg.type, 'module', 'ESM only');
  assert.equal(pkg.scripts.prepare, 'npm run build', 'a git install must build dist/');
});

test('every export that a bundler or TypeScript resolves has types, and the README paths resolve', () => {
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (subpath === './package.json' || subpath === './dist/*') continue;
    assert.equal(typeof target, 'object', `${subpath} has no conditions`);
    assert.ok(target.types, `${subpath} has no types`);
  }
  assert.equal(pkg.exports['./dist/*'], './dist/*');
  assert.equal(pkg.exports['./package.json'], './package.json');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const [, file] of readme.matchAll(/llama-agent-chat@[\w.^~-]+\/(dist\/[\w./-]+)/g)) {
    assert.ok(fs.existsSync(path.join(ROOT, file)), `the README points at ${file}, which the build does not make`);
  }
});

/** The one framework each framework entry may import. */
const FRAMEWORK_OF = { 'types/react.d.ts': 'react', 'types/vue.d.ts': 'vue', 'types/svelte.d.ts': 'svelte' };

test('the shipped declarations import only the package’s own files, lit, and each framework only from its own entry', () => {
  const entries = new Set(
    [pkg.types, ...Object.values(pkg.exports).map((t) => (typeof t === 'object' ? t.types : undefined))].filter(Boolean),
  );
  const seen = new Set();
  // A pattern export (`./locales/*`) stands for every file its pattern matches.
  const expand = (/** @type {string} */ entry) => {
    if (!entry.includes('*')) return [entry];
    const [dir, pattern] = [path.dirname(entry), path.basename(entry)];
    const [before, after] = pattern.split('*');
    const matches = fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.startsWith(before) && f.endsWith(after));
    assert.ok(matches.length, `${entry} matches no file`);
    return matches.map((f) => path.join(dir, f));
  };
  const queue = [...entries].flatMap(expand).map((e) => path.join(ROOT, e));
  const foreign = [];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    assert.ok(fs.existsSync(file), `${path.relative(ROOT, file)} is imported but missing`);
    const code = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const [, specifier] of code.matchAll(/(?:from|import)\s+'([^']+)'/g)) {
      if (specifier.startsWith('.')) queue.push(path.join(path.dirname(file), specifier.replace(/\.js$/, '.d.ts')));
      else if (!/^lit(\/|$)/.test(specifier) && FRAMEWORK_OF[path.relative(ROOT, file)] !== specifier.split('/')[0])
        foreign.push(`${path.relative(ROOT, file)}: ${specifier}`);
    }
  }
  // An adopter without that package (a dev dependency here) would get TS2307 under skipLibCheck: false;
  // only who imports llama-agent-chat/react (/vue, /svelte) has React (Vue, Svelte).
  assert.deepEqual(foreign, []);
});
