// @ts-check
/** Ids and timestamps the way the OGX server makes them. */

import { randomBytes } from 'node:crypto';

/** 48 hex digits: the random part of `conv_`, `msg_` and `item_` ids. */
export const hex48 = () => randomBytes(24).toString('hex');
/** Unix seconds, as `created_at` and `completed_at` are written. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function callId() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return 'call_' + Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}
