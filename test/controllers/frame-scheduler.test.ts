import { expect } from '@open-wc/testing';
import { BACKGROUND_FLUSH_MS, createFrameScheduler, type FrameClock } from '../../src/controllers/frame-scheduler.js';

/** A clock the test drives by hand: frames and timers run only when the test says so. */
function manualClock() {
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { cb: () => void; ms: number }>();
  let next = 1;
  const clock: FrameClock = {
    requestFrame: (cb) => (frames.set(next, cb), next++),
    cancelFrame: (h) => void frames.delete(h),
    setTimer: (cb, ms) => (timers.set(next, { cb, ms }), next++),
    clearTimer: (h) => void timers.delete(h),
  };
  const runAll = <T>(map: Map<number, T>, call: (v: T) => void) => [...map.entries()].forEach(([k, v]) => (map.delete(k), call(v)));
  return { clock, frames, timers, frame: () => runAll(frames, (cb) => cb()), timeout: () => runAll(timers, (t) => t.cb()) };
}

describe('createFrameScheduler', () => {
  it('flushes once per frame however many times it is asked', () => {
    const m = manualClock();
    let flushes = 0;
    const scheduler = createFrameScheduler(() => flushes++, m.clock);
    for (let i = 0; i < 500; i++) scheduler.schedule();
    m.frame();
    expect(flushes).to.equal(1);
    m.timeout();
    expect(flushes).to.equal(1);
  });

  it('still flushes through its timer when no frame comes (a background tab)', () => {
    const m = manualClock();
    let flushes = 0;
    const scheduler = createFrameScheduler(() => flushes++, m.clock);
    scheduler.schedule();
    expect([...m.timers.values()][0].ms).to.equal(BACKGROUND_FLUSH_MS);
    m.timeout();
    expect(flushes).to.equal(1);
    expect(m.frames.size).to.equal(0);
  });

  it('flushNow flushes only when something is pending, and cancel drops the pending flush', () => {
    const m = manualClock();
    let flushes = 0;
    const scheduler = createFrameScheduler(() => flushes++, m.clock);
    scheduler.flushNow();
    expect(flushes).to.equal(0);
    scheduler.schedule();
    scheduler.flushNow();
    expect(flushes).to.equal(1);
    scheduler.schedule();
    scheduler.cancel();
    m.frame();
    m.timeout();
    expect(flushes).to.equal(1);
  });
});
