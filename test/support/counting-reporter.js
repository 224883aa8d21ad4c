// @ts-check
// A Web Test Runner reporter that counts tests per engine and writes a JSON
// summary to the file named by $WTR_SUMMARY_FILE (read by test/run.js).
// Without that variable it does nothing.
//
// Summary shape:
// { complete: boolean,            // false if written only from stop() (aborted run)
//   engines: { [engine]: { browser, files, passed, failed, skipped, fileErrors } } }
// `fileErrors` counts test files whose session failed without a failing test
// (load error, failing hook, timeout, crashed browser); they are included in `failed`.
import { writeFileSync } from 'node:fs';

/** Launcher display name -> engine name used by BROWSERS / test/run.js. */
export function engineOf(browserName) {
  const n = String(browserName ?? '').toLowerCase();
  if (n.includes('chrom')) return 'chromium'; // "Chrome" (chromeLauncher) / "Chromium"
  if (n.includes('firefox')) return 'firefox';
  if (n.includes('webkit') || n.includes('safari') || n.includes('minibrowser')) return 'webkit';
  return n || 'unknown';
}

function countSuite(suite, acc) {
  if (!suite) return;
  for (const t of suite.tests ?? []) {
    if (t.skipped) acc.skipped += 1;
    else if (t.passed) acc.passed += 1;
    else acc.failed += 1;
  }
  for (const s of suite.suites ?? []) countSuite(s, acc);
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
      const e = (engines[engine] ??= { browser, files: 0, passed: 0, failed: 0, skipped: 0, fileErrors: 0 });
      e.files += 1;
      const acc = { passed: 0, failed: 0, skipped: 0 };
      countSuite(session.testResults, acc);
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
        base[engineOf(b.name)] = { browser: b.name, files: 0, passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
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
        complete = sessions.length > 0 && sessions.every(s => s.status === 'FINISHED');
      } catch {
        // ignore
      }
      write(sessions, complete);
    },
  };
  return reporter;
}
