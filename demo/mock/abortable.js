// @ts-check
/** Response lifetime helpers shared by the mock's Agents and Responses routes. */
import { setTimeout as delay } from 'node:timers/promises';

/** A signal that aborts when the client goes away (or the response ends). */
export function responseAbort(/** @type {import('node:http').ServerResponse} */ res) {
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  return ac.signal;
}

/** Sleeps, resolving false instead of throwing when the signal aborts. */
export async function sleep(/** @type {number} */ ms, /** @type {AbortSignal} */ signal) {
  if (signal.aborted) return false;
  try {
    if (ms > 0) await delay(ms, undefined, { signal });
    else await new Promise((r) => setImmediate(r));
    return !signal.aborted;
  } catch {
    return false;
  }
}

/** Waits for `promise`, resolving false instead if the signal aborts first (the client went away). */
export async function untilAborted(/** @type {Promise<unknown>} */ promise, /** @type {AbortSignal} */ signal) {
  if (signal.aborted) return false;
  /** @type {() => void} */
  let onAbort = () => {};
  const aborted = new Promise((resolve) => {
    onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise.then(() => !signal.aborted), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
