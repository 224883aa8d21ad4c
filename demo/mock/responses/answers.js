// @ts-check
/**
 * How the Responses + Conversations routes answer, and fail, in each flavour's style: 0.8.0's objects as
 * pydantic writes them, and the error envelopes of ≤0.3 (`legacy`) or 0.8.0 (`ogx`) servers.
 */

import {
  corsHeaders,
  fieldRequired,
  JSON_CONTENT_TYPE,
  legacyErrorFrame,
  legacyValidationBody,
  sendJson,
  sseData,
  sseHeaders,
} from '../http.js';
import { pydanticJson, pyRepr } from '../python-json.js';

/**
 * @typedef {import('../http.js').Req} Req
 * @typedef {import('../http.js').Res} Res
 * @typedef {import('../http.js').ValidationIssue} ValidationIssue
 * @typedef {import('../flavours.js').Flavour} Flavour
 */

/** Answers with JSON written like pydantic's `model_dump_json`. @param {Req} req @param {Res} res @param {number} status @param {unknown} body */
export function sendPydantic(req, res, status, body) {
  const text = pydanticJson(body);
  res.writeHead(status, { ...corsHeaders(req), 'content-type': JSON_CONTENT_TYPE, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/**
 * A 400 body-validation error in the flavour's envelope: 0.8.0 prints the errors dict into `error.message`.
 * @param {Flavour} flavour @param {ValidationIssue[]} errors
 */
export function validationBody(flavour, errors) {
  return flavour.errors === 'legacy' ? legacyValidationBody(errors) : { error: { message: pyRepr({ errors }) } };
}

/** The validation issue of a missing body field. @param {string[]} field */
export const missing = (...field) => fieldRequired(['body', ...field]);

/**
 * A body that is not JSON, on one of the Responses + Conversations routes.
 * @param {Req} req @param {Res} res @param {Flavour} flavour
 */
export function invalidJson(req, res, flavour) {
  sendJson(req, res, 400, validationBody(flavour, [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }]));
}

/**
 * An error found before generation starts (unknown model, conversation, previous response).
 * @param {Req} req @param {Res} res @param {Flavour} flavour @param {boolean} stream
 * @param {{ status: number, detail: string, legacy: string }} failure
 */
export function failEarly(req, res, flavour, stream, failure) {
  if (!stream) return sendJson(req, res, failure.status, { detail: flavour.errors === 'legacy' ? failure.legacy : failure.detail });
  res.writeHead(200, sseHeaders(req));
  if (flavour.errors === 'legacy') {
    // ≤0.3: `{"error": {"message": str(HTTPException)}}`, i.e. "<status>: <detail>".
    return res.end(legacyErrorFrame(`${failure.status}: ${failure.legacy}`));
  }
  // 0.8.0's sse_generator: code = str(status), sequence_number = last seen (0) + 1.
  const frame = { code: String(failure.status), message: failure.detail, param: null, sequence_number: 1, type: 'error' };
  return res.end(sseData(pydanticJson(frame)));
}
