#!/usr/bin/env node
// npm run bench — llama-agent-chat against a naive renderer and Deep Chat, in headless Chromium.
//
//   npm run bench                     full run (3 repetitions), writes docs/benchmarks.md + .svg
//   npm run bench -- --quick          1 repetition, 30 turns instead of 100; writes nothing
//   options: --reps N  --write / --no-write  --only ours,naive,deepchat,deepchat-partial
//            --parts stream,history,turns  --sizes 1000,4000,16000   (to measure one thing while working)
//
// Builds dist/llama-agent-chat.js first (the script-tag bundle, as pages load it), starts the bench
// server (bench/server.js) and /usr/bin/chromium through puppeteer-core, then measures, interleaved
// (each repetition runs every size for every contender in turn, a fresh page per run), medians:
//   streaming  a reply of ~1k, ~4k and ~16k tokens streamed as fast as the server writes: main-thread
//              time (CDP Performance.getMetrics TaskDuration in thread CPU time), longest task, DOM commits per frame,
//              first-token and final-frame latency, JS heap after the reply (after a forced GC);
//   history    a session of 1,000 messages opened: time until rendered and painted, longest task,
//              longest task while scrolling from the bottom to the top one screen per frame;
//   turns      100 short turns in one session: JS heap (after GC) at 0, 25, 50 and 100 turns.
// A contender whose run takes more than CAP_MS of main-thread time, or would by the scaling of its
// smaller sizes, is not run at larger sizes: its time there is at least the measured one scaled
// linearly, which the table shows as "≥".
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { makeReply, shortReply } from './reply.js';
import { startBenchServer } from './server.js';
import { sizeMap, sizeMapMarkdown } from './size-map.js';
import { chartSvg } from './chart.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const QUICK = flag('quick');
const REPS = Number(option('reps') ?? (QUICK ? 1 : 3));
// docs/benchmarks.md holds whole runs only
const WRITE = (flag('write') || (!QUICK && !flag('no-write'))) && !option('parts') && !option('sizes') && !option('only');
const SIZES = (option('sizes') ?? '1000,4000,16000').split(',').map(Number);
const PARTS = (option('parts') ?? 'stream,history,turns').split(',');
const TURNS = QUICK ? 30 : 100;
const HISTORY = 1000;
const CAP_MS = 20000;

const ALL = [
  { id: 'ours', label: 'llama-agent-chat', query: 'c=ours' },
  { id: 'naive', label: 'naive (marked + innerHTML)', query: 'c=naive' },
  { id: 'deepchat', label: 'Deep Chat 2.4', query: 'c=deepchat' },
  { id: 'deepchat-partial', label: 'Deep Chat 2.4 partialRender', query: 'c=deepchat&partial' },
];
const only = option('only')?.split(',');
const CONTENDERS = ALL.filter((c) => !only || only.includes(c.id));

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s]`, ...a);
const t0 = Date.now();

// ------------------------------------------------------------------ build
log('building dist/llama-agent-chat.js');
const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const server = await startBenchServer();
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  // Deep Chat asks Google Fonts for a font: the bench stays on this machine.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ],
  protocolTimeout: 30 * 60 * 1000,
});
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    interrupted = true;
    await browser.close().catch(() => {});
    await server.close();
    process.exit(130);
  });
}

async function openPage(contender) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/bench/pages/index.html?${contender.query}`);
  await page.waitForFunction(() => 'bench' in window, { timeout: 60000 });
  const cdp = await page.createCDPSession();
  // threadTicks: TaskDuration in the main thread's CPU time, so other load on the machine (which
  // stretches wall-clock task times) changes it far less
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const gc = () => cdp.send('HeapProfiler.collectGarbage');
  return { page, metrics, gc, errors };
}

/**
 * Runs `fn` while tracing (category `toplevel`: one event per task, light enough not to skew the
 * rest) and returns its result with the longest task of the page's main thread, in CPU time
 * (`tdur`): on a loaded machine a task's wall time also counts the time other processes held the
 * CPU, which says more about the machine than about the page.
 */
