// The main bundle must not grow per language: nothing outside src/i18n/locales imports a locale module.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const locales = path.join(root, 'src/i18n/locales');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

test('no module of the main bundle imports a locale module', () => {
  const importers = sources(path.join(root, 'src'))
    .filter((file) => !file.startsWith(locales))
    .filter((file) => /from\s+['"][^'"]*\/locales\/|import\s*\(\s*['"][^'"]*\/locales\//.test(readFileSync(file, 'utf8')));
  assert.deepEqual(importers, []);
});

test('every locale module registers itself and imports nothing but the registry and types', () => {
  const files = readdirSync(locales).filter((f) => f.endsWith('.ts'));
  assert.deepEqual(files.sort(), ['ar.ts', 'de.ts', 'es.ts', 'fr.ts', 'ja.ts']);
  for (const file of files) {
    const text = readFileSync(path.join(locales, file), 'utf8');
    const lang = file.slice(0, -3);
    assert.match(text, new RegExp(`registerLocale\\('${lang}', ${lang}\\);`), file);
    const imports = [...text.matchAll(/^import (type )?.* from '([^']+)';$/gm)].map((m) => `${m[1] ?? ''}${m[2]}`);
    assert.deepEqual(imports, ['../registry.js', 'type ../strings.js'], file);
  }
});
