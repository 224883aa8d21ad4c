#!/usr/bin/env node
// `npm run check:adopters`: uses the package the way adopters do. Packs it (`npm pack`), unpacks the
// tarball as an installed dependency under .adopters/node_modules/llama-agent-chat, writes the
// README's recipes marked `<!-- adopters: … -->` into the apps of test/adopters/, then:
//   strict-ts   tsc (strict, skipLibCheck false) + Vite build + a turn in Chromium
//   react-19    tsc (React 19 types, wrong props must fail) + Vite build + a turn in Chromium
//   vue-3       vue-tsc (the element's types from llama-agent-chat/vue; wrong props must fail) + Vite build
//               with the README's vite.config.ts (Vue's dev build, so a Vue warning fails) + a turn
//   svelte-5    svelte-check (the element's types from llama-agent-chat/svelte; wrong props must fail) + Vite build with
//               @sveltejs/vite-plugin-svelte + a turn in Chromium
//   script-tag  the page as written (CDN address mapped to the unpacked package) + a turn in Chromium,
//               and the classic script (.iife.js) sets window.LlamaAgentChat
// The turns run against the mock Llama Stack (demo/mock/server.js). The packed package's own
// dependencies (lit, sse.js, streaming-markdown), React, Vue and Svelte resolve from this repository's
// node_modules, so the check needs no network: it proves what the tarball contains and how its
// exports and types resolve, not that npm can install its dependency ranges.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { startMockLlamaStack } from '../demo/mock/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = path.join(ROOT, '.adopters');
const APPS = ['strict-ts', 'react-19', 'vue-3', 'svelte-5', 'script-tag'];
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const AGENT = 'demo-agent'; // the mock's built-in agent
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const step = (text) => console.log(`[check:adopters ${seconds()}] ${text}`);

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

/** The README's code blocks marked `<!-- adopters: app/file -->`, by file (Prettier puts a blank line between the two). */
export function readmeRecipes(markdown) {
  const recipes = new Map();
  for (const [, file, code] of markdown.matchAll(/<!-- adopters: (\S+) -->\n\s*```\w*\n([\s\S]*?)\n```/g)) recipes.set(file, `${code}\n`);
  return recipes;
}

function pack() {
  if (!fs.existsSync(path.join(ROOT, 'dist/npm/index.js')) || !fs.existsSync(path.join(ROOT, 'custom-elements.json'))) {
    step('no build yet: npm run build');
    run('npm', ['run', 'build']);
  }
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', WORK], { cwd: ROOT, encoding: 'utf8' });
  const tarball = path.join(WORK, JSON.parse(out)[0].filename);
  // A package.json of its own: without it the apps sit inside this repository's package scope, where
  // `import 'llama-agent-chat'` resolves to the repository itself (package self-reference), not to the
  // unpacked tarball.
  fs.writeFileSync(path.join(WORK, 'package.json'), JSON.stringify({ name: 'adopters', private: true, type: 'module' }));
  const installed = path.join(WORK, 'node_modules', 'llama-agent-chat');
  fs.mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const resolved = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', "console.log(import.meta.resolve('llama-agent-chat/react'))"],
    {
      cwd: WORK,
      encoding: 'utf8',
    },
  ).trim();
  if (!fileURLToPath(resolved).startsWith(installed))
    throw new Error(`llama-agent-chat resolves to ${resolved}, not to the unpacked package`);
  step(`packed and unpacked ${path.basename(tarball)} (${fs.statSync(tarball).size} bytes)`);
}

function writeApps(mockUrl) {
  const recipes = readmeRecipes(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  for (const app of APPS) {
    // An app made only of README code blocks (script-tag) has no files of its own in git.
    const source = path.join(ROOT, 'test/adopters', app);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(WORK, app), { recursive: true });
    else fs.mkdirSync(path.join(WORK, app), { recursive: true });
    const files = [...recipes.keys()].filter((f) => f.startsWith(`${app}/`));
    if (files.length === 0) throw new Error(`the README has no recipe marked <!-- adopters: ${app}/… -->`);
    for (const file of files) {
      const code = recipes
        .get(file)
        .replaceAll('http://localhost:8321', mockUrl)
        .replaceAll('YOUR-AGENT-ID', AGENT)
        .replaceAll('YOUR-TOKEN', `token-${app}`)
        .replaceAll('https://cdn.jsdelivr.net/npm/llama-agent-chat@0.2/', '/node_modules/llama-agent-chat/');
      fs.mkdirSync(path.dirname(path.join(WORK, file)), { recursive: true });
      fs.writeFileSync(path.join(WORK, file), code);
    }
  }
}

/** Each app's type-checker: tsc, or the framework's own for its component files. */
const TYPECHECK = {
  'strict-ts': ['typescript/bin/tsc', '-p', 'tsconfig.json'],
  'react-19': ['typescript/bin/tsc', '-p', 'tsconfig.json'],
  'vue-3': ['vue-tsc/bin/vue-tsc.js', '-p', 'tsconfig.json'],
  'svelte-5': [
    'svelte-check/bin/svelte-check',
    '--workspace',
    '.',
    '--tsconfig',
    './tsconfig.json',
    '--fail-on-warnings',
    '--output',
    'human',
  ],
};

