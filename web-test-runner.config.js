// @ts-check
// Web Test Runner config: Chromium, Firefox and WebKit (WebKitGTK MiniBrowser), all from Debian
// packages; nothing is downloaded.
//
//   BROWSERS=chromium,firefox,webkit   select engines (default: all three)
//   WTR_SUMMARY_FILE=/path/x.json      where test/support/counting-reporter.js
//                                      writes per-engine counts (set by test/run.js)
//
// Side processes owned by this config (started in serverStart, stopped in serverStop and on process
// exit):
//   - the mock Llama Stack (demo/mock/server.js), URL injected as window.__MOCK_URL__
//   - `xvfb-run -a WebKitWebDriver --port=N` (only when webkit is selected; test/support/webkit-driver.js)
//   - the script-tag bundle, built for test/bundle/ (test/support/built-bundle.js)
// The launchers, and the bookkeeping that closes their browsers, are in test/support/launchers.js.
import { constants as osConstants } from 'node:os';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { builtBundle } from './test/support/built-bundle.js';
import { countingReporter } from './test/support/counting-reporter.js';
import { launchers, puppeteerBrowsers } from './test/support/launchers.js';
import { freePort } from './test/support/ports.js';
import { webKitDriver } from './test/support/webkit-driver.js';

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

// ---------------------------------------------------------------- side processes
// Nothing listens here during the run: for network-failure tests.
const closedPort = await freePort();
const webdriverPort = engines.includes('webkit') ? await freePort() : 0;
const driver = webKitDriver({ port: webdriverPort });
const browsers = puppeteerBrowsers();
const bundle = builtBundle(import.meta.dirname);

/** The mock Llama Stack while it runs. @type {{ url: string, close(): Promise<void> } | undefined} */
let mock;

/** @type {import('@web/test-runner').TestRunnerPlugin} */
const sideProcessesPlugin = {
  name: 'side-processes',
  async serverStart() {
    const { startMockLlamaStack } = await import('./demo/mock/server.js');
    const [m] = await Promise.all([
      startMockLlamaStack({ port: 0, host: '127.0.0.1' }),
      engines.includes('webkit') ? driver.start() : undefined,
      bundle.build(),
    ]);
    mock = m;
  },
  async serverStop() {
    await Promise.allSettled([mock?.close(), driver.stop()]);
    mock = undefined;
    bundle.remove();
  },
};

process.once('exit', () => {
  browsers.killSync();
  driver.killSync();
});

// WTR handles SIGINT (and puppeteer exits on it; the 'exit' handler above cleans up). WTR does not
// handle SIGTERM/SIGHUP at all: shut down here, gracefully if possible (so temp profiles and
// xvfb-run's tmpdir go too).
let shuttingDown = false;
for (const sig of /** @type {const} */ (['SIGTERM', 'SIGHUP'])) {
  process.on(sig, async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    const code = 128 + (osConstants.signals[sig] ?? 15);
    setTimeout(() => process.exit(code), 10000);
    await Promise.allSettled([browsers.closeAll(), driver.stop(), mock?.close()]);
    process.exit(code);
  });
}

const engineLaunchers = launchers(browsers, { webdriverPort });

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
    bundle.serve,
    async (ctx, next) => {
      await next();
      if (ctx.path === '/test/security/csp-page.html') ctx.set('Content-Security-Policy', strictCsp());
    },
  ],
  files: 'test/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2021' }), sideProcessesPlugin],
  browsers: engines.map((e) => engineLaunchers[e]()),
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
