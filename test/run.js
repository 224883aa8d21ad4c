#!/usr/bin/env node
// `npm test` entry point.
//
//   1. node --test test/node/           (only if test/node has *.test.js files)
//   2. web-test-runner --config web-test-runner.config.js [extra CLI args]
//   3. per-engine counts + a final "N passed, N failed[, N skipped]" line
//
// Exits non-zero if any test failed, either runner failed, or any selected
// engine (BROWSERS=chromium,firefox,webkit, default all) ran zero tests.
//
//   npm test                                  all engines
//   BROWSERS=webkit npm test                  one engine
//   npm test -- --files test/smoke.test.ts    extra args go to web-test-runner
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];
const engines = (process.env.BROWSERS ?? ALL_ENGINES.join(','))
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);

const work = mkdtempSync(path.join(tmpdir(), 'llama-agent-chat-test-'));
const problems = [];
/** @type {{ name: string, passed: number, failed: number, skipped: number, note?: string }[]} */
const rows = [];
/** web-test-runner's summary (test/support/counting-reporter.js), once it ran. */
let browserSummary;

let current; // running child process
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    interrupted = true;
    // forward, then let the child clean up and exit; we exit after it
    if (current && current.exitCode === null) current.kill(sig);
    else process.exit(130);
  });
}

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    current = child;
    child.once('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function hasNodeTests(dir) {
  if (!existsSync(dir)) return false;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (ent.isDirectory() && ent.name !== 'node_modules' && hasNodeTests(path.join(dir, ent.name))) return true;
    if (ent.isFile() && ent.name.endsWith('.test.js')) return true;
  }
  return false;
}

const t0 = Date.now();
try {
  // ------------------------------------------------------------ node tests
  if (hasNodeTests(path.join(root, 'test', 'node'))) {
    console.log('\n=== node --test test/node/ ===\n');
    const tap = path.join(work, 'node.tap');
    const code = await run(process.execPath, [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      'test/node/',
    ]);
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    // top-level summary comments of the TAP stream
    const count = (key) => {
      const m = [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))].pop();
      return m ? Number(m[1]) : 0;
    };
    const row = {
      name: 'node',
      passed: count('pass'),
      failed: count('fail') + count('cancelled'),
      skipped: count('skipped') + count('todo'),
    };
    rows.push(row);
    if (code !== 0) {
      problems.push(`node --test exited with code ${code}`);
      if (row.failed === 0) row.failed = 1; // e.g. crashed before reporting
    }
    if (row.passed + row.failed + row.skipped === 0) problems.push('node tests: zero tests ran');
  }

  // ------------------------------------------------------------ browser tests
  if (interrupted) throw new Error('interrupted');
  console.log(`\n=== web-test-runner (${engines.join(', ')}) ===\n`);
  const summaryFile = path.join(work, 'wtr-summary.json');
  const wtrBin = path.join(path.dirname(require.resolve('@web/test-runner')), 'bin.js');
  const wtrCode = await run(
    process.execPath,
    [wtrBin, '--config', path.join(root, 'web-test-runner.config.js'), ...process.argv.slice(2)],
    { WTR_SUMMARY_FILE: summaryFile },
  );
  if (wtrCode !== 0) problems.push(`web-test-runner exited with code ${wtrCode}`);
  let summary;
  try {
    summary = browserSummary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    problems.push('web-test-runner wrote no summary (did it start?)');
  }
  if (summary && !summary.complete) problems.push('web-test-runner did not complete the run');
  for (const engine of engines) {
    const e = summary?.engines?.[engine];
    if (!e) {
      rows.push({ name: engine, passed: 0, failed: 0, skipped: 0, note: 'no results' });
      problems.push(`${engine}: no results`);
      continue;
    }
    const notes = [`${e.files} file${e.files === 1 ? '' : 's'}`];
    if (e.fileErrors) notes.push(`${e.fileErrors} file-level error${e.fileErrors === 1 ? '' : 's'} counted as failed`);
    rows.push({ name: engine, passed: e.passed, failed: e.failed, skipped: e.skipped, note: notes.join(', ') });
    if (e.passed + e.failed === 0) problems.push(`${engine}: zero tests ran`);
  }
  for (const [engine, e] of Object.entries(summary?.engines ?? {})) {
    if (!engines.includes(engine)) {
      rows.push({ name: engine, passed: e.passed, failed: e.failed, skipped: e.skipped, note: 'unexpected engine' });
    }
  }
} catch (err) {
  problems.push(String(err?.message ?? err));
} finally {
  rmSync(work, { recursive: true, force: true });
}

// ------------------------------------------------------------ report
const total = { passed: 0, failed: 0, skipped: 0 };
console.log(`\n=== test summary (${((Date.now() - t0) / 1000).toFixed(1)}s) ===`);
for (const r of rows) {
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
  console.log(
    `  ${r.name.padEnd(9)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed ` +
      `${String(r.skipped).padStart(4)} skipped${r.note ? `  (${r.note})` : ''}`,
  );
}
// Where the suite spends its time: each engine's slowest tests (mocha's own duration per test).
for (const engine of engines) {
  const slowest = browserSummary?.engines?.[engine]?.slowest ?? [];
  if (slowest.length === 0) continue;
  console.log(`\n  slowest in ${engine}:`);
  for (const t of slowest) console.log(`    ${String(Math.round(t.ms)).padStart(6)} ms  ${t.file}  ${t.name}`);
}
if (total.failed > 0) problems.push(`${total.failed} failed`);
for (const p of problems) console.log(`  FAIL: ${p}`);
console.log(
  total.skipped > 0
    ? `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`
    : `${total.passed} passed, ${total.failed} failed`,
);
process.exit(problems.length > 0 ? 1 : 0);
