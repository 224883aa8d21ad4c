// Which property names the script-tag bundle may shorten: the members our classes declare `private`,
// minus every name something outside our control could reach by name. TypeScript's `private` is only a
// compile-time promise, so without this each private member ships its full name, on every use.
//
// A name is kept as written when it is also
//  - declared anywhere in src/ without `private` (a public or protected member, an interface field, a
//    key of an object literal);
//  - written as a string anywhere in src/ (`changed.has('narrow')`, a JSON key, an event name);
//  - a property of the DOM or of JavaScript itself (lib.dom.d.ts, lib.es*.d.ts);
//  - used as a property by the bundled libraries (lit, sse.js, streaming-markdown);
//  - a field of either Llama Stack protocol (test/fixtures/openapi), so no wire format changes.
// The bundle is tested as built (test/node/bundle-mangle.test.js and `npm run check:adopters`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function files(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

const namesIn = (text, pattern) => new Set([...text.matchAll(pattern)].map((m) => m[1]));

/** @param {string} root the repository @returns {{ mangled: string[], kept: string[] }} */
export function privateMembers(root) {
  const sources = files(path.join(root, 'src'), '.ts')
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const declaredPrivate = namesIn(sources, /\bprivate\s+(?:static\s+)?(?:readonly\s+)?(?:declare\s+)?(?:async\s+)?(?:get\s+|set\s+)?([A-Za-z_$][\w$]*)/g);
  const withoutPrivate = sources.replace(/^\s*(private|protected)\b.*$/gm, '');
  const declaredOtherwise = new Set([
    // members and fields at the start of a line
    ...namesIn(withoutPrivate, /^\s*(?:public\s+|static\s+|readonly\s+|declare\s+|override\s+|async\s+|get\s+|set\s+)*([A-Za-z_$][\w$]*)\??!?\s*[:(=<]/gm),
    // fields of one-line types and object literals (`{ a: string; b?: number }`)
    ...namesIn(withoutPrivate, /[{;,]\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:/g),
  ]);
  const strings = namesIn(sources, /['"`]([A-Za-z_$][\w$]*)['"`]/g);
  const tsLib = path.dirname(require.resolve('typescript/lib/lib.dom.d.ts'));
  const platform = readdirSync(tsLib)
    .filter((f) => /^lib\.(dom|es\d{4}|esnext|webworker)/.test(f))
    .map((f) => readFileSync(path.join(tsLib, f), 'utf8'))
    .join('\n');
  const platformNames = namesIn(platform, /([A-Za-z_$][\w$]*)\??\s*[:(<]/g);
  const libraries = ['lit-html', '@lit/reactive-element', 'lit-element', 'sse.js', 'streaming-markdown']
    .flatMap((pkg) => files(path.join(root, 'node_modules', pkg), '.js'))
    .filter((f) => !/[\\/](development|test|node)[\\/]/.test(f))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const libraryNames = new Set([...namesIn(libraries, /\.([A-Za-z_$][\w$]*)/g), ...namesIn(libraries, /([A-Za-z_$][\w$]*)\s*:/g)]);
  const wire = files(path.join(root, 'test/fixtures/openapi'), '.json')
    .concat(files(path.join(root, 'test/fixtures/openapi'), '.yml'), files(path.join(root, 'test/fixtures/openapi'), '.yaml'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const wireNames = namesIn(wire, /["']?([A-Za-z_$][\w$]*)["']?\s*:/g);
  const mangled = [];
  const kept = [];
  for (const name of [...declaredPrivate].sort()) {
    const reachable = declaredOtherwise.has(name) || strings.has(name) || platformNames.has(name) || libraryNames.has(name) || wireNames.has(name);
    (reachable ? kept : mangled).push(name);
  }
  return { mangled, kept };
}
