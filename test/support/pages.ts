/** Real pages (test/pages/) loaded in an iframe: for page navigations and for viewport sizes. */
import { waitUntil } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../src/index.js';

export interface SiteFrame {
  frame: HTMLIFrameElement;
  /** The chat on the page currently loaded. */
  chat(): LlamaAgentChat;
  /** Follows the page's link to the other page: a real navigation. */
  navigate(): Promise<void>;
  remove(): void;
}

const SITE = new URL('../pages/site.html', import.meta.url);

function loaded(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
}

async function ready(frame: HTMLIFrameElement): Promise<void> {
  await waitUntil(() => (frame.contentWindow as (Window & { pageReady?: boolean }) | null)?.pageReady, 'the page never got ready', {
    timeout: 15000,
    interval: 20,
  });
  const chat = frame.contentDocument!.querySelector('llama-agent-chat') as LlamaAgentChat;
  await chat.updateComplete;
}

export async function openSite(params: Record<string, string>, size = { width: 800, height: 600 }): Promise<SiteFrame> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width:${size.width}px;height:${size.height}px;border:0`;
  const url = new URL(SITE);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const load = loaded(frame);
  frame.src = url.href;
  document.body.append(frame);
  await load;
  await ready(frame);
  return {
    frame,
    chat: () => frame.contentDocument!.querySelector('llama-agent-chat') as LlamaAgentChat,
    async navigate() {
      const load = loaded(frame);
      frame.contentDocument!.querySelector<HTMLAnchorElement>('#other-page')!.click();
      await load;
      await ready(frame);
    },
    remove: () => frame.remove(),
  };
}
