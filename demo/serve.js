// `npm run demo`: serves demo/ with Vite. By default the widget talks to the embedded mock Llama
// Stack (demo/mock/server.js) on the same origin; with LLAMA_STACK_URL it talks to a real server
// through Vite's proxy (same origin again, so the real server needs no CORS setting for the demo).
//
//   LLAMA_STACK_URL=http://localhost:8321 [LLAMA_STACK_AGENT_ID=…] [LLAMA_STACK_MODEL=…] npm run demo
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { createMockLlamaStack } from './mock/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = process.env.LLAMA_STACK_URL?.replace(/\/+$/, '');
const port = Number(process.env.PORT) || 5173;

/** With a real server and no agent id: create an agent for the demo, on LLAMA_STACK_MODEL or the first LLM. */
async function realAgentId() {
  if (process.env.LLAMA_STACK_AGENT_ID) return process.env.LLAMA_STACK_AGENT_ID;
  let model = process.env.LLAMA_STACK_MODEL;
  if (!model) {
    const models = await (await fetch(`${target}/v1/models`)).json();
    const llm = (models.data ?? []).find((m) => m.model_type === 'llm' || m.custom_metadata?.model_type === 'llm');
    model = llm?.identifier ?? llm?.id;
    if (!model) throw new Error(`No LLM found at ${target}/v1/models; set LLAMA_STACK_MODEL or LLAMA_STACK_AGENT_ID.`);
  }
  const response = await fetch(`${target}/v1/agents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      agent_config: { model, instructions: 'You are a helpful assistant. Answer in markdown.', enable_session_persistence: true },
    }),
  });
  if (!response.ok) throw new Error(`Creating a demo agent failed: HTTP ${response.status} ${await response.text()}`);
  const { agent_id: agentId } = await response.json();
  console.log(`Created agent ${agentId} on ${target} with model ${model}`);
  return agentId;
}

const demoConfig = target ? { backend: target, agentId: await realAgentId() } : { backend: 'mock', agentId: 'demo-agent' };
const mock = target ? undefined : createMockLlamaStack();

const server = await createServer({
  configFile: false,
  root,
  server: {
    port,
    host: '127.0.0.1',
    proxy: target
      ? Object.fromEntries(['/v1/', '/v1alpha/'].map((p) => [p, { target, changeOrigin: true }]))
      : undefined,
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
