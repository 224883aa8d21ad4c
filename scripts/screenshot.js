#!/usr/bin/env node
// `npm run screenshot`: the README's picture, docs/screenshot.png, taken headless from the demo as it
// runs (`node demo/serve.js` with the embedded mock), so it shows the widget as it really renders.
// A server tool call and a client tool call, in the light theme; the page's own controls are cropped
// away. Needs /usr/bin/chromium (or CHROMIUM_BIN).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { freePort } from '../test/support/ports.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Starts the demo and resolves with its address once it says it listens. */
function startDemo(port) {
  const demo = spawn(process.execPath, ['demo/serve.js'], { cwd: ROOT, env: { ...process.env, PORT: String(port) } });
  const ready = new Promise((resolve, reject) => {
    let said = '';
    demo.stdout.on('data', (data) => {
      said += data;
      const url = /llama-agent-chat demo: (\S+)/.exec(said)?.[1];
      if (url) resolve(url);
    });
    demo.stderr.on('data', (data) => process.stderr.write(data));
    demo.on('exit', (code) => reject(new Error(`the demo exited (${code}) before it listened`)));
  });
  return { demo, ready };
}

const { demo, ready } = startDemo(await freePort());
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 760, height: 1100, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.goto(await ready, { waitUntil: 'networkidle0' });
  const statuses = await page.evaluate(async () => {
    const chat = /** @type {any} */ (document.querySelector('llama-agent-chat'));
    chat.style.height = '720px';
    chat.title = 'Support';
    const server = await chat.send('Search the web for the latest Node.js release.');
    const client = await chat.send('What time is it for me? Check the page title too.');
    return [server.status, client.status];
  });
  if (statuses.some((s) => s !== 'complete')) throw new Error(`a demo turn did not complete: ${statuses}`);
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the last frame paint
  const chat = await page.$('llama-agent-chat');
  if (!chat) throw new Error('no <llama-agent-chat> on the demo page');
  await chat.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  demo.kill();
}
