/** See prng.js. */
export function prng(seed: number): () => number;
