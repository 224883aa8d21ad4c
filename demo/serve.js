// `npm run demo`: serves demo/ with Vite. By default the widget talks to the embedded mock Llama
// Stack (demo/mock/server.js) on the same origin; with LLAMA_STACK_URL it talks to a real server
// through Vite's proxy (same origin again, so the real server needs no CORS setting for the demo).
//
//   LLAMA_STACK_URL=http://localhost:8321 [LLAMA_STACK_AGENT_ID=…] [LLAMA_STACK_MODEL=…] npm run demo
// The page's protocol switch (or ?api=agents|responses|auto) picks the API.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { createMockLlamaStack } from './mock/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = process.env.LLAMA_STACK_URL?.replace(/\/+$/, '');
const port = Number(process.env.PORT) || 5173;

/** The first LLM the real server lists (Llama Stack ≤ 0.3: `identifier`/`model_type`; OGX / OpenAI: `id`). */
async function firstModel() {
  const models = await (await fetch(`${target}/v1/models`)).json();
  const llm = (models.data ?? []).find((m) => (m.model_type ?? m.custom_metadata?.model_type ?? 'llm') === 'llm');
  return llm?.identifier ?? llm?.id ?? '';
}

/**
 * For a real server: the model (LLAMA_STACK_MODEL or the first LLM) and, where the server still has
 * the Agents API, an agent (LLAMA_STACK_AGENT_ID, or one created for the demo).
 */
async function realConfig() {
  const model = process.env.LLAMA_STACK_MODEL || (await firstModel().catch(() => ''));
  let agentId = process.env.LLAMA_STACK_AGENT_ID ?? '';
  if (!agentId && model) {
    const response = await fetch(`${target}/v1/agents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        agent_config: { model, instructions: 'You are a helpful assistant. Answer in markdown.', enable_session_persistence: true },
      }),
    }).catch(() => undefined);
    if (response?.ok) {
      agentId = (await response.json()).agent_id;
      console.log(`Created agent ${agentId} on ${target} with model ${model}`);
    } else {
      console.log(`No Agents API at ${target} (HTTP ${response?.status ?? 'unreachable'}): use the Responses API in the demo.`);
    }
  }
  if (!model && !agentId) console.warn('No model found: set LLAMA_STACK_MODEL (and LLAMA_STACK_AGENT_ID for the Agents API).');
  return { backend: target, agentId, model };
}

const demoConfig = target ? await realConfig() : { backend: 'mock', agentId: 'demo-agent', model: 'llama3.2:3b' };
const mock = target ? undefined : createMockLlamaStack();

const server = await createServer({
  configFile: false,
  root,
  // Only the demo's pages: the adopter apps under test/ import recipe files that exist only while
  // npm run check:adopters runs, and scanning them would print a build error at every start.
  optimizeDeps: { entries: ['demo/**/*.html'] },
  server: {
    port,
    host: '127.0.0.1',
    proxy: target ? Object.fromEntries(['/v1/', '/v1alpha/'].map((p) => [p, { target, changeOrigin: true }])) : undefined,
  },
  plugins: [
    {
      name: 'llama-agent-chat-demo',
      configureServer(dev) {
        dev.middlewares.use('/demo-config.json', (_req, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(demoConfig));
        });
        if (mock) dev.middlewares.use((req, res, next) => mock.handle(req, res, next));
      },
    },
  ],
});
await server.listen();
const url = `http://127.0.0.1:${server.config.server.port}/demo/`;
console.log(`\n  llama-agent-chat demo: ${url}\n  backend: ${target ?? 'embedded mock Llama Stack'}\n`);
