// What the bench measures inside the page, the same way for every contender. Loaded before the
// contender so that every shadow root it attaches is observed too.
//
// - DOM commits: a MutationObserver on the document and on every shadow root; a task (or frame
//   callback) that changed the DOM is one commit (see onCommit), counted between two animation frames.
// - Long tasks: the `longtask` PerformanceObserver (Chromium reports every task over 50 ms).
// - First token: the first commit after which the contender shows the first token's text, against
//   the stream's responseStart (resource timing: when its first bytes reached the browser; the server
//   sends the first token with the headers, then pauses).
// - Final frame: the last commit of the run against the stream's responseEnd (its last byte).

/**
 * The first token of every reply is `Sure`. A parser that looks one character ahead (ours) shows
 * `Sur` until the next token comes, so the probe looks for `Sur`: the first token's arrival shown.
 */
export const FIRST_TOKEN_PROBE = 'Sur';

const state = {
  recording: false,
  commits: 0,
  frameCommits: 0,
  maxCommitsPerFrame: 0,
  framesWithCommits: 0,
  lastCommitAt: 0,
  firstTokenAt: 0,
  /** @type {(() => boolean) | undefined} */
  probe: undefined,
  longest: 0,
  longTasks: 0,
};

/**
 * A MutationObserver callback runs at every microtask checkpoint that follows DOM changes, and one
 * task can have several (a component updating after the observer already ran). Callbacks before the
 * message posted by the first one arrives belong to the same task: one commit.
 */
let inTask = false;
const taskEnd = new MessageChannel();
taskEnd.port1.onmessage = () => {
  inTask = false;
};

function onCommit() {
  if (!state.recording) return;
  const now = performance.now();
  state.lastCommitAt = now;
  if (!inTask) {
    inTask = true;
    taskEnd.port2.postMessage(0);
    state.commits++;
    state.frameCommits++;
  }
  if (state.probe && state.probe()) {
    state.firstTokenAt = now;
    state.probe = undefined;
  }
}

const mutations = new MutationObserver(onCommit);
const OBSERVE = { childList: true, subtree: true, characterData: true, attributes: true };
mutations.observe(document, OBSERVE);
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attachShadow.call(this, init);
  mutations.observe(root, OBSERVE);
  return root;
};

function onLongTasks(entries) {
  if (!state.recording) return;
  for (const e of entries) {
    state.longTasks++;
    state.longest = Math.max(state.longest, e.duration);
  }
}
const longTasks = new PerformanceObserver((list) => onLongTasks(list.getEntries()));
longTasks.observe({ type: 'longtask' });

function frame() {
  if (!state.recording) return;
  if (state.frameCommits > 0) {
    state.framesWithCommits++;
    state.maxCommitsPerFrame = Math.max(state.maxCommitsPerFrame, state.frameCommits);
  }
  state.frameCommits = 0;
  requestAnimationFrame(frame);
}

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
/** Resolves after the next frame has been rendered (a task queued from its frame callback). */
export const afterPaint = () =>
  new Promise((r) =>
    requestAnimationFrame(() => {
      const c = new MessageChannel();
      c.port1.onmessage = () => r(performance.now());
      c.port2.postMessage(0);
    }),
  );

export function startRecording(probe) {
  mutations.takeRecords();
  longTasks.takeRecords();
  Object.assign(state, {
    recording: true,
    commits: 0,
    frameCommits: 0,
    maxCommitsPerFrame: 0,
    framesWithCommits: 0,
    lastCommitAt: 0,
    firstTokenAt: 0,
    probe,
    longest: 0,
    longTasks: 0,
  });
  performance.clearResourceTimings();
  requestAnimationFrame(frame);
}

export function stopRecording() {
  if (mutations.takeRecords().length) onCommit();
  onLongTasks(longTasks.takeRecords());
  if (state.frameCommits > 0) {
    state.framesWithCommits++;
    state.maxCommitsPerFrame = Math.max(state.maxCommitsPerFrame, state.frameCommits);
  }
  state.recording = false;
  return { ...state, probe: undefined };
}

/** The resource timing of the last request whose URL contains `part`. */
export function lastRequest(part) {
  return performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes(part))
    .pop();
}

/** Problems with a rendered reply: what `expect` says it must contain that `root` does not. */
export function checkReply(root, expect) {
  const problems = [];
  if (!root) return ['no reply element'];
  // whitespace as a reader sees it (a line break inside a paragraph is a space)
  const text = (root.textContent ?? '').replace(/\s+/g, ' ');
  if (!text.includes(expect.marker)) problems.push(`the end marker is missing (${text.length} characters shown)`);
  const count = (sel) => root.querySelectorAll(sel).length;
  if (count('h2') !== expect.headings) problems.push(`${count('h2')} of ${expect.headings} headings`);
  if (count('pre') !== expect.codeBlocks) problems.push(`${count('pre')} of ${expect.codeBlocks} code blocks`);
  if (count('table') !== expect.tables) problems.push(`${count('table')} of ${expect.tables} tables`);
  return problems;
}

/** Scrolls `scroller` from its bottom to its top, one screen per frame; long tasks meanwhile. */
export async function scrollBottomToTop(scroller) {
  scroller.scrollTop = scroller.scrollHeight;
  await afterPaint();
  await afterPaint();
  startRecording();
  let frames = 0;
  while (scroller.scrollTop > 0) {
    scroller.scrollTop = Math.max(0, scroller.scrollTop - scroller.clientHeight);
    frames++;
    await nextFrame();
  }
  await afterPaint();
  const s = stopRecording();
  return { longest: s.longest, longTasks: s.longTasks, frames };
}