async function traced(page, fn) {
  await page.tracing.start({ categories: ['toplevel'] });
  let result;
  try {
    result = await fn();
  } finally {
    const buffer = await page.tracing.stop();
    const events = JSON.parse(Buffer.from(buffer ?? []).toString('utf8') || '{}').traceEvents ?? [];
    const mains = new Set(
      events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
    );
    // the page's renderer: the main thread that ran the most
    const perThread = new Map();
    for (const e of events) {
      // every complete event: tasks are RunTask, but some work (mojo messages, fetch body reads) runs
      // under other top-level events; nested events lie within their parent, so the max is a task's
      if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
      const t = perThread.get(`${e.pid}:${e.tid}`) ?? { total: 0, longest: 0 };
      if (e.name === 'ThreadControllerImpl::RunTask') t.total += e.tdur ?? 0;
      t.longest = Math.max(t.longest, e.tdur ?? 0);
      perThread.set(`${e.pid}:${e.tid}`, t);
    }
    const main = [...perThread.values()].sort((a, b) => b.total - a.total)[0];
    if (result) result.longestTaskCpu = (main?.longest ?? 0) / 1000;
  }
  return result;
}

async function streamRun(contender, tokens) {
  const { page, metrics, gc, errors } = await openPage(contender);
  try {
    await page.evaluate(() => window.bench.mount());
    await gc();
    const before = await metrics();
    const r = await traced(page, () => page.evaluate((n) => window.bench.stream(n), tokens));
    const after = await metrics();
    await gc();
    const heap = await metrics();
    return {
      ...r,
      problems: [...r.problems, ...errors],
      mainMs: (after.TaskDuration - before.TaskDuration) * 1000,
      heapMB: heap.JSHeapUsedSize / 1e6,
      heapGrowthMB: (heap.JSHeapUsedSize - before.JSHeapUsedSize) / 1e6,
    };
  } finally {
    await page.close();
  }
}

async function historyRun(contender) {
  const { page, metrics, errors } = await openPage(contender);
  try {
    const before = await metrics();
    const r = await traced(page, () => page.evaluate((n) => window.bench.openHistory(n), HISTORY));
    const after = await metrics();
    const scroll = await traced(page, () => page.evaluate(() => window.bench.scrollHistory()));
    scroll.scrollLongestTaskCpu = scroll.longestTaskCpu;
    delete scroll.longestTaskCpu;
    return {
      ...r,
      ...scroll,
      problems: [...(r.messages === HISTORY ? [] : [`${r.messages} of ${HISTORY} messages`]), ...errors],
      mainMs: (after.TaskDuration - before.TaskDuration) * 1000,
    };
  } finally {
    await page.close();
  }
}

async function turnsRun(contender) {
  const { page, metrics, gc, errors } = await openPage(contender);
  try {
    await page.evaluate(() => window.bench.mount());
    const heap = async () => {
      await gc();
      return (await metrics()).JSHeapUsedSize / 1e6;
    };
    const checkpoints = [0, TURNS / 4, TURNS / 2, TURNS];
    const heaps = { 0: await heap() };
    let chars = 0;
    const textAt = { 0: 0 };
    for (let i = 1; i <= TURNS; i++) {
      await page.evaluate((n) => window.bench.sendShort(n), i);
      chars += shortReply(i).length + `short:${i}`.length;
      if (checkpoints.includes(i)) {
        heaps[i] = await heap();
        textAt[i] = chars;
      }
    }
    return { heaps, textAt, problems: errors };
  } finally {
    await page.close();
  }
}

// ------------------------------------------------------------------ measure
const stream = Object.fromEntries(CONTENDERS.map((c) => [c.id, Object.fromEntries(SIZES.map((s) => [s, []]))]));
const capped = {}; // contender id → the size whose run exceeded CAP_MS
const history = Object.fromEntries(CONTENDERS.map((c) => [c.id, []]));
const turns = {};
/**
 * What a run at `tokens` would cost, from the two largest sizes already measured: their scaling
 * carried on (a quadratic contender projects quadratically), so a contender that would take minutes
 * is not run at all.
 */
function projectedMs(id, tokens) {
  const ran = SIZES.filter((s) => s < tokens && stream[id][s].length).slice(-2);
  if (ran.length < 2) return 0;
  const [a, b] = ran.map((s) => median(stream[id][s].map((r) => r.mainMs)));
  const exponent = Math.max(1, Math.log(b / a) / Math.log(ran[1] / ran[0]));
  return b * (tokens / ran[1]) ** exponent;
}
const rotate = (list, k) => list.map((_, i) => list[(i + k) % list.length]);

