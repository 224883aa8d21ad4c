/**
 * Finds what a test left running: timers, animation frames, XHRs, fetches and listeners on window or
 * document that were started while tracking and never finished, plus uncaught errors and unhandled
 * rejections. Wraps the globals from trackLeaks() until stop(), and counts only what the widget's own
 * code started (its call stack passes through src/ or the runtime libraries it bundles), so the
 * test framework's timers do not count.
 */

// The repository's own src/ sits right under the test server's origin (node_modules have src/ folders too).
const WIDGET_CODE = /:\d+\/src\/|\/node_modules\/(sse\.js|lit|lit-html|lit-element|@lit|streaming-markdown)\//;
const fromWidget = () => WIDGET_CODE.test(new Error().stack ?? '');

interface Tracker {
  /** Everything still live, described; [] when the page is clean. */
  live(): string[];
  /** Uncaught errors and unhandled rejections seen while tracking. */
  readonly uncaught: string[];
  stop(): void;
}

export function trackLeaks(): Tracker {
  const timers = new Map<number, string>();
  const frames = new Set<number>();
  const xhrs = new Set<XMLHttpRequest>();
  let fetches = 0;
  const listeners = new Map<string, number>();
  const uncaught: string[] = [];

  const original = {
    setTimeout: window.setTimeout,
    clearTimeout: window.clearTimeout,
    setInterval: window.setInterval,
    clearInterval: window.clearInterval,
    raf: window.requestAnimationFrame,
    caf: window.cancelAnimationFrame,
    send: XMLHttpRequest.prototype.send,
    fetch: window.fetch,
    winAdd: window.addEventListener,
    winRemove: window.removeEventListener,
    docAdd: document.addEventListener,
    docRemove: document.removeEventListener,
  };
  // The originals called loosely: Node's and the DOM's timer typings disagree inside one program.
  type Loose = (this: unknown, ...args: unknown[]) => unknown;
  const call = (fn: unknown, self: unknown, ...args: unknown[]) => (fn as Loose).call(self, ...args);

  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = call(
      original.setTimeout,
      window,
      (...a: unknown[]) => {
        timers.delete(id);
        if (typeof handler === 'function') (handler as (...x: unknown[]) => void)(...a);
      },
      ms,
      ...args,
    ) as number;
    if (fromWidget()) timers.set(id, `setTimeout(${ms ?? 0})`);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) timers.delete(id);
    original.clearTimeout.call(window, id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = call(original.setInterval, window, handler, ms, ...args) as number;
    if (fromWidget()) timers.set(id, `setInterval(${ms ?? 0})`);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) timers.delete(id);
    original.clearInterval.call(window, id);
  }) as typeof window.clearInterval;
  window.requestAnimationFrame = (cb: FrameRequestCallback) => {
    const id: number = original.raf.call(window, (t: number) => {
      frames.delete(id);
      cb(t);
    });
    if (fromWidget()) frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id: number) => {
    frames.delete(id);
    original.caf.call(window, id);
  };
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (fromWidget()) xhrs.add(this);
    return original.send.call(this, body);
  };
  window.fetch = (async (...args: Parameters<typeof fetch>) => {
    if (!fromWidget()) return original.fetch.apply(window, args);
    fetches++;
    try {
      return await original.fetch.apply(window, args);
    } finally {
      fetches--;
    }
  }) as typeof fetch;
  const key = (where: string, type: string, listener: unknown) => `${where}:${type}:${String(listener).slice(0, 60)}`;
  const countListener = (where: string, type: string, listener: unknown, delta: number) => {
    const k = key(where, type, listener);
    const n = (listeners.get(k) ?? 0) + delta;
    if (n > 0) listeners.set(k, n);
    else listeners.delete(k); // removing one we never counted is harmless
  };
  window.addEventListener = function (
    this: Window,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) {
    if (listener && fromWidget()) countListener('window', type, listener, 1);
    return call(original.winAdd, this, type, listener, options);
  } as typeof window.addEventListener;
  window.removeEventListener = function (
    this: Window,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) {
    if (listener) countListener('window', type, listener, -1);
    return call(original.winRemove, this, type, listener, options);
  } as typeof window.removeEventListener;
  document.addEventListener = function (
    this: Document,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) {
    if (listener && fromWidget()) countListener('document', type, listener, 1);
    return call(original.docAdd, this, type, listener, options);
  } as typeof document.addEventListener;
  document.removeEventListener = function (
    this: Document,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) {
    if (listener) countListener('document', type, listener, -1);
    return call(original.docRemove, this, type, listener, options);
  } as typeof document.removeEventListener;

  const onError = (e: Event) => void uncaught.push(`uncaught: ${(e as ErrorEvent).message}`);
  const onRejection = (e: Event) => void uncaught.push(`unhandled rejection: ${String((e as PromiseRejectionEvent).reason)}`);
  original.winAdd.call(window, 'error', onError);
  original.winAdd.call(window, 'unhandledrejection', onRejection);

  return {
    uncaught,
    live() {
      const found: string[] = [...timers.values()];
      if (frames.size) found.push(`${frames.size} animation frame(s)`);
      for (const xhr of xhrs)
        if (xhr.readyState !== XMLHttpRequest.UNSENT && xhr.readyState !== XMLHttpRequest.DONE)
          found.push(`an XHR in readyState ${xhr.readyState}`);
      if (fetches) found.push(`${fetches} fetch(es)`);
      for (const [k, n] of listeners) found.push(`${n} listener(s) ${k}`);
      return found;
    },
    stop() {
      Object.assign(window, {
        setTimeout: original.setTimeout,
        clearTimeout: original.clearTimeout,
        setInterval: original.setInterval,
        clearInterval: original.clearInterval,
        requestAnimationFrame: original.raf,
        cancelAnimationFrame: original.caf,
        fetch: original.fetch,
      });
      XMLHttpRequest.prototype.send = original.send;
      window.addEventListener = original.winAdd;
      window.removeEventListener = original.winRemove;
      document.addEventListener = original.docAdd;
      document.removeEventListener = original.docRemove;
      original.winRemove.call(window, 'error', onError);
      original.winRemove.call(window, 'unhandledrejection', onRejection);
    },
  };
}
