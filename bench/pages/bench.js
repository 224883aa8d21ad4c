// window.bench: what bench/run.js calls in the page. The harness is imported first, so it observes
// every shadow root the contender attaches.
import { afterPaint, checkReply, FIRST_TOKEN_PROBE, lastRequest, scrollBottomToTop, startRecording, stopRecording } from './harness.js';

const params = new URLSearchParams(location.search);
/** @type {import('./contenders/contender.js').Contender} */
const contender = (await import(`./contenders/${params.get('c')}.js`)).default;

const getJson = async (url) => (await fetch(url)).json();

window.bench = {
  /** Mounts the contender with an empty conversation. */
  async mount() {
    await contender.mount({});
    await afterPaint();
  },

  /** Streams a reply of about `tokens` tokens; what the harness saw. */
  async stream(tokens) {
    const expect = await getJson(`/expect?tokens=${tokens}`);
    startRecording(() => (contender.lastReply()?.textContent ?? '').includes(FIRST_TOKEN_PROBE));
    await contender.send(`tokens:${tokens}`);
    await afterPaint();
    const s = stopRecording();
    const request = lastRequest(contender.streamPath);
    return {
      problems: checkReply(contender.lastReply(), expect),
      firstTokenMs: s.firstTokenAt && request ? s.firstTokenAt - request.responseStart : null,
      finalFrameMs: request ? s.lastCommitAt - request.responseEnd : null,
      longestTask: s.longest,
      longTasks: s.longTasks,
      maxCommitsPerFrame: s.maxCommitsPerFrame,
      commitsPerFrame: s.framesWithCommits ? s.commits / s.framesWithCommits : 0,
    };
  },

  /** One short reply (`short:i`), for the many-turns run. */
  async sendShort(i) {
    await contender.send(`short:${i}`);
  },

  /** Opens a conversation of `count` messages: how long until it is rendered and painted. */
  async openHistory(count) {
    startRecording();
    const t0 = performance.now();
    await contender.mount({
      historyCount: count,
      history: contender.needsHistoryData ? await getJson(`/history-messages?count=${count}`) : undefined,
    });
    await contender.rendered(count);
    const renderedAt = await afterPaint();
    const open = stopRecording();
    return { messages: contender.messageCount(), renderMs: renderedAt - t0, longestTask: open.longest };
  },

  /** Scrolls the conversation from the bottom to the top, one screen per frame. */
  async scrollHistory() {
    const scroll = await scrollBottomToTop(contender.scroller());
    return { scrollLongestTask: scroll.longest, scrollFrames: scroll.frames };
  },
};
window.dispatchEvent(new Event('bench-ready'));