for (let rep = 0; rep < REPS && !interrupted; rep++) {
  for (const tokens of PARTS.includes('stream') ? SIZES : []) {
    for (const c of rotate(CONTENDERS, rep)) {
      // over the cap: no more runs at that size, none above it
      const cap = capped[c.id];
      if (cap !== undefined && (tokens > cap || (tokens === cap && stream[c.id][cap].some((r) => r.mainMs > CAP_MS)))) continue;
      const projected = projectedMs(c.id, tokens);
      if (projected > CAP_MS) {
        capped[c.id] = SIZES.filter((s) => s < tokens).pop();
        log(`${c.id} ${tokens} tokens: not run, projected ${(projected / 1000).toFixed(0)} s of main-thread time from the smaller sizes`);
        continue;
      }
      const r = await streamRun(c, tokens);
      stream[c.id][tokens].push(r);
      log(
        `rep ${rep + 1}/${REPS} ${c.id} ${tokens} tokens: ${r.mainMs.toFixed(0)} ms main thread, longest task ${r.longestTaskCpu.toFixed(0)} ms CPU (${r.longestTask.toFixed(0)} ms wall)${r.problems.length ? `, PROBLEMS: ${r.problems.join('; ')}` : ''}`,
      );
      if (r.mainMs > CAP_MS) capped[c.id] = tokens;
    }
  }
  for (const c of PARTS.includes('history') ? rotate(CONTENDERS, rep) : []) {
    const r = await historyRun(c);
    history[c.id].push(r);
    log(
      `rep ${rep + 1}/${REPS} ${c.id} history of ${HISTORY}: ${r.renderMs.toFixed(0)} ms to render, longest task ${r.longestTaskCpu.toFixed(0)} ms CPU (${r.longestTask.toFixed(0)} wall), scrolling ${r.scrollLongestTaskCpu.toFixed(0)} ms CPU (${r.scrollLongestTask.toFixed(0)} wall)`,
    );
  }
}
for (const c of PARTS.includes('turns') ? CONTENDERS : []) {
  turns[c.id] = await turnsRun(c);
  log(
    `${c.id} ${TURNS} turns: heap ${Object.entries(turns[c.id].heaps)
      .map(([k, v]) => `${k}: ${v.toFixed(1)} MB`)
      .join(', ')}`,
  );
}
const version = await browser.version();
await browser.close();
await server.close();
const size = await sizeMap();
const elapsed = (Date.now() - t0) / 1000;

