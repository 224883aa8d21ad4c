/**
 * Coalesces any number of "something changed" calls into one flush per animation frame.
 *
 * requestAnimationFrame does not run in background tabs, so a timer races it: whichever fires first
 * flushes and cancels the other. The reply therefore still progresses (at the browser's throttled
 * timer rate) while the tab is hidden, and a visible tab never commits more than once per frame.
 */
export interface FrameScheduler {
  /** Ask for a flush; a flush already pending absorbs the request. */
  schedule(): void;
  /** Flush now if one is pending (the final flush at the end of a turn). */
  flushNow(): void;
  cancel(): void;
}

export interface FrameClock {
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  setTimer(callback: () => void, ms: number): number;
  clearTimer(handle: number): void;
}

const browserClock: FrameClock = {
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (h) => cancelAnimationFrame(h),
  setTimer: (cb, ms) => window.setTimeout(cb, ms),
  clearTimer: (h) => window.clearTimeout(h),
};

/** How long a hidden tab waits for a frame before the timer flushes instead. */
export const BACKGROUND_FLUSH_MS = 100;

export function createFrameScheduler(flush: () => void, clock: FrameClock = browserClock): FrameScheduler {
  let frame = 0;
  let timer = 0;
  let pending = false;
  const cancel = () => {
    if (!pending) return;
    pending = false;
    clock.cancelFrame(frame);
    clock.clearTimer(timer);
  };
  const run = () => {
    cancel();
    flush();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      frame = clock.requestFrame(run);
      timer = clock.setTimer(run, BACKGROUND_FLUSH_MS);
    },
    flushNow() {
      if (pending) run();
    },
    cancel,
  };
}
