// The build collapses the white space of our Lit templates (scripts/template-whitespace.js): the
// rendered page must not change, so <pre> keeps its own, expressions are untouched, and other
// template literals are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseTemplateWhitespace } from '../../scripts/template-whitespace.js';

test('indentation in html`` goes, each line break stays; expressions stay as written', () => {
  const code = 'const t = html`<div\n    part="a"\n  >\n    ${cond ? html`<b>\n  x</b>` : `keep\n  this`}\n  </div>`;';
  assert.equal(
    collapseTemplateWhitespace(code, 'a.ts'),
    'const t = html`<div\npart="a"\n>\n${cond ? html`<b>\nx</b>` : `keep\n  this`}\n</div>`;',
  );
});

test('a template part holding <pre> keeps its white space, and untagged or other tags are untouched', () => {
  assert.equal(collapseTemplateWhitespace('html`<pre>\n  ${a}\n</pre>`', 'a.ts'), undefined);
  // inside a <pre>, between two expressions; the parts that open and close it stay whole
  assert.equal(
    collapseTemplateWhitespace('html`<div>\n<pre>${a}\n  ${b}</pre>\n  <p>${c}\n    </p></div>`', 'a.ts'),
    'html`<div>\n<pre>${a}\n  ${b}</pre>\n  <p>${c}\n</p></div>`',
  );
  assert.equal(collapseTemplateWhitespace('css`a {\n  b: c;\n}`; String.raw`x\n  y`', 'a.ts'), undefined);
  assert.equal(collapseTemplateWhitespace('svgTemplate`<svg>\n  <path/>\n</svg>`', 'a.ts'), 'svgTemplate`<svg>\n<path/>\n</svg>`');
  assert.equal(
    collapseTemplateWhitespace('messageTemplate`<chat-message\n\n  a=${b}\n></chat-message>`', 'a.ts'),
    'messageTemplate`<chat-message\n\na=${b}\n></chat-message>`',
  );
});
