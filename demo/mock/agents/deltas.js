// @ts-check
/** How the Agents API's model text arrives in pieces: text deltas of a few words, tool-call fragments. */

import { prng } from '../prng.js';

function hashString(/** @type {string} */ s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Splits text into deltas of 1–3 words; each word keeps its leading whitespace (" tests"), like the
 * real stream. Concatenating the deltas gives back the text exactly.
 * @param {string} text
 * @returns {string[]}
 */
export function splitIntoDeltas(text) {
  /** @type {string[]} */
  const tokens = [...(text.match(/\s*\S+/g) ?? [])];
  const rest = text.slice(tokens.join('').length);
  if (rest) tokens.push(rest);
  const rand = prng(hashString(text));
  const out = [];
  for (let i = 0; i < tokens.length;) {
    const n = 1 + Math.floor(rand() * 3);
    out.push(tokens.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

/** Splits a string into pieces of `size` UTF-16 units without cutting a surrogate pair. */
export function splitFixed(/** @type {string} */ s, /** @type {number} */ size) {
  const chars = Array.from(s);
  const out = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}