/** Runs the apps' type-checkers side by side (each is single-threaded), printing a checker's output only if it fails. */
async function typecheck(apps) {
  const queue = [...apps];
  const failures = [];
  const worker = async () => {
    for (let app = queue.shift(); app; app = queue.shift()) {
      const [bin, ...args] = TYPECHECK[app];
      const name = path.basename(bin, '.js');
      const outcome = await new Promise((resolve) =>
        execFile(
          process.execPath,
          [path.join(ROOT, 'node_modules', bin), ...args],
          { cwd: path.join(WORK, app) },
          (error, stdout, stderr) => resolve({ error, output: `${stdout}${stderr}`.trim() }),
        ),
      );
      if (outcome.error) {
        console.error(`${app}: ${name} failed:\n${outcome.output}`);
        failures.push(`${app}: ${name}`);
      } else step(`${app}: ${name} passed`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(apps.length, os.availableParallelism()) }, worker));
  if (failures.length) throw new Error(`type-check failed: ${failures.join(', ')}`);
}

async function viteBuild(app) {
  const cwd = path.join(WORK, app);
  // Vue and Svelte build with the app's vite.config.ts (Vue's from the README). Vue's development build
  // keeps its warnings, so a missing isCustomElement ("Failed to resolve component") fails the turn.
  const configFile = path.join(cwd, 'vite.config.ts');
  await build({
    root: cwd,
    configFile: fs.existsSync(configFile) ? configFile : false,
    base: './',
    logLevel: 'warn',
    ...(app === 'vue-3' && { mode: 'development', define: { 'process.env.NODE_ENV': '"development"' } }),
    build: { outDir: 'dist', emptyOutDir: true },
  });
  step(`${app}: vite build passed`);
}

/** Serves .adopters/ (the built apps, the script-tag page and the unpacked package). */
function serveWork() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const file = path.join(WORK, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(WORK) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function turnInBrowser(browser, url, app, mockUrl) {
  const page = await browser.newPage();
  const logs = [];
  const warnings = [];
  page.on('console', (message) => {
    logs.push(message.text());
    if (message.type() === 'warn' && !message.text().startsWith('Lit is in dev mode')) warnings.push(message.text());
  });
  page.on('pageerror', (error) => logs.push(`page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('llama-agent-chat') && document.querySelector('llama-agent-chat'));
  const seen = await page.evaluate(async () => {
    const chat = document.querySelector('llama-agent-chat');
    await chat.updateComplete;
    const outcome = await chat.send('Hello from the adopter check');
    return {
      status: outcome.status,
      reply: outcome.message?.content ?? '',
      headersProperty: chat.headers,
      headersAttribute: chat.getAttribute('headers'),
      clientTool: typeof chat.clientTools?.get_page_title,
      clientToolsAttribute: chat.getAttribute('clienttools'),
    };
  });
  await page.waitForFunction(() => true); // let the listener's console message arrive
  const problems = [];
  if (seen.status !== 'complete' || !seen.reply) problems.push(`the turn ended ${seen.status} with reply ${JSON.stringify(seen.reply)}`);
  if (seen.headersProperty?.Authorization !== `Bearer token-${app}` || seen.headersAttribute !== null)
    problems.push(`headers did not arrive as a property: ${JSON.stringify(seen)}`);
  if (seen.clientTool !== 'function' || seen.clientToolsAttribute !== null)
    problems.push(`clientTools did not arrive as a property: ${JSON.stringify(seen)}`);
  if (!logs.includes('turn ended: complete')) problems.push(`the turn-complete listener did not run; console: ${JSON.stringify(logs)}`);
  const requests = await (await fetch(`${mockUrl}/__mock/requests?agent_id=${AGENT}`)).json();
  const turn = requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/turn'))
    .find((r) => r.headers.authorization === `Bearer token-${app}`);
  if (!turn) problems.push('no turn request reached the server with the Authorization header from the headers property');
  const errors = logs.filter((l) => /error/i.test(l) && !l.startsWith('Lit is in dev mode'));
  if (errors.length) problems.push(`errors on the page: ${errors.join(' | ')}`);
  if (warnings.length) problems.push(`warnings on the page: ${warnings.join(' | ')}`);
  await page.close();
  if (problems.length) throw new Error(`${app}: ${problems.join('; ')}`);
  step(`${app}: a turn completed in Chromium, headers and clientTools arrived as properties, the listener ran`);
}

async function classicScript(browser, base) {
  const page = await browser.newPage();
  await page.goto(`${base}/script-tag/index.html`);
  const ok = await page.evaluate(async () => {
    // A second page would be cleaner, but one element can be defined once: check the global instead.
    const script = document.createElement('script');
    script.src = '/node_modules/llama-agent-chat/dist/llama-agent-chat.iife.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    document.head.append(script);
    await loaded;
    const api = window.LlamaAgentChat;
    return typeof api?.LlamaAgentChat === 'function' && typeof api?.ChatMessageElement === 'function';
  });
  await page.close();
  if (!ok) throw new Error('script-tag: the classic script did not set window.LlamaAgentChat');
  step('script-tag: the classic script sets window.LlamaAgentChat');
}

let mock;
let server;
let browser;
try {
  pack();
  mock = await startMockLlamaStack({ port: 0, host: '127.0.0.1' });
  writeApps(mock.url);
  const built = ['strict-ts', 'react-19', 'vue-3', 'svelte-5'];
  await typecheck(built);
  for (const app of built) await viteBuild(app);
  server = await serveWork();
  const base = `http://127.0.0.1:${server.address().port}`;
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  await turnInBrowser(browser, `${base}/strict-ts/dist/index.html`, 'strict-ts', mock.url);
  for (const app of ['react-19', 'vue-3', 'svelte-5']) await turnInBrowser(browser, `${base}/${app}/dist/index.html`, app, mock.url);
  await turnInBrowser(browser, `${base}/script-tag/index.html`, 'script-tag', mock.url);
  await classicScript(browser, base);
  step('all adopter checks passed');
} catch (error) {
  console.error(`[check:adopters ${seconds()}] FAILED: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  server?.close();
  await mock?.close().catch(() => {});
}
