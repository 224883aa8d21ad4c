// Contender 2: what most chat widgets do. Each delta is appended to the message's text and the whole
// message is re-rendered: marked → HTML string → innerHTML. (Model text as innerHTML is exactly what
// llama-agent-chat never does; here it only measures the cost of the approach.)
import { marked } from '/node_modules/marked/lib/marked.esm.js';
import { nextFrame } from '../harness.js';

/** @type {HTMLElement} */
let list;
let turn = 0;

function bubble(role, text) {
  const div = document.createElement('div');
  div.className = `msg ${role}`;
  if (role === 'user') div.textContent = text;
  else div.innerHTML = marked.parse(text);
  list.append(div);
  return div;
}

/** @type {import('./contender.js').Contender} */
export default {
  streamPath: '/turn',
  needsHistoryData: true,
  async mount({ history = [] }) {
    list = document.createElement('div');
    list.style.cssText = 'height:600px;overflow:auto;padding:8px;border:1px solid #ccc';
    document.body.append(list);
    for (const m of history) bubble(m.role, m.text);
    list.scrollTop = list.scrollHeight;
  },
  async rendered(count) {
    while (list.children.length < count) await nextFrame();
  },
  async send(text) {
    bubble('user', text);
    const reply = bubble('assistant', '');
    let content = '';
    const response = await fetch(`/v1/agents/bench/session/naive/turn?n=${++turn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: text }], stream: true }),
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      for (const event of events) {
        if (!event.startsWith('data: ')) continue;
        const payload = JSON.parse(event.slice(6)).event?.payload;
        if (payload?.event_type === 'step_progress' && payload.delta?.type === 'text') content += payload.delta.text;
        else if (payload?.event_type === 'turn_complete') content = payload.turn.output_message.content;
        else continue;
        reply.innerHTML = marked.parse(content);
      }
      list.scrollTop = list.scrollHeight;
    }
  },
  lastReply: () => list.querySelector('.assistant:last-child'),
  messageCount: () => list.children.length,
  scroller: () => list,
};
