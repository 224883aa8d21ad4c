// Which property names the script-tag bundle may shorten: the members our classes declare `private`,
// minus every name something outside our control could reach by name. TypeScript's `private` is only a
// compile-time promise, so without this each private member ships its full name, on every use.
//
// TypeScript parses src/ to find them. A name is kept as written when it is also
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
import ts from 'typescript';

const require = createRequire(import.meta.url);

function files(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

const LIBRARIES = ['lit-html', '@lit/reactive-element', 'lit-element', 'sse.js'];
/** Fields of the object streaming-markdown's parser() returns whose names nothing else uses. */
export const PARSER_STATE = ['pending', 'fence_start', 'fence_end', 'blockquote_idx', 'hr_char', 'hr_chars', 'indent_len', 'table_state'];

const namesIn = (text, pattern) => new Set([...text.matchAll(pattern)].map((m) => m[1]));

/** @param {string} root the repository @returns {{ mangled: string[], kept: string[] }} */
export function privateMembers(root) {
  const sourceFiles = files(path.join(root, 'src'), '.ts');
  const sources = sourceFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
  // Members and fields as TypeScript sees them: a private class member, or anything else that declares
  // a property name (a public/protected member, an interface or type field, an object literal's key).
  const declaredPrivate = new Set();
  const declaredOtherwise = new Set();
  for (const file of sourceFiles) {
    const visit = (node) => {
      const named = ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) ||
        ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) ||
        // a constructor's parameter property (`constructor(private readonly host: …)`)
        (ts.isParameter(node) && ts.isParameterPropertyDeclaration(node, node.parent));
      if (named && node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) {
        const isPrivate = (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Private) !== 0;
        (isPrivate ? declaredPrivate : declaredOtherwise).add(node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  const strings = namesIn(sources, /['"`]([A-Za-z_$][\w$]*)['"`]/g);
  const tsLib = path.dirname(require.resolve('typescript/lib/lib.dom.d.ts'));
  const platform = readdirSync(tsLib)
    .filter((f) => /^lib\.(dom|es\d{4}|esnext|webworker)/.test(f))
    .map((f) => readFileSync(path.join(tsLib, f), 'utf8'))
    .join('\n');
  const platformNames = namesIn(platform, /([A-Za-z_$][\w$]*)\??\s*[:(<]/g);
  /** @param {string[]} packages */
  const propertiesOf = (packages) => {
    const code = packages
      .flatMap((pkg) => files(path.join(root, 'node_modules', pkg), '.js'))
      .filter((f) => !/[\\/](development|test|node)[\\/]/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    return new Set([...namesIn(code, /\.([A-Za-z_$][\w$]*)/g), ...namesIn(code, /([A-Za-z_$][\w$]*)\s*:/g)]);
  };
  const libraryNames = propertiesOf([...LIBRARIES, 'streaming-markdown']);
  const otherLibraryNames = propertiesOf(LIBRARIES);
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
  // streaming-markdown's parser state: an object only smd and src/render/markdown.ts touch. Its
  // platform twins (Animation.pending) are never used, so only our code, Lit, sse.js and the wire count.
  for (const name of PARSER_STATE) {
    const reachable = declaredOtherwise.has(name) || strings.has(name) || otherLibraryNames.has(name) || wireNames.has(name);
    (reachable ? kept : mangled).push(name);
  }
  return { mangled, kept };
}
