// @ts-check
/**
 * How the real (Python) servers write values, for both protocols of the mock. A client sees more than one
 * style on the wire, and the mock copies each where the server uses it:
 * - `json.dumps` (spaces after `,` and `:`, non-ASCII as `\uXXXX`): tool-call arguments, tool results and
 *   the ≤0.3 in-band error event — {@link pyJsonDumps}.
 * - pydantic's `model_dump_json` (compact, raw UTF-8, floats as `1.0`): the Responses API's events and
 *   objects — {@link pydanticJson} with {@link PyFloat}. (The Agents API's events are compact JSON with
 *   integer-valued numbers only, so plain `JSON.stringify` writes them the same way.)
 * - `repr()` of a dict: how 0.8.0 prints a validation error into `error.message` — {@link pyRepr}.
 * - pydantic's datetimes (microseconds and a `Z`) — {@link isoNow}.
 */

/** Python's `json.dumps` string escaping (ensure_ascii): everything outside space..~ as `\uXXXX`. */
export function pyString(/** @type {string} */ s) {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * Python `json.dumps(value)` with default separators (`, ` and `: `) and ensure_ascii — the way the
 * real server writes tool-call `arguments`, tool results and the in-band error event.
 * @param {unknown} value
 * @returns {string}
 */
export function pyJsonDumps(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(pyJsonDumps).join(', ') + ']';
  return (
    '{' +
    Object.entries(/** @type {Record<string, unknown>} */ (value))
      .map(([k, v]) => pyString(k) + ': ' + pyJsonDumps(v))
      .join(', ') +
    '}'
  );
}

/** A float, written the way Python writes it (`1.0`, not `1`). */
export class PyFloat {
  constructor(/** @type {number} */ value) {
    this.value = value;
  }
  toJSON() {
    return this.value;
  }
}

/**
 * Compact JSON with raw UTF-8 and Python float formatting: what pydantic's `model_dump_json` writes.
 * @param {unknown} value
 * @returns {string}
 */
export function pydanticJson(value) {
  if (value instanceof PyFloat) {
    const v = value.value;
    return Number.isInteger(v) ? `${v}.0` : JSON.stringify(v);
  }
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '[' + value.map(pydanticJson).join(',') + ']';
  if (typeof value === 'object') {
    return (
      '{' +
      Object.entries(/** @type {Record<string, unknown>} */ (value))
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => JSON.stringify(k) + ':' + pydanticJson(v))
        .join(',') +
      '}'
    );
  }
  return JSON.stringify(value);
}

/**
 * Python `repr()` of plain data: how 0.8.0 prints a validation error dict into `error.message`.
 * @param {unknown} value
 * @returns {string}
 */
export function pyRepr(value) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (value.includes("'") && !value.includes('"')) return `"${value.replace(/\\/g, '\\\\')}"`;
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  }
  if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']';
  return (
    '{' +
    Object.entries(/** @type {object} */ (value))
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(', ') +
    '}'
  );
}

/** ISO timestamp with microseconds and `Z`, like pydantic's datetime serialization. */
export function isoNow() {
  const t = performance.timeOrigin + performance.now();
  const ms = Math.floor(t);
  const micros = Math.floor((t - ms) * 1000);
  return new Date(ms).toISOString().slice(0, -1) + String(micros).padStart(3, '0') + 'Z';
}
