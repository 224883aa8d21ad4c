// Contender 3: Deep Chat 2.4 (`deep-chat` from npm), fed the same tokens through its own stream
// format (`data: {"text": …}`), in its default mode or, with `&partial` in the page's URL, with
// `connect.stream.partialRender`. Every property is set before the element is connected: setting one
// later re-renders Deep Chat and can detach the view being measured.
import '/node_modules/deep-chat/dist/deepChat.bundle.js';
import { nextFrame } from '../harness.js';

const partialRender = new URLSearchParams(location.search).has('partial');
/** @type {any} */
let el;
const messagesEl = () => el.shadowRoot?.getElementById('messages');
const bubbles = () => messagesEl()?.querySelectorAll('.message-bubble') ?? [];

/** @type {import('./contender.js').Contender} */
export default {
  streamPath: '/deepchat',
  needsHistoryData: true,
  async mount({ history }) {
    el = document.createElement('deep-chat');
    el.connect = { url: `${location.origin}/deepchat`, stream: partialRender ? { partialRender: true } : true };
    if (history) el.history = history.map((m) => ({ role: m.role === 'user' ? 'user' : 'ai', text: m.text }));
    el.style.cssText = 'height:600px;width:100%;display:block';
    const rendered = new Promise((r) => el.addEventListener('render', r, { once: true }));
    document.body.append(el);
    await rendered;
  },
  async rendered(count) {
    while (bubbles().length < count) await nextFrame();
  },
  async send(text) {
    const done = new Promise((resolve) => {
      const onMessage = (e) => {
        if (e.detail?.message?.role !== 'ai' || e.detail.isHistory) return;
        el.removeEventListener('message', onMessage);
        resolve(undefined);
      };
      el.addEventListener('message', onMessage);
    });
    el.submitUserMessage({ text });
    await done;
  },
  // In partialRender mode one reply spans several bubbles: check the whole transcript (the user's
  // message adds no headings, code or tables).
  lastReply: () => messagesEl(),
  messageCount: () => bubbles().length,
  scroller: () => messagesEl(),
};
