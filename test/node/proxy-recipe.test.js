// The README's proxy recipe ("A proxy in front of Llama Stack"), run as written in front of the mock
// Llama Stack: it must stream, add the token, close the server's request when the visitor stops, and
// forward nothing but the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockLlamaStack } from '../../demo/mock/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'server-side-token';
// A proxy that buffers, or never closes the server's request, fails by this timeout instead of hanging.
const WITHIN = { timeout: 10_000 };
const MARKER = '<!-- checked: test/node/proxy-recipe.test.js -->';

/** The code block right after the marker in the README. */
export function proxyRecipe(markdown) {
  const at = markdown.indexOf(MARKER);
  assert.ok(at >= 0, `the README has no code block marked ${MARKER}`);
  const block = /```js\n([\s\S]*?)\n```/.exec(markdown.slice(at));
  assert.ok(block, 'no ```js block after the marker');
  return `${block[1]}\n`;
}

/** One Agents API event as the server frames it. */
const frame = (payload) => `data: ${JSON.stringify({ event: { payload } })}\n\n`;
const FIRST = frame({ event_type: 'step_progress', step_type: 'inference', step_id: 's1', delta: { type: 'text', text: 'Hello' } });
const REST = frame({ event_type: 'step_progress', step_type: 'inference', step_id: 's1', delta: { type: 'text', text: ' there' } });

/** A port nobody listens on, from the kernel. */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Reads a fetch body until `text` has arrived (or the body ends), keeping what came. */
async function readUntil(reader, got, text) {
  const decoder = new TextDecoder();
  while (!got.text.includes(text)) {
    const { value, done } = await reader.read();
    if (done) return false;
    got.text += decoder.decode(value, { stream: true });
  }
  return true;
}

let mock, proxy, proxyUrl, work;

before(async () => {
  mock = await startMockLlamaStack({ port: 0 });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'proxy-recipe-'));
  const file = path.join(work, 'proxy.mjs');
  fs.writeFileSync(file, proxyRecipe(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')));
  const port = await freePort();
  proxyUrl = `http://127.0.0.1:${port}`;
  proxy = spawn(process.execPath, [file], {
    env: { ...process.env, LLAMA_STACK_URL: mock.url, LLAMA_STACK_TOKEN: TOKEN, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Up when it answers anything; a proxy that dies makes the fetches fail until the test's timeout.
  for (;;) {
    if (proxy.exitCode !== null) throw new Error(`the recipe exited with ${proxy.exitCode}`);
    const up = await fetch(`${proxyUrl}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

after(async () => {
  proxy?.kill();
  await mock?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A scripted agent: the first event, then a gate the test holds, then the rest. */
async function gatedAgent(end = 'close') {
  const created = await fetch(`${mock.url}/__mock/scripts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chunks: [FIRST, { gate: 'rest' }, REST], end }),
  });
  return (await created.json()).agent_id;
}

async function recordedTurns(agentId) {
  const requests = await (await fetch(`${mock.url}/__mock/requests?agent_id=${agentId}`)).json();
  return requests.filter((r) => r.method === 'POST' && r.path.endsWith('/turn'));
}

function postTurn(agentId, signal) {
  return fetch(`${proxyUrl}/v1/agents/${agentId}/session/s1/turn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    signal,
  });
}

test('streams: the first event reaches the client while the server still holds the rest', WITHIN, async () => {
  const agentId = await gatedAgent();
  const res = await postTurn(agentId);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = res.body.getReader();
  const got = { text: '' };
  // The gate is still shut, so the rest cannot have been sent: a buffering proxy never gets here.
  assert.equal(await readUntil(reader, got, FIRST), true);
  assert.equal(got.text, FIRST);
  await fetch(`${mock.url}/__mock/scripts/${agentId}/gates/rest`, { method: 'POST' });
  await readUntil(reader, got, '\0never');
  assert.equal(got.text, FIRST + REST);
});

test('adds the token on the server: the page sends none, Llama Stack gets it', WITHIN, async () => {
  const agentId = await gatedAgent();
  await fetch(`${mock.url}/__mock/scripts/${agentId}/gates/rest`, { method: 'POST' });
  await (await postTurn(agentId)).text();
  const [turn] = await recordedTurns(agentId);
  assert.equal(turn.headers.authorization, `Bearer ${TOKEN}`);
  assert.deepEqual(turn.body, { messages: [{ role: 'user', content: 'Hi' }], stream: true });
});

test('stopping the reply closes the request to Llama Stack', WITHIN, async () => {
  const agentId = await gatedAgent('hang');
  const stop = new AbortController();
  const res = await postTurn(agentId, stop.signal);
  const got = { text: '' };
  await readUntil(res.body.getReader(), got, FIRST);
  assert.equal((await recordedTurns(agentId))[0].open, true);
  stop.abort();
  // The mock marks the request closed when its client (the proxy) goes away; wait for that.
  while ((await recordedTurns(agentId))[0].open) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal((await recordedTurns(agentId))[0].open, false);
});

test('forwards only the API: other paths get 404 and never reach Llama Stack', WITHIN, async () => {
  await fetch(`${mock.url}/__mock/requests`, { method: 'DELETE' });
  for (const p of ['/', '/admin/v1/agents', '/__mock/requests', '/v2/agents']) {
    const res = await fetch(`${proxyUrl}${p}`);
    assert.equal(res.status, 404, p);
  }
  assert.deepEqual(await (await fetch(`${mock.url}/__mock/requests`)).json(), []);
});
