// The main bundle must not grow per language: nothing outside src/i18n/locales imports a locale module.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const locales = path.join(root, 'src/i18n/locales');

/** Every source file the main bundle pulls in, following relative imports from src/index.ts. */
function mainBundleModules() {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // Value imports and re-exports only: `import type` / `export type` ship nothing.
    for (const m of text.matchAll(/^(?:import|export) (?!type )[^;]*? from '(\.[^']+)';$/gms)) {
      visit(path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.ts')));
    }
  };
  visit(path.join(root, 'src/index.ts'));
  return [...seen].map((f) => path.relative(root, f));
}

test('the main bundle includes no locale module and no sentence translator', () => {
  const modules = mainBundleModules();
  assert.ok(modules.includes('src/i18n/strings.ts') && modules.includes('src/i18n/registry.ts'), modules.join(', '));
  assert.deepEqual(
    modules.filter((m) => m.startsWith('src/i18n/locales/') || m === 'src/i18n/sentences.ts' || m === 'src/i18n/locale-module.ts'),
    [],
  );
});

test('every locale module registers itself and imports nothing but the shared locale module and types', () => {
  const files = readdirSync(locales).filter((f) => f.endsWith('.ts'));
  assert.deepEqual(files.sort(), ['ar.ts', 'de.ts', 'es.ts', 'fr.ts', 'ja.ts']);
  for (const file of files) {
    const text = readFileSync(path.join(locales, file), 'utf8');
    const lang = file.slice(0, -3);
    assert.match(text, new RegExp(`registerTranslation\\('${lang}', ${lang}\\);`), file);
    const imports = [...text.matchAll(/^import (type )?.* from '([^']+)';$/gm)].map((m) => `${m[1] ?? ''}${m[2]}`);
    assert.deepEqual(imports, ['../locale-module.js', 'type ../strings.js'], file);
  }
});
