// The Custom Elements Manifest (custom-elements.json, generated from the JSDoc by `npm run build`)
// and the README's API tables describe the same element: every attribute, property, method, event,
// slot, CSS part and CSS custom property is in both, or the test names what is missing where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');

function manifest() {
  const pkg = JSON.parse(read('package.json'));
  assert.equal(pkg.customElements?.replace(/^\.\//, ''), 'custom-elements.json', 'package.json names the manifest');
  assert.ok(fs.existsSync(path.join(ROOT, 'custom-elements.json')), 'custom-elements.json is missing: run `npm run build`');
  return JSON.parse(read('custom-elements.json'));
}

/** The custom element declarations of the manifest, by tag name. */
function elements() {
  const byTag = new Map();
  for (const mod of manifest().modules) for (const d of mod.declarations ?? []) if (d.customElement) byTag.set(d.tagName, d);
  return byTag;
}

/** The README's section under `heading` (up to the next heading of the same or a higher level). */
export function section(markdown, heading) {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `the README has no "${heading}" section`);
  const level = heading.match(/^#+/)[0].length;
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * The markdown tables of `text`, each as rows of cells (header and separator left out). A `\|` inside
 * a cell is not a column break.
 */
export function tables(text) {
  const found = [];
  let current;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = line
      .replace(/\\\|/g, '\uE000')
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().replace(/\uE000/g, '|'));
    if (!current) {
      current = { header: cells, rows: [] };
      found.push(current);
    } else if (!cells.every((c) => /^:?-+:?$/.test(c))) current.rows.push(cells);
  }
  return found;
}

/** The `code` spans of a cell. */
const codes = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const sorted = (values) => [...new Set(values)].sort();

const readme = read('README.md');
const widget = () => elements().get('llama-agent-chat');

test('the README helpers read tables and sections', () => {
  const [t] = tables('| a | b |\n| --- | --- |\n| `x` | y \\| z |\n\ntext');
  assert.deepEqual(t.rows, [['`x`', 'y | z']]);
  assert.equal(section('# A\n\n## B\nbody\n### C\nsub\n## D\n', '## B'), 'body\n### C\nsub\n');
});

test('the manifest names both elements and is generated for the package', () => {
  assert.ok(widget(), 'llama-agent-chat is in the manifest');
  assert.ok(elements().get('chat-message'), 'chat-message is in the manifest');
});

test('attributes: the README table and the manifest agree, with the same properties behind them', () => {
  const [table] = tables(section(readme, '### Attributes and properties'));
  const documented = table.rows.filter((r) => r[0] !== '—').map((r) => [codes(r[0])[0], codes(r[1])[0]]);
  const declared = widget().attributes.map((a) => [a.name, a.fieldName]);
  assert.deepEqual(sorted(documented.map(String)), sorted(declared.map(String)));
});

test('properties: the README table and the manifest agree', () => {
  const [table] = tables(section(readme, '### Attributes and properties'));
  const documented = table.rows.map((r) => codes(r[1])[0]);
  const declared = widget()
    .members.filter((m) => m.kind === 'field' && !m.static)
    .map((m) => m.name);
  assert.deepEqual(sorted(documented), sorted(declared));
});

test('methods: the README table and the manifest agree', () => {
  const [table] = tables(section(readme, '### Methods'));
  const documented = table.rows.map((r) => codes(r[0])[0].replace(/\(.*$/, ''));
  const declared = widget()
    .members.filter((m) => m.kind === 'method' && !m.static)
    .map((m) => m.name);
  assert.deepEqual(sorted(documented), sorted(declared));
});

test('events: the README table and the manifest agree', () => {
  const [table] = tables(section(readme, '## Events'));
  assert.deepEqual(sorted(table.rows.map((r) => codes(r[0])[0])), sorted(widget().events.map((e) => e.name)));
});

test('slots: the README and the manifest agree', () => {
  const declared = (widget().slots ?? []).map((s) => s.name || '(default)');
  const documented = readme.includes('\n### Slots\n')
    ? tables(section(readme, '### Slots'))[0].rows.map((r) => codes(r[0])[0] ?? '(default)')
    : [];
  assert.deepEqual(sorted(documented), sorted(declared));
});

test('CSS custom properties: the README table and the manifest agree', () => {
  const [table] = tables(section(readme, '## Theming'));
  const documented = table.rows.flatMap((r) => codes(r[0]));
  assert.deepEqual(sorted(documented), sorted(widget().cssProperties.map((p) => p.name)));
});

test('CSS parts: the README table lists the parts of the element and of each message, as the manifest does', () => {
  const parts = tables(section(readme, '## Theming')).find((t) => t.header[0] === 'part');
  assert.ok(parts, 'the Styling section has a table of parts');
  const declared = [...widget().cssParts, ...elements().get('chat-message').cssParts].map((p) => p.name);
  assert.deepEqual(sorted(parts.rows.map((r) => codes(r[0])[0])), sorted(declared));
});

test('every part a message exports through the widget is documented, and every documented message part is exported', () => {
  const source = read('src/components/chat-message/chat-message.ts');
  const list = source.slice(source.indexOf('CHAT_MESSAGE_PARTS = ['), source.indexOf("].join(', ')"));
  const exported = [...list.matchAll(/'([^']+)'/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()));
  const documented = elements()
    .get('chat-message')
    .cssParts.map((p) => p.name);
  const covered = (name) => documented.includes(name) || (name.startsWith('md-') && documented.includes('md-*'));
  assert.deepEqual(
    exported.filter((name) => !covered(name)),
    [],
    'exported but not documented',
  );
  assert.deepEqual(
    documented.filter((name) => name !== 'md-*' && !exported.includes(name)),
    [],
    'documented but not exported',
  );
});

test('the framework declarations (types/element-props.d.ts) name every attribute and settable property of the manifest, and no other', () => {
  const jsx = read('types/element-props.d.ts');
  const picked = [...jsx.slice(jsx.indexOf('Pick<'), jsx.indexOf('>\n>;')).matchAll(/'([\w]+)'/g)].map((m) => m[1]);
  const attributes = [
    ...jsx.slice(jsx.indexOf('interface LlamaAgentChatAttributes'), jsx.indexOf("/** The element's own events")).matchAll(/'([\w-]+)'\?:/g),
  ].map((m) => m[1]);
  const settable = widget()
    .members.filter((m) => m.kind === 'field' && !m.static && !m.readonly)
    .map((m) => m.name);
  assert.deepEqual(sorted(picked), sorted(settable), 'properties');
  const declaredAttributes = widget().attributes.map((a) => a.name);
  const covered = [...attributes, ...picked];
  assert.deepEqual(
    declaredAttributes.filter((a) => !covered.includes(a)),
    [],
    'attributes missing from the JSX',
  );
  assert.deepEqual(
    attributes.filter((a) => !declaredAttributes.includes(a)),
    [],
    'attributes in the JSX the element does not have',
  );
});