// ------------------------------------------------------------------ summarize
/** Median of a metric at a size, or a linear lower bound when the size was not run. */
function streamStat(id, tokens, key) {
  const runs = stream[id][tokens];
  if (runs.length) return { value: median(runs.map((r) => r[key])), runs: runs.length };
  const ran = SIZES.filter((s) => stream[id][s].length).pop();
  if (ran === undefined || key !== 'mainMs') return undefined;
  return { value: median(stream[id][ran].map((r) => r.mainMs)) * (tokens / ran), atLeast: true, from: ran };
}
const tokenCount = (n) => makeReply(n).tokens.length;
const fmt = (v, d = 0) => (v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const ms = (s) => (s ? `${s.atLeast ? '≥ ' : ''}${fmt(s.value)}${s.runs && s.runs < REPS ? ` (${s.runs} run)` : ''}` : '—');
const ratio = (a, b) => (a && b ? `${a.atLeast ? '≥ ' : ''}${fmt(a.value / b.value, a.value / b.value < 10 ? 1 : 0)}×` : '—');

const label = Object.fromEntries(ALL.map((c) => [c.id, c.label]));
const ours = CONTENDERS.find((c) => c.id === 'ours') ? 'ours' : undefined;
const lines = [];
const out = (s = '') => lines.push(s);

if (PARTS.includes('stream')) {
  out('### Streaming one reply (medians)');
  out();
  out(
    `Reply lengths: ${SIZES.map((s) => `${s / 1000}k = ${fmt(tokenCount(s))} tokens`).join(', ')}; every token is one Llama Stack \`step_progress\` event (Deep Chat: one \`{"text"}\` event).`,
  );
  out();
  const k = (s) => `${s / 1000}k`;
  const [big, biggest] = SIZES.slice(-2);
  out(
    `| contender | ${SIZES.map((s) => `main thread ${k(s)} (ms)`).join(' | ')} | scaling ${k(biggest)}/${k(big)} | longest task ${k(biggest)} (ms) | ` +
      `max commits per frame | first token (ms) | final frame ${k(biggest)} (ms) | heap after ${k(biggest)} (MB) |`,
  );
  out(`| --- | ${SIZES.map(() => '---:').join(' | ')} | ---: | ---: | ---: | ---: | ---: | ---: |`);
  for (const c of CONTENDERS) {
    const times = SIZES.map((s) => streamStat(c.id, s, 'mainMs'));
    const [b, d] = times.slice(-2);
    const largest = SIZES.filter((s) => stream[c.id][s].length).pop();
    const at = (key, s = largest) => (s === undefined ? undefined : streamStat(c.id, s, key)?.value);
    const note = largest !== biggest && largest !== undefined ? ` (at ${k(largest)})` : '';
    const maxCommits = Math.max(...SIZES.flatMap((s) => stream[c.id][s].map((r) => r.maxCommitsPerFrame)));
    out(
      `| ${label[c.id]} | ${times.map(ms).join(' | ')} | ${b && d && !d.atLeast ? fmt(d.value / b.value, 2) : '—'} | ` +
        `${fmt(at('longestTaskCpu'))} (${fmt(at('longestTask'))})${note} | ${Number.isFinite(maxCommits) ? maxCommits : '—'} | ${fmt(at('firstTokenMs', SIZES[0]), 1)} | ${fmt(at('finalFrameMs'))}${note} | ${fmt(at('heapMB'), 1)}${note} |`,
    );
  }
  if (ours) {
    out();
    out("Main-thread time of each contender divided by llama-agent-chat's, per reply length:");
    out();
    out(`| contender | ${SIZES.map((s) => `${s / 1000}k`).join(' | ')} |`);
    out(`| --- | ${SIZES.map(() => '---:').join(' | ')} |`);
    for (const c of CONTENDERS.filter((c) => c.id !== 'ours')) {
      out(`| ${label[c.id]} | ${SIZES.map((s) => ratio(streamStat(c.id, s, 'mainMs'), streamStat('ours', s, 'mainMs'))).join(' | ')} |`);
    }
  }
  out();
  out('Did each contender render all of it (end marker, headings, code blocks, tables of the final DOM)?');
  out();
  for (const c of CONTENDERS) {
    const problems = [...new Set(SIZES.flatMap((s) => stream[c.id][s].flatMap((r) => r.problems.map((p) => `${s / 1000}k: ${p}`))))];
    out(`- ${label[c.id]}: ${problems.length ? problems.join('; ') : 'yes, at every length'}`);
  }
  const cappedNote = Object.entries(capped).map(
    ([id, s]) =>
      `${label[id]} took, or by its scaling would take, over ${CAP_MS / 1000} s of main-thread time above ${s / 1000}k, so it was not run at larger sizes ` +
      `(≥: its ${s / 1000}k time scaled linearly, a lower bound)${stream[id][s].length < REPS ? `; at ${s / 1000}k it ran ${stream[id][s].length} time(s)` : ''}`,
  );
  if (cappedNote.length) {
    out();
    for (const n of cappedNote) out(`- ${n}.`);
  }
}
if (PARTS.includes('history')) {
  out();
  out(`### History of ${fmt(HISTORY)} messages (medians)`);
  out();
  out(
    '| contender | rendered and painted (ms) | main thread to open it (ms) | longest task, CPU (wall) (ms) | longest task while scrolling bottom → top, CPU (wall) (ms) |',
  );
  out('| --- | ---: | ---: | ---: | ---: |');
  for (const c of CONTENDERS) {
    const h = history[c.id];
    const m = (k) => median(h.map((r) => r[k]));
    const problems = [...new Set(h.flatMap((r) => r.problems))];
    out(
      `| ${label[c.id]}${problems.length ? ` (${problems.join('; ')})` : ''} | ${fmt(m('renderMs'))} | ${fmt(m('mainMs'))} | ${fmt(m('longestTaskCpu'))} (${fmt(m('longestTask'))}) | ${fmt(m('scrollLongestTaskCpu'))} (${fmt(m('scrollLongestTask'))}) |`,
    );
  }
  out();
  out(
    "Longest tasks: CPU time of the longest task of the page's main thread (from a `toplevel` trace), and in brackets its wall time from the `longtask` observer (0: none over 50 ms); on a loaded machine wall time also counts time other processes held the CPU.",
  );
}
if (PARTS.includes('turns')) {
  out();
  out(`### ${TURNS} turns in one session: JS heap after GC (MB)`);
  out();
  out(
    "The JS heap holds what a contender keeps as JavaScript data (our conversation state, parser state); DOM nodes live in the renderer's own heap and are not in it, so contenders that keep the conversation only as DOM look flat here.",
  );
  out();
  const cps = Object.keys(turns[CONTENDERS[0].id].heaps);
  out(`| contender | ${cps.map((k) => `${k} turns`).join(' | ')} | growth per 1,000 characters of text, first half → second half (KB) |`);
  out(`| --- | ${cps.map(() => '---:').join(' | ')} | ---: |`);
  for (const c of CONTENDERS) {
    const { heaps, textAt, problems } = turns[c.id];
    const half = TURNS / 2;
    const per = (a, b) => ((heaps[b] - heaps[a]) * 1e6) / 1024 / ((textAt[b] - textAt[a]) / 1000);
    out(
      `| ${label[c.id]}${problems.length ? ` (${problems.join('; ')})` : ''} | ${cps.map((k) => fmt(heaps[k], 1)).join(' | ')} | ${fmt(per(0, half), 1)} → ${fmt(per(half, TURNS), 1)} |`,
    );
  }
}
if (ours && PARTS.length === 3 && SIZES.includes(4000) && SIZES.includes(16000)) {
  const verdict = (ok) => (ok ? '**met**' : '**not met**');
  const o16 = streamStat('ours', 16000, 'mainMs');
  const o4 = streamStat('ours', 4000, 'mainMs');
  const runs16 = stream.ours[16000];
  const others = CONTENDERS.filter((c) => c.id !== 'ours').map((c) => ({ c, r: streamStat(c.id, 16000, 'mainMs') }));
  const longestCpu = Math.max(...runs16.map((r) => r.longestTaskCpu));
  const longestWall = Math.max(...runs16.map((r) => r.longestTask));
  const commits = Math.max(...runs16.map((r) => r.maxCommitsPerFrame));
  const firstToken = median(SIZES.flatMap((s) => stream.ours[s].map((r) => r.firstTokenMs)));
  const h = history.ours;
  const render = median(h.map((r) => r.renderMs));
  const scrollCpu = Math.max(...h.map((r) => r.scrollLongestTaskCpu));
  const scrollWall = Math.max(...h.map((r) => r.scrollLongestTask));
  const t = turns.ours;
  const per = (a, b) => (t.heaps[b] - t.heaps[a]) / (t.textAt[b] - t.textAt[a]);
  const linear = per(TURNS / 2, TURNS) <= per(0, TURNS / 2) * 1.25;
  out();
  out('### Targets (issue 13), for llama-agent-chat');
  out();
  if (others.length) {
    out(
      `- Main-thread time at 16k ≤ 1/10 of the others': ${verdict(others.every(({ r }) => r && r.value / o16.value >= 10))} (${others.map(({ c, r }) => `${label[c.id]} ${ratio(r, o16)}`).join(', ')}).`,
    );
  }
  out(`- Scaling 16k/4k ≤ 4.5: ${verdict(o16.value / o4.value <= 4.5)} (${fmt(o16.value / o4.value, 2)}).`);
  out(
    `- No task over 50 ms while streaming 16k: ${verdict(longestCpu <= 50)} in CPU time (longest ${fmt(longestCpu)} ms over ${runs16.length} runs); wall time ${fmt(longestWall)} ms on this loaded machine.`,
  );
  out(`- At most one DOM commit per frame: ${verdict(commits <= 1)} (at most ${commits} at 16k).`);
  out(
    `- First token shown within one frame (16.7 ms) of its arrival: ${verdict(firstToken <= 1000 / 60)} (median ${fmt(firstToken, 1)} ms).`,
  );
  out(
    `- History of ${fmt(HISTORY)} messages rendered in under a second: ${verdict(render < 1000)} (median ${fmt(render)} ms wall); no task over 50 ms while scrolling: ${verdict(scrollCpu <= 50)} in CPU time (longest ${fmt(scrollCpu)} ms), wall ${fmt(scrollWall)} ms.`,
  );
  out(
    `- Heap after ${TURNS} turns grows linearly with the text: ${verdict(linear)} (${fmt((per(0, TURNS / 2) * 1e9) / 1024, 1)} → ${fmt((per(TURNS / 2, TURNS) * 1e9) / 1024, 1)} KB per 1,000 characters, first half → second half).`,
  );
  out(
    `- Bundle ≤ 30 KB gzip: ${verdict(size.total.gzip <= 30 * 1024)} (${fmt(size.total.gzip / 1024, 2)} KB; the budget in package.json is checked by \`npm test\`).`,
  );
}
const table = lines.join('\n');
console.log(`\n${table}\n`);
console.log(sizeMapMarkdown(size));
console.log(`\nbench finished in ${elapsed.toFixed(0)} s`);

// ------------------------------------------------------------------ docs
if (WRITE) {
  const cpu = os.cpus();
  const doc = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\` (bench/run.js) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${fmt(elapsed)} s.`,
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.type()} ${os.release()}; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end (the machine is shared: absolute times vary from run to run, ratios much less); ` +
      `${version}, headless, driven by puppeteer-core. ${REPS} interleaved repetition${REPS === 1 ? '' : 's'}, fresh page per run.`,
    '',
    'Contenders: **llama-agent-chat** (the built `dist/llama-agent-chat.js`); a **naive** widget (bench/pages/contenders/naive.js: appends each delta and re-renders the whole message with `marked` into `innerHTML`); **Deep Chat** 2.4 (`deep-chat` from npm) in its default mode and with `connect.stream.partialRender`. All stream the same reply (prose, nested lists, code blocks, tables) cut into the same tokens, from bench/server.js, as fast as the server writes (after the first token, which comes alone with a 300 ms pause so its latency is measured on its own).',
    '',
    "How each number is taken: main-thread time is the page's CDP `TaskDuration` (in the main thread's CPU time, `threadTicks`) from send to the final render; longest task in CPU time from a trace, and in wall time from the `longtask` observer; a commit is a task that changed the DOM (a MutationObserver on the document and every shadow root), counted per animation frame; first token = arrival of the stream's first bytes (`responseStart`) → the first DOM commit that shows it; final frame = last byte (`responseEnd`) → last DOM commit; heap = `JSHeapUsedSize` after a forced GC.",
    '',
    '![Main-thread time against reply length](benchmarks.svg)',
    '',
    table,
    '',
    '### Bundle size map',
    '',
    'From `npm run size` (bench/size-map.js): every byte of the minified `dist/llama-agent-chat.js` attributed to its module through a source map.',
    '',
    sizeMapMarkdown(size),
    '',
  ].join('\n');
  writeFileSync(path.join(ROOT, 'docs/benchmarks.md'), doc);
  const series = CONTENDERS.map((c) => ({
    label: label[c.id],
    points: SIZES.map((s) => ({ x: tokenCount(s), stat: streamStat(c.id, s, 'mainMs') }))
      .filter((p) => p.stat)
      .map((p) => ({ x: p.x, y: p.stat.value, atLeast: !!p.stat.atLeast })),
  }));
  writeFileSync(path.join(ROOT, 'docs/benchmarks.svg'), chartSvg(series));
  // every run's raw numbers, for whoever wants another cut of them
  writeFileSync(
    path.join(ROOT, 'docs/benchmarks.json'),
    `${JSON.stringify({ date: new Date().toISOString(), argv, reps: REPS, sizes: SIZES, stream, capped, history, turns, size }, null, 1)}\n`,
  );
  console.log('wrote docs/benchmarks.md, docs/benchmarks.svg and docs/benchmarks.json (raw numbers)');
}
