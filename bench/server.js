// The bench's local server: static files (the bench pages, the built bundle, marked, Deep Chat) and
// a Llama Stack stand-in that streams the reply of bench/reply.js as fast as it can write.
//
//   GET  /v1/version                                → 0.2 (Agents API under /v1/agents)
//   POST /v1/agents/bench/session                   → a new empty session
//   GET  /v1/agents/bench/session/history-N         → N messages (N/2 turns: markdown, code, tool calls)
//   GET  /v1/agents/bench/session/<other>           → no turns
//   POST /v1/agents/bench/session/<id>/turn         → Agents API turn events; the user message says how
//                                                     long the reply is: "tokens:4000" (or "short:7")
//   POST /deepchat                                  → the same reply in Deep Chat's own stream format
//                                                     (`data: {"text": …}`), same tokens, same chunking
//   GET  /expect?tokens=N                           → what a full rendering of that reply contains
//   GET  /history-messages?count=N                  → the history as plain {role, text} messages
//
// Every stream writes its first token, waits FIRST_TOKEN_PAUSE_MS (so the first token's latency is
// measured on its own, not behind the rest), then writes everything else back to back in CHUNK-sized
// writes, honouring back-pressure.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeReply, shortReply, tokenize } from './reply.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIRST_TOKEN_PAUSE_MS = 300;
const CHUNK = 8192;
/** Only these folders are served. */
const STATIC = ['/bench/pages/', '/dist/', '/node_modules/marked/lib/', '/node_modules/deep-chat/dist/'];
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.css': 'text/css', '.map': 'application/json' };

/** The text a "tokens:N" / "short:I" message asks for. */
export function replyFor(message) {
  const long = /tokens:(\d+)/.exec(message);
  if (long) return makeReply(Number(long[1])).text;
  const short = /short:(\d+)/.exec(message);
  return shortReply(short ? Number(short[1]) : 0);
}

function agentsEvents(text, turnId, sessionId) {
  const stepId = `step-${turnId}`;
  const data = (payload) => `data: ${JSON.stringify({ event: { payload } })}\n\n`;
  const step = {
    turn_id: turnId,
    step_id: stepId,
    step_type: 'inference',
    model_response: { role: 'assistant', content: text, stop_reason: 'end_of_turn', tool_calls: [] },
  };
  return [
    data({ event_type: 'step_start', step_type: 'inference', step_id: stepId, metadata: {} }),
    ...tokenize(text).map((t) =>
      data({ event_type: 'step_progress', step_type: 'inference', step_id: stepId, delta: { type: 'text', text: t } }),
    ),
    data({ event_type: 'step_complete', step_type: 'inference', step_id: stepId, step_details: step }),
    data({
      event_type: 'turn_complete',
      turn: {
        turn_id: turnId,
        session_id: sessionId,
        input_messages: [],
        steps: [step],
        output_message: step.model_response,
        output_attachments: [],
        started_at: '2026-01-01T00:00:00Z',
        completed_at: '2026-01-01T00:00:01Z',
      },
    }),
  ];
}

const deepChatEvents = (text) => tokenize(text).map((t) => `data: ${JSON.stringify({ text: t })}\n\n`);

/**
 * Writes the events: headers and the first event at once (the first two when the first is not a
 * token), a pause, then the rest in CHUNK-sized writes as fast as the socket takes them.
 */
async function stream(res, events, firstCount) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  res.write(events.slice(0, firstCount).join(''));
  await new Promise((r) => setTimeout(r, FIRST_TOKEN_PAUSE_MS));
  const rest = events.slice(firstCount).join('');
  for (let i = 0; i < rest.length; i += CHUNK) {
    if (res.destroyed) return;
    if (!res.write(rest.slice(i, i + CHUNK))) await new Promise((r) => res.once('drain', r));
  }
  res.end();
}

