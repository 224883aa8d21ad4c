// @ts-check
// Web Test Runner config: Chromium, Firefox and WebKit (WebKitGTK MiniBrowser),
// all from Debian packages; nothing is downloaded.
//
//   BROWSERS=chromium,firefox,webkit   select engines (default: all three)
//   WTR_SUMMARY_FILE=/path/x.json      where test/support/counting-reporter.js
//                                      writes per-engine counts (set by test/run.js)
//
// Side processes owned by this config (started in serverStart, stopped in
// serverStop and on process exit):
//   - the mock Llama Stack (demo/mock/server.js), URL injected as window.__MOCK_URL__
//   - `xvfb-run -a WebKitWebDriver --port=N` (only when webkit is selected)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteerCore from 'puppeteer-core';
import { countingReporter } from './test/support/counting-reporter.js';

const CHROMIUM_BIN = '/usr/bin/chromium';
const FIREFOX_BIN = '/usr/bin/firefox-esr';
const MINIBROWSER_BIN = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];

// ---------------------------------------------------------------- engines
const selected = (process.env.BROWSERS ?? ALL_ENGINES.join(','))
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
const unknown = selected.filter((s) => !ALL_ENGINES.includes(s));
if (unknown.length > 0 || selected.length === 0) {
  throw new Error(
    `BROWSERS=${process.env.BROWSERS ?? ''}: expected a comma-separated subset of ${ALL_ENGINES.join(',')}` +
      (unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''),
  );
}
const engines = ALL_ENGINES.filter((e) => selected.includes(e));

// ---------------------------------------------------------------- ports
/** A port that was free a moment ago (listen on 0, note it, close). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once host:port accepts a TCP connection. */
async function waitForPort(port, { timeoutMs, isDead }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const sock = net.connect({ host: '127.0.0.1', port });
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    const dead = isDead();
    if (dead) throw new Error(dead);
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Nothing listens here during the run: for network-failure tests.
const closedPort = await freePort();
const webdriverPort = engines.includes('webkit') ? await freePort() : 0;

/** The mock Llama Stack while it runs. @type {{ url: string, close(): Promise<void> } | undefined} */
let mock;

// ---------------------------------------------------------------- WebKitWebDriver under xvfb-run
/** @type {import('node:child_process').ChildProcess | undefined} */
let driverProc;
let driverStderr = '';

/** pids of the processes in process group `pgid` (Linux /proc). */
function groupMembers(pgid) {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // fields after "(comm)": state ppid pgrp ...
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) === pgid) pids.push(Number(name));
    } catch {
      // process went away
    }
  }
  return pids;
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already gone
  }
}

/**
 * Synchronous last resort (process 'exit'): SIGKILL every member of the
 * xvfb-run group except the xvfb-run shell itself, which then runs its own
 * clean-up (Xauthority tmpdir) and exits.
 */
