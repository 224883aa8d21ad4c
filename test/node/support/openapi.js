// Loading a published OpenAPI document and validating values against its components.schemas with Ajv,
// optionally with named patches applied to a copy of the schemas. Shared by the conformance tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

/** test/fixtures/ (absolute path, with a trailing slash): the published specs and transcripts we carry. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/**
 * Parses an OpenAPI document from test/fixtures/openapi/ (the published specs cut to their schemas by
 * test/fixtures/openapi/cut.js). @param {string} file
 */
export function loadSpec(file) {
  return YAML.parse(fs.readFileSync(`${FIXTURES_DIR}openapi/${file}`, 'utf8'));
}

/**
 * OpenAPI 3.0's `nullable` left in a 3.1 document (OGX 0.8.0 has 94 of them) is not JSON Schema, and Ajv
 * refuses it next to `anyOf`. Where the schema already allows null (`anyOf: [..., {type: 'null'}]`) it
 * is dropped; where it has a `type`, Ajv's own `nullable` support handles it; elsewhere (`$ref` +
 * nullable) it becomes `anyOf: [schema, {type: 'null'}]`. This changes no meaning: it is how the
 * generator meant it.
 * @template T @param {T} node @returns {T}
 */
export function normalizeNullable(node) {
  if (Array.isArray(node)) return /** @type {T} */ (node.map(normalizeNullable));
  if (!node || typeof node !== 'object') return node;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = normalizeNullable(v);
  if ('nullable' in out && !('type' in out)) {
    delete out.nullable;
    const alternatives = /** @type {any[]} */ (out.anyOf ?? out.oneOf ?? []);
    if (!alternatives.some((s) => s && s.type === 'null')) return /** @type {T} */ ({ anyOf: [out, { type: 'null' }] });
  }
  return /** @type {T} */ (out);
}

/**
 * Validators for one spec's components.schemas, with named patches (functions that edit a copy of the
 * schemas). The schemas are registered under an $id so `#/components/schemas/X` refs resolve. OpenAPI's
 * `discriminator` is not JSON Schema: Ajv's `discriminator` option stays off and `strict: false` makes it
 * an ignored annotation, so validation relies on the `oneOf` + `enum`/`const` tags alone (stricter).
 * @param {{ id: string, schemas: Record<string, any>, patches?: Record<string, (schemas: Record<string, any>) => void> }} opts
 */
export function schemaValidators({ id, schemas, patches = {} }) {
  /** @type {Map<string, Ajv2020>} */
  const cache = new Map();
  /** @param {string[]} names */
  function ajvWith(names) {
    const key = [...names].sort().join('+');
    let ajv = cache.get(key);
    if (!ajv) {
      const copy = structuredClone(schemas);
      for (const p of names) {
        assert.ok(patches[p], `known patch ${p}`);
        patches[p](copy);
      }
      ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: false });
      addFormats(ajv);
      ajv.addSchema({ $id: id, components: { schemas: copy } });
      cache.set(key, ajv);
    }
    return ajv;
  }
  /**
   * @param {string} name a components.schemas name
   * @param {string[]} [names] patches to apply
   */
  function validatorFor(name, names = []) {
    const v = ajvWith(names).getSchema(`${id}#/components/schemas/${name}`);
    assert.ok(v, `schema ${name} exists`);
    return v;
  }
  return { validatorFor, patchNames: Object.keys(patches) };
}