/** A stored session of `count` messages: every 5th turn calls a tool, every 3rd reply has code. */
function historySession(sessionId, count) {
  const turns = [];
  for (let i = 0; i < count / 2; i++) {
    const turnId = `h${i}`;
    const text = shortReply(i);
    const steps = [];
    if (i % 5 === 0) {
      const call = { call_id: `c${i}`, tool_name: 'get_weather', arguments: JSON.stringify({ city: `City ${i}`, unit: 'celsius' }) };
      steps.push({
        turn_id: turnId,
        step_id: `t${i}`,
        step_type: 'tool_execution',
        tool_calls: [call],
        tool_responses: [
          {
            call_id: call.call_id,
            tool_name: call.tool_name,
            content: JSON.stringify({ temperature: i % 30, sky: 'clear' }),
            metadata: null,
          },
        ],
      });
    }
    const output = { role: 'assistant', content: text, stop_reason: 'end_of_turn', tool_calls: [] };
    steps.push({ turn_id: turnId, step_id: `s${i}`, step_type: 'inference', model_response: output });
    turns.push({
      turn_id: turnId,
      session_id: sessionId,
      input_messages: [{ role: 'user', content: `Question ${i}: how does **item ${i}** work?`, context: null }],
      steps,
      output_message: output,
      output_attachments: [],
      started_at: '2026-01-01T00:00:00Z',
      completed_at: '2026-01-01T00:00:01Z',
    });
  }
  return { session_id: sessionId, session_name: 'bench history', turns, started_at: '2026-01-01T00:00:00Z' };
}

/** The same history as plain messages, for the contenders that take it as data. */
export function historyMessages(count) {
  return historySession('history', count).turns.flatMap((t) => {
    const tool = t.steps.find((s) => s.step_type === 'tool_execution');
    const toolText = tool
      ? `**Tool call** \`${tool.tool_calls[0].tool_name}\`\n\n\`\`\`json\n${tool.tool_calls[0].arguments}\n\`\`\`\n\nResult: \`${tool.tool_responses[0].content}\`\n\n`
      : '';
    return [
      { role: 'user', text: t.input_messages[0].content },
      { role: 'assistant', text: toolText + t.output_message.content },
    ];
  });
}

function readBody(req) {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });
}

const json = (res, status, value) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

function serveStatic(req, res, pathname) {
  if (!STATIC.some((p) => pathname.startsWith(p))) return false;
  const file = path.join(ROOT, path.normalize(pathname));
  if (!file.startsWith(ROOT + path.sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
  return true;
}

export function startBenchServer({ port = 0, host = '127.0.0.1' } = {}) {
  let sessions = 0;
  let turns = 0;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    try {
      if (req.method === 'GET' && serveStatic(req, res, p)) return;
      if (p === '/v1/version') return json(res, 200, { version: '0.2.23' });
      if (p === '/history-messages') return json(res, 200, historyMessages(Number(url.searchParams.get('count'))));
      if (p === '/expect') return json(res, 200, makeReply(Number(url.searchParams.get('tokens'))).expect);
      if (p === '/deepchat' && req.method === 'POST') {
        const body = JSON.parse((await readBody(req)) || '{}');
        const last = body.messages?.[body.messages.length - 1]?.text ?? '';
        return void (await stream(res, deepChatEvents(replyFor(last)), 1));
      }
      const m = /^\/v1\/agents\/([^/]+)\/session(?:\/([^/]+)(\/turn)?)?$/.exec(p);
      if (m) {
        const [, , sessionId, turn] = m;
        if (!sessionId && req.method === 'POST') return json(res, 200, { session_id: `bench-${++sessions}` });
        if (sessionId && !turn && req.method === 'GET') {
          const h = /^history-(\d+)$/.exec(sessionId);
          return json(res, 200, h ? historySession(sessionId, Number(h[1])) : { session_id: sessionId, turns: [] });
        }
        if (sessionId && turn && req.method === 'POST') {
          const body = JSON.parse((await readBody(req)) || '{}');
          const text = replyFor(String(body.messages?.[0]?.content ?? ''));
          // step_start and the first token together, then the pause
          return void (await stream(res, agentsEvents(text, `turn-${++turns}`, sessionId), 2));
        }
      }
      json(res, 404, { detail: 'Not Found' });
    } catch (err) {
      if (!res.headersSent) json(res, 500, { detail: String(err) });
      else res.destroy();
    }
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({
        url: `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