function killDriverSync() {
  const p = driverProc;
  if (!p?.pid) return;
  driverProc = undefined;
  for (const pid of groupMembers(p.pid)) {
    if (pid !== p.pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

async function startWebKitDriver() {
  driverProc = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${webdriverPort}`, '--host=127.0.0.1'],
    // detached: own process group, so the whole tree (xvfb-run, Xvfb,
    // WebKitWebDriver, MiniBrowser, WebKit*Process) can be found and signalled
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const proc = driverProc;
  let exitInfo = '';
  proc.once('exit', (code, sig) => {
    exitInfo = `xvfb-run WebKitWebDriver exited early (code ${code}, signal ${sig})`;
  });
  proc.once('error', (err) => {
    exitInfo = `could not start xvfb-run WebKitWebDriver: ${err.message}`;
  });
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (d) => {
    driverStderr = (driverStderr + d).slice(-4000);
  });
  await waitForPort(webdriverPort, {
    timeoutMs: 30000,
    isDead: () => (exitInfo ? `${exitInfo}\n${driverStderr}` : ''),
  });
}

async function stopWebKitDriver() {
  const proc = driverProc;
  if (!proc?.pid) return;
  driverProc = undefined;
  const pgid = proc.pid;
  if (proc.exitCode === null && proc.signalCode === null) {
    // TERM everything but the xvfb-run shell: once its command (WebKitWebDriver)
    // ends, xvfb-run cleans up its Xauthority tmpdir and Xvfb itself.
    for (const pid of groupMembers(pgid)) {
      if (pid !== pgid) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // gone
        }
      }
    }
    const exited = await new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), 5000);
      proc.once('exit', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    if (!exited) signalGroup(pgid, 'SIGTERM');
  }
  // anything left in the group (e.g. a MiniBrowser that ignored TERM)
  await new Promise((r) => setTimeout(r, 200));
  if (groupMembers(pgid).length > 0) signalGroup(pgid, 'SIGKILL');
}

// ---------------------------------------------------------------- puppeteer browsers
// WTR closes the browsers itself at the end of a normal run. On an abnormal
// exit, puppeteer's own exit handler is not enough: with two puppeteer
// browsers (Chromium + Firefox) it kills only the first one (its shared
// listener list is modified while being iterated), so track them here too.
/** @type {Map<number, { browser: any, profileDir?: string }>} */
const puppeteerBrowsers = new Map();
let shuttingDown = false;

function trackBrowser(browser) {
  const proc = browser.process?.();
  if (!proc?.pid || puppeteerBrowsers.has(proc.pid)) return;
  // the temporary profile puppeteer created (removed by browser.close(), not by a kill)
  const args = proc.spawnargs ?? [];
  const i = args.indexOf('--profile');
  const candidate =
    args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length) ?? (i >= 0 ? args[i + 1] : undefined);
  const profileDir =
    candidate && path.dirname(candidate) === tmpdir() && path.basename(candidate).startsWith('puppeteer_dev_') ? candidate : undefined;
  const pid = proc.pid;
  puppeteerBrowsers.set(pid, { browser, profileDir });
  proc.once('exit', () => puppeteerBrowsers.delete(pid));
}

/** @type {Set<Promise<unknown>>} browser launches in progress */
const launching = new Set();

/**
 * Wraps a chromeLauncher/chromeLauncher instance so every browser it
 * launches is tracked, and no new browser is launched while shutting down
 * (WTR would otherwise relaunch one for the next test file).
 */
function tracked(launcher) {
  const launch = launcher.launchBrowser.bind(launcher);
  launcher.launchBrowser = async (options) => {
    if (shuttingDown) throw new Error('test run is shutting down');
    const pending = launch(options);
    launching.add(pending);
    try {
      const browser = await pending;
      trackBrowser(browser);
      if (shuttingDown) {
        await browser.close().catch(() => {});
        throw new Error('test run is shutting down');
      }
      return browser;
    } finally {
      launching.delete(pending);
    }
  };
  return launcher;
}

function killBrowsersSync() {
  for (const [pid, { profileDir }] of puppeteerBrowsers) {
    puppeteerBrowsers.delete(pid);
    signalGroup(pid, 'SIGKILL'); // puppeteer starts them detached: pgid = pid
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
    if (profileDir) {
      try {
        rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // best effort
      }
    }
  }
}

process.once('exit', () => {
  killBrowsersSync();
  killDriverSync();
});

// WTR handles SIGINT (and puppeteer exits on it; the 'exit' handler above
// cleans up). WTR does not handle SIGTERM/SIGHUP at all: shut down here,
// gracefully if possible (so temp profiles and xvfb-run's tmpdir go too).
for (const sig of /** @type {const} */ (['SIGTERM', 'SIGHUP'])) {
  process.on(sig, async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    const code = 128 + (osConstants.signals[sig] ?? 15);
    setTimeout(() => process.exit(code), 10000);
    await Promise.allSettled([...launching]); // they close themselves (shuttingDown)
    await Promise.allSettled([...[...puppeteerBrowsers.values()].map(({ browser }) => browser.close()), stopWebKitDriver(), mock?.close()]);
    process.exit(code);
  });
}

// ---------------------------------------------------------------- the script-tag bundle, as built
// test/bundle/ runs the minified bundle itself (its private members renamed by the build), served at
// /__built/: the other tests import src/, which says nothing about what the build made of it.
let builtDir;
async function buildBundle() {
  const { build } = await import('vite');
  builtDir = mkdtempSync(path.join(tmpdir(), 'llama-agent-chat-built-'));
  await build({
    configFile: path.join(import.meta.dirname, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: builtDir, emptyOutDir: true },
  });
}
const serveBuiltBundle = async (ctx, next) => {
  const file = /^\/__built\/([\w.-]+\.js)$/.exec(ctx.path)?.[1];
  if (!file || !builtDir) return next();
  ctx.type = 'text/javascript';
  ctx.body = readFileSync(path.join(builtDir, file), 'utf8');
};

// ---------------------------------------------------------------- mock Llama Stack + WebKitWebDriver lifecycle
/** @type {import('@web/test-runner').TestRunnerPlugin} */
const sideProcessesPlugin = {
  name: 'side-processes',
  async serverStart() {
    const { startMockLlamaStack } = await import('./demo/mock/server.js');
    const [m] = await Promise.all([
      startMockLlamaStack({ port: 0, host: '127.0.0.1' }),
      engines.includes('webkit') ? startWebKitDriver() : undefined,
      buildBundle(),
    ]);
    mock = m;
  },
  async serverStop() {
    await Promise.allSettled([mock?.close(), stopWebKitDriver()]);
    mock = undefined;
    if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  },
};

// ---------------------------------------------------------------- launchers
const launchers = {
  chromium: () =>
    tracked(
      chromeLauncher({
        launchOptions: {
          executablePath: CHROMIUM_BIN,
          headless: true,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      }),
    ),
  firefox: () =>
    // chromeLauncher drives any browser puppeteer can launch; handing it
    // puppeteer-core (which never downloads a browser) instead of the full
    // `puppeteer` that @web/test-runner-puppeteer pulls in keeps `npm install`
    // free of browser downloads. puppeteer 24 drives Firefox over WebDriver BiDi.
    tracked(
      chromeLauncher({
        puppeteer: puppeteerCore,
        launchOptions: { browser: 'firefox', executablePath: FIREFOX_BIN, headless: true },
      }),
    ),
  webkit: () => {
    const launcher = webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: webdriverPort,
      capabilities: {
        // no browserName: WebKitWebDriver takes the browser from webkitgtk:browserOptions
        'webkitgtk:browserOptions': { binary: MINIBROWSER_BIN, args: ['--automation'] },
      },
    });
    // the launcher derives its name from browserName/platformName (none here)
    const initialize = launcher.initialize.bind(launcher);
    launcher.initialize = async (...args) => {
      await initialize(...args);
      launcher.name = 'WebKit';
    };
    return launcher;
  },
};

const json = (v) => JSON.stringify(v).replace(/</g, '\\u003c');

/**
 * The strict policy of issue 8, for test/security/csp-page.html: no inline script or style, no eval,
 * Trusted Types required (Lit's policy is named lit-html), network only to the mock (base-url).
 */
const strictCsp = () =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${mock ? new URL(mock.url).origin : "'none'"}`,
    'img-src https:',
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  middleware: [
    serveBuiltBundle,
    async (ctx, next) => {
      await next();
      if (ctx.path === '/test/security/csp-page.html') ctx.set('Content-Security-Policy', strictCsp());
    },
  ],
  files: 'test/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2021' }), sideProcessesPlugin],
  browsers: engines.map((e) => launchers[e]()),
  // 2 cores, three engines
  concurrency: 1,
  concurrentBrowsers: 3,
  browserStartTimeout: 120000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), countingReporter()],
  testRunnerHtml: (testFramework) => `<!DOCTYPE html>
<html>
  <head><meta charset="utf-8"></head>
  <body>
    <script>
      window.__MOCK_URL__ = ${json(mock?.url ?? null)};
      window.__CLOSED_PORT_URL__ = ${json(`http://127.0.0.1:${closedPort}`)};
      window.__FUZZ_RUNS__ = ${json(Number(process.env.FUZZ_RUNS) || null)};
      window.__FUZZ_SEED__ = ${json(Number(process.env.FUZZ_SEED) || null)};
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
