// @ts-check
// A Web Test Runner reporter that counts tests per engine and writes a JSON
// summary to the file named by $WTR_SUMMARY_FILE (read by test/run.js).
// Without that variable it does nothing.
//
// Summary shape:
// { complete: boolean,            // false if written only from stop() (aborted run)
//   engines: { [engine]: { browser, files, passed, failed, skipped, fileErrors,
//                          slowest: [{ name, file, ms }] } } }   // the SLOWEST_KEPT slowest tests
// `fileErrors` counts test files whose session failed without a failing test
// (load error, failing hook, timeout, crashed browser); they are included in `failed`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Launcher display name -> engine name used by BROWSERS / test/run.js. */
export function engineOf(browserName) {
  const n = String(browserName ?? '').toLowerCase();
  if (n.includes('chrom')) return 'chromium'; // "Chrome" (chromeLauncher) / "Chromium"
  if (n.includes('firefox')) return 'firefox';
  if (n.includes('webkit') || n.includes('safari') || n.includes('minibrowser')) return 'webkit';
  return n || 'unknown';
}

/** How many of each engine's slowest tests the summary keeps (test/run.js prints them). */
const SLOWEST_KEPT = 10;

function countSuite(suite, acc, file, prefix = []) {
  if (!suite) return;
  const names = suite.name ? [...prefix, suite.name] : prefix;
  for (const t of suite.tests ?? []) {
    if (t.skipped) acc.skipped += 1;
    else if (t.passed) acc.passed += 1;
    else acc.failed += 1;
    if (typeof t.duration === 'number') acc.timed.push({ name: [...names, t.name].join(' › '), file, ms: t.duration });
  }
  for (const s of suite.suites ?? []) countSuite(s, acc, file, names);
}

export function countingReporter({ file = process.env.WTR_SUMMARY_FILE } = {}) {
  /** @type {Record<string, any>} */
  let base = {};

  function write(sessions, complete) {
    if (!file) return;
    /** @type {Record<string, any>} */
    const engines = structuredClone(base);
    for (const session of sessions) {
      const browser = session.browser?.name ?? session.browserName;
      const engine = engineOf(browser);
      const e = (engines[engine] ??= { browser, files: 0, passed: 0, failed: 0, skipped: 0, fileErrors: 0, slowest: [] });
      e.files += 1;
      const acc = { passed: 0, failed: 0, skipped: 0, timed: [] };
      countSuite(session.testResults, acc, path.relative(process.cwd(), session.testFile));
      e.slowest = [...e.slowest, ...acc.timed].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_KEPT);
      e.passed += acc.passed;
      e.failed += acc.failed;
      e.skipped += acc.skipped;
      const sessionOk = session.status === 'FINISHED' && session.passed === true;
      if (!sessionOk && acc.failed === 0) {
        e.fileErrors += 1;
        e.failed += 1;
      }
    }
    writeFileSync(file, JSON.stringify({ complete, engines }, null, 2));
  }

  /** @type {import('@web/test-runner').Reporter} */
  const reporter = {
    start({ browsers }) {
      base = {};
      for (const b of browsers) {
        base[engineOf(b.name)] = { browser: b.name, files: 0, passed: 0, failed: 0, skipped: 0, fileErrors: 0, slowest: [] };
      }
    },
    onTestRunFinished({ sessions }) {
      write(sessions, true);
    },
    stop({ sessions }) {
      // also covers runs that were stopped before finishing
      if (!file) return;
      let complete = false;
      try {
        complete = sessions.length > 0 && sessions.every((s) => s.status === 'FINISHED');
      } catch {
        // ignore
      }
      write(sessions, complete);
    },
  };
  return reporter;
}
