// Contender 1: the built script-tag bundle, dist/llama-agent-chat.js, against the bench server as a
// Llama Stack 0.2 (Agents API). A session id is set up front so a measured send goes straight to the
// turn (no session creation inside the measurement).
import '/dist/llama-agent-chat.js';
import { nextFrame } from '../harness.js';

/** @type {any} */
let el;
const messages = () => el.shadowRoot?.querySelectorAll('chat-message') ?? [];

/** @type {import('./contender.js').Contender} */
export default {
  streamPath: '/turn',
  needsHistoryData: false,
  async mount({ historyCount = 0 }) {
    el = document.createElement('llama-agent-chat');
    el.setAttribute('api', 'agents');
    el.setAttribute('base-url', location.origin);
    el.setAttribute('agent-id', 'bench');
    el.setAttribute('session-id', historyCount ? `history-${historyCount}` : 'empty');
    el.style.setProperty('--llama-chat-height', '600px');
    document.body.append(el);
    await this.rendered(historyCount);
  },
  async rendered(count) {
    // the session's history has been asked for, has arrived, and `count` messages are rendered
    const loaded = () => performance.getEntriesByType('resource').some((e) => /\/session\/[^/]+$/.test(e.name));
    while (!loaded() || el.shadowRoot?.querySelector('p.status') || messages().length < count) await nextFrame();
    await el.updateComplete;
    await Promise.all([...messages()].map((m) => m.updateComplete));
  },
  async send(text) {
    const outcome = await el.send(text);
    if (outcome.status !== 'complete') throw new Error(`turn ended ${outcome.status}: ${outcome.error ?? ''}`);
    await el.updateComplete;
    await [...messages()].pop()?.updateComplete;
  },
  lastReply: () =>
    [...(el.shadowRoot?.querySelectorAll('chat-message[sender=assistant]') ?? [])].pop()?.shadowRoot?.querySelector('.markdown'),
  messageCount: () => messages().length,
  scroller: () => el.shadowRoot.querySelector('.transcript'),
};
