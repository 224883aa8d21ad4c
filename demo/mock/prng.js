/**
 * mulberry32: a small seeded PRNG. The mock splits a given answer the same way every time, the bench
 * streams the same text every run, and a failing random chunking in a test reproduces from its seed.
 * Plain JavaScript with no imports, so Node (mock, bench) and the browser (tests) load the same file.
 * @param {number} seed
 * @returns {() => number} numbers in [0, 1)
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
