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
// The same rules pick the internals of sse.js and streaming-markdown (see INTERNALS_OF) that can be
// shortened. The rules are pinned by test/node/private-members.test.js; the bundle is run as built by
// test/bundle/ (three engines) and `npm run check:adopters`.
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

const LIBRARIES = ['lit-html', '@lit/reactive-element', 'lit-element'];
/**
 * The internals of the two small libraries we bundle: the members sse.js's SSE object uses on itself
 * (`this.x`), and the fields of streaming-markdown's parser state (its functions' parameter `p`).
 */
export const INTERNALS_OF = [
  { pkg: 'sse.js', file: 'lib/sse.js', pattern: /\bthis\.([A-Za-z_$][\w$]*)/g },
  { pkg: 'streaming-markdown', file: 'smd.js', pattern: /\bp\.([A-Za-z_$][\w$]*)/g },
];

/** `name: { state: true }`, as in a Lit element's `static properties`. */
const isLitStateEntry = (node) =>
  ts.isPropertyAssignment(node) &&
  ts.isObjectLiteralExpression(node.initializer) &&
  node.initializer.properties.some(
    (p) =>
      ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'state' && p.initializer.kind === ts.SyntaxKind.TrueKeyword,
  );

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
      const named =
        ts.isPropertyDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isGetAccessor(node) ||
        ts.isSetAccessor(node) ||
        ts.isPropertySignature(node) ||
        ts.isMethodSignature(node) ||
        ts.isPropertyAssignment(node) ||
        ts.isShorthandPropertyAssignment(node) ||
        // a constructor's parameter property (`constructor(private readonly host: …)`)
        (ts.isParameter(node) && ts.isParameterPropertyDeclaration(node, node.parent));
      if (named && node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) {
        const isPrivate = (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Private) !== 0;
        // A Lit state property's entry in `static properties` (`draft: { state: true }`) declares an internal
        // property: Lit defines its accessor under whatever name the entry has, so it makes nothing public.
        if (!isPrivate && isLitStateEntry(node)) declaredPrivate.add(node.name.text);
        else (isPrivate ? declaredPrivate : declaredOtherwise).add(node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  const strings = namesIn(sources, /['"`]([A-Za-z_$][\w$]*)['"`]/g);
  const tsLib = path.dirname(require.resolve('typescript/lib/lib.dom.d.ts'));
  const platform = readdirSync(tsLib)
    .filter((f) => /^lib\.(dom|es\d+|esnext|webworker)/.test(f))
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
  const libraryNames = propertiesOf([...LIBRARIES, ...INTERNALS_OF.map((lib) => lib.pkg)]);
  const wire = files(path.join(root, 'test/fixtures/openapi'), '.json')
    .concat(files(path.join(root, 'test/fixtures/openapi'), '.yml'), files(path.join(root, 'test/fixtures/openapi'), '.yaml'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const wireNames = namesIn(wire, /["']?([A-Za-z_$][\w$]*)["']?\s*:/g);
  const mangled = [];
  const kept = [];
  for (const name of [...declaredPrivate].sort()) {
    const reachable =
      declaredOtherwise.has(name) || strings.has(name) || platformNames.has(name) || libraryNames.has(name) || wireNames.has(name);
    (reachable ? kept : mangled).push(name);
  }
  // The internals of the two small libraries we bundle (sse.js's source object, streaming-markdown's
  // parser): objects only that library and our own code touch. A name is theirs alone when nothing else
  // uses it: not our code (except through them), not Lit or the other library, not the platform, not
  // the wire. Options and callbacks we hand them (`headers`, `add_token`) are our object keys: kept.
  for (const { pkg, file, pattern } of INTERNALS_OF) {
    const others = propertiesOf([...LIBRARIES, ...INTERNALS_OF.filter((lib) => lib.pkg !== pkg).map((lib) => lib.pkg)]);
    const own = namesIn(readFileSync(path.join(root, 'node_modules', pkg, file), 'utf8'), pattern);
    for (const name of [...own].sort()) {
      if (declaredPrivate.has(name)) continue;
      const reachable =
        declaredOtherwise.has(name) || strings.has(name) || others.has(name) || platformNames.has(name) || wireNames.has(name);
      (reachable ? kept : mangled).push(name);
    }
  }
  return { mangled, kept };
}
