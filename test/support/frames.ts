/** Watching how often the widget renders, against animation frames. */
import { expect } from '@open-wc/testing';
import { BACKGROUND_FLUSH_MS } from '../../src/controllers/frame-scheduler.js';
import type { LlamaAgentChat } from '../../src/index.js';

export interface RenderRecord {
  /** How many animation frames had run when the render happened. */
  frame: number;
  at: number;
}

/** Records every render of `el` while `action` runs. */
export async function recordRenders<T>(el: LlamaAgentChat, action: () => Promise<T>): Promise<{ result: T; renders: RenderRecord[] }> {
  let frame = 0;
  let counting = true;
  const tick = () => {
    frame++;
    if (counting) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const renders: RenderRecord[] = [];
  const render = el.render.bind(el);
  el.render = () => (renders.push({ frame, at: performance.now() }), render());
  try {
    const result = await action();
    await el.updateComplete;
    return { result, renders };
  } finally {
    counting = false;
    el.render = render;
  }
}

/**
 * First render: the placeholder, at once. Last: the final flush. In between, never two in one frame —
 * unless no frame came at all (WebKit under automation throttles frames like a hidden tab), and then
 * only through the fallback timer, at least BACKGROUND_FLUSH_MS apart.
 */
export function expectAtMostOncePerFrame(renders: RenderRecord[]): void {
  const between = renders.slice(1, -1);
  for (let i = 1; i < between.length; i++) {
    if (between[i].frame === between[i - 1].frame) {
      expect(between[i].at - between[i - 1].at, JSON.stringify(renders)).to.be.at.least(BACKGROUND_FLUSH_MS - 5);
    }
  }
}
