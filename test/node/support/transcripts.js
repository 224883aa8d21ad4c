// Recorded real-server transcripts (test/fixtures/<server>/*.sse with a .json of facts beside each) and
// the run-length view of an event stream both conformance suites compare them by.
import fs from 'node:fs';
import { parseSse } from './http.js';

/** Every transcript in `dir`, by file name order: its frames, parsed events and recorded facts. @param {string} dir */
export function loadTranscripts(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sse'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.sse$/, '');
      const frames = parseSse(fs.readFileSync(dir + file, 'utf8'));
      return {
        name,
        frames,
        events: frames.map((f) => f.json),
        meta: JSON.parse(fs.readFileSync(`${dir}${name}.json`, 'utf8')),
      };
    });
}

/**
 * The kinds of `events` with runs collapsed as `kind xN`, like `event_sequence` in the transcripts'
 * .json files. @param {any[]} events @param {(event: any) => string} kindOf
 */
export function runLengths(events, kindOf) {
  /** @type {{ kind: string, n: number }[]} */
  const out = [];
  for (const k of events.map(kindOf)) {
    const last = out[out.length - 1];
    if (last && last.kind === k) last.n++;
    else out.push({ kind: k, n: 1 });
  }
  return out.map(({ kind, n }) => (n > 1 ? `${kind} x${n}` : kind));
}

/** A run-length sequence without its counts: the same order of kinds. @param {string[]} sequence */
export const withoutCounts = (sequence) => sequence.map((s) => s.replace(/ x\d+$/, ''));
