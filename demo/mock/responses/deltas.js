// @ts-check
/** How a Responses model's output arrives in pieces: text deltas like a tokenizer's, tool-call argument fragments. */

/**
 * Splits text into deltas like a tokenizer would: words with their leading space, punctuation on its own,
 * and long words cut in two (" conge" + "stion"). Never splits inside a code point. Concatenating the
 * deltas gives back the text exactly.
 * @param {string} text
 * @returns {string[]}
 */
export function splitResponseDeltas(text) {
  const tokens = text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]+|\s+/gu) ?? [];
  /** @type {string[]} */
  const out = [];
  for (const token of tokens) {
    const chars = Array.from(token);
    if (chars.length >= 8 && /^\s?[\p{L}]+$/u.test(token)) {
      const cut = Math.ceil(chars.length / 2);
      out.push(chars.slice(0, cut).join(''), chars.slice(cut).join(''));
    } else out.push(token);
  }
  return out;
}

/** Splits tool-call arguments into a few fragments, as providers stream them. */
export function splitArguments(/** @type {string} */ args) {
  const pieces = args.split(/(?<=": ")|(?=", ")|(?<=", )/);
  return pieces.filter(Boolean);
}
