import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../support/axe-wcag22.js';
import type { LlamaAgentChat } from '../../../src/index.js';
import { mockUrl, part, requestsFor, scriptedAgent, turnFrames, until, untilLastStatus } from '../../support/mock.js';
import { openSite, type SiteFrame } from '../../support/pages.js';
import { storageKey } from '../../../src/storage/persisted-conversation.js';

/** A fresh agent on the mock that really keeps its sessions and their turns (no script). */
async function realAgent(): Promise<string> {
  const response = await fetch(`${mockUrl()}/v1alpha/agents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ agent_config: { model: 'llama3.2:3b', instructions: 'Be brief.' } }),
  });
  return ((await response.json()) as { agent_id: string }).agent_id;
}

const PREFIX = 'llama-agent-chat:';

/** Everything the widget keeps in a storage area of the page. */
function stored(area: Storage): Record<string, string> {
  const entries: Record<string, string> = {};
  for (let i = 0; i < area.length; i++) {
    const key = area.key(i)!;
    if (key.startsWith(PREFIX)) entries[key] = area.getItem(key)!;
  }
  return entries;
}

async function converse(chat: LlamaAgentChat, text: string): Promise<void> {
  await chat.send(text);
  await untilLastStatus(chat, 'complete');
}

const until15 = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 15000, interval: 20 });

describe('<llama-agent-chat persist>', function () {
  // These tests load two or three real pages each (every load compiles the page's module graph) and
  // stream whole replies from the mock's real agent: more work than one test usually does, so a
  // bigger budget for the whole test. Every wait inside is still for an event or a state, never a sleep.
  this.timeout(30000);
  let site: SiteFrame | undefined;
  afterEach(() => {
    if (site) {
      const win = site.frame.contentWindow!;
      for (const area of [win.sessionStorage, win.localStorage]) for (const key of Object.keys(stored(area))) area.removeItem(key);
      site.remove();
    }
    site = undefined;
  });

  for (const persist of ['session', 'local'] as const) {
    it(`keeps the conversation across page navigations in bubble mode, storing only its id (persist="${persist}")`, async () => {
      const agent = await realAgent();
      site = await openSite({ base: mockUrl(), agent, persist, mode: 'bubble', open: '' });
      const first = site.chat();
      await converse(first, 'Remember the word banana');
      const sessionId = first.sessionId!;
      const reply = first.messages[1].content;
      expect(reply.length).to.be.above(10);

      const win = site.frame.contentWindow!;
      const area = persist === 'session' ? win.sessionStorage : win.localStorage;
      const other = persist === 'session' ? win.localStorage : win.sessionStorage;
      const entries = stored(area);
      expect(Object.values(entries)).to.deep.equal([JSON.stringify({ sessionId })]);
      expect(Object.keys(entries)[0]).to.contain(win.location.origin).and.contain(agent);
      expect(stored(other)).to.deep.equal({});
      for (const text of [JSON.stringify(stored(win.sessionStorage)), JSON.stringify(stored(win.localStorage))]) {
        expect(text).to.not.contain('banana').and.not.contain('page-secret-token').and.not.contain(reply.slice(0, 12));
      }

      await site.navigate();
      expect(site.frame.contentDocument!.getElementById('heading')!.textContent).to.equal('Page B');
      const second = site.chat();
      expect(second).to.not.equal(first);
      await until15(() => second.messages.length === 2, 'the history never came back on the next page');
      expect(second.sessionId).to.equal(sessionId);
      expect(second.messages.map((m) => m.content)).to.deep.equal(['Remember the word banana', reply]);
      const gets = (await requestsFor(agent)).filter((r) => r.method === 'GET');
      expect(gets.map((r) => r.path)).to.deep.equal([`/v1alpha/agents/${agent}/session/${sessionId}`]);

      // The conversation goes on in the same session, and the next page shows all of it.
      second.open = true;
      await converse(second, 'And now?');
      expect(second.sessionId).to.equal(sessionId);
      await site.navigate();
      const third = site.chat();
      await until15(() => third.messages.length === 4, 'the longer history never came back');
      expect(third.messages[2].content).to.equal('And now?');
    });
  }

  it('keeps a Responses API conversation across a navigation, keyed by the model', async () => {
    const base = `${mockUrl()}/as/ogx-0.8`;
    site = await openSite({ base, model: `model-${Math.random().toString(36).slice(2)}`, persist: 'local', mode: 'bubble', open: '' });
    const first = site.chat();
    await converse(first, 'Hello from the Responses API');
    expect(first.api).to.equal('responses');
    const conversation = first.sessionId!;
    expect(conversation).to.match(/^conv_/);
    const win = site.frame.contentWindow!;
    expect(Object.values(stored(win.localStorage))).to.deep.equal([JSON.stringify({ sessionId: conversation })]);
    await site.navigate();
    const second = site.chat();
    await until15(() => second.messages.length === 2, 'the conversation did not come back');
    expect(second.sessionId).to.equal(conversation);
    expect(second.messages[0].content).to.equal('Hello from the Responses API');
  });

  it('stores nothing with the default persist="none"', async () => {
    site = await openSite({ base: mockUrl(), agent: await realAgent(), mode: 'bubble', open: '' });
    await converse(site.chat(), 'Hello');
    const win = site.frame.contentWindow!;
    expect(stored(win.sessionStorage)).to.deep.equal({});
    expect(stored(win.localStorage)).to.deep.equal({});
    await site.navigate();
    expect(site.chat().messages).to.have.length(0);
    expect(site.chat().sessionId).to.equal(undefined);
  });

  it('forgets the conversation on newSession() and on the new-conversation button', async () => {
    site = await openSite({ base: mockUrl(), agent: await realAgent(), persist: 'session', mode: 'bubble', open: '' });
    const win = site.frame.contentWindow!;
    await converse(site.chat(), 'Hello');
    expect(Object.keys(stored(win.sessionStorage))).to.have.length(1);
    site.chat().newSession();
    expect(stored(win.sessionStorage)).to.deep.equal({});

    await converse(site.chat(), 'Hello again');
    expect(Object.keys(stored(win.sessionStorage))).to.have.length(1);
    part<HTMLButtonElement>(site.chat(), 'new-conversation-button')!.click();
    expect(stored(win.sessionStorage)).to.deep.equal({});
    await site.navigate();
    expect(site.chat().messages).to.have.length(0);
  });

  it('drops a remembered conversation the server no longer knows, once, with a readable notice', async () => {
    const agent = await realAgent();
    site = await openSite({ base: mockUrl(), agent, persist: 'session', mode: 'bubble', open: '' });
    const win = site.frame.contentWindow!;
    await converse(site.chat(), 'Hello');
    const [key] = Object.keys(stored(win.sessionStorage));
    win.sessionStorage.setItem(key, JSON.stringify({ sessionId: 'forgotten-by-the-server' }));

    await site.navigate();
    const chat = site.chat();
    chat.open = true;
    await until15(() => part(chat, 'notice')?.textContent?.includes('no longer on the server'), 'no notice');
    expect(part(chat, 'notice')!.textContent!.trim()).to.equal(
      'Your earlier conversation is no longer on the server, so a new one will start when you send a message.',
    );
    expect(chat.sessionId).to.equal(undefined);
    expect(stored(win.sessionStorage)).to.deep.equal({});

    // The next send starts a new conversation; the notice goes; the new id is remembered.
    await converse(chat, 'Start over');
    expect(part(chat, 'notice')).to.equal(null);
    expect(Object.values(stored(win.sessionStorage))).to.deep.equal([JSON.stringify({ sessionId: chat.sessionId })]);
    await site.navigate();
    await until15(() => site!.chat().messages.length === 2, 'the new conversation did not come back');
    const lookups = (await requestsFor(agent)).filter((r) => r.path.endsWith('/forgotten-by-the-server'));
    expect(lookups).to.have.length(1);
  });

  it('shows the dropped-conversation notice accessibly, in the page itself', async () => {
    const agent = await realAgent();
    const key = storageKey({ origin: location.origin, baseUrl: mockUrl(), api: 'auto', agentId: agent, model: '' });
    sessionStorage.setItem(key, JSON.stringify({ sessionId: 'also-forgotten' }));
    try {
      const el = await fixture<LlamaAgentChat>(
        html`<llama-agent-chat persist="session" base-url=${mockUrl()} agent-id=${agent}></llama-agent-chat>`,
      );
      await until(() => part(el, 'notice')?.textContent?.includes('no longer on the server'), 'no notice');
      expect(sessionStorage.getItem(key)).to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      sessionStorage.removeItem(key);
    }
  });

  it('works without storage when storage throws (Safari private mode, disabled storage, full quota)', async () => {
    const agent = await scriptedAgent({ sessionId: 'no-storage', chunks: turnFrames(['fine']) });
    const methods = ['getItem', 'setItem', 'removeItem'] as const;
    const originals = methods.map((m) => Storage.prototype[m]);
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    for (const m of methods) (Storage.prototype as unknown as Record<string, unknown>)[m] = quota;
    try {
      for (const persist of ['session', 'local']) {
        const el = await fixture<LlamaAgentChat>(
          html`<llama-agent-chat persist=${persist} base-url=${mockUrl()} agent-id=${agent}></llama-agent-chat>`,
        );
        const outcome = await el.send('Hi');
        expect(outcome.status).to.equal('complete');
        el.newSession();
        await el.updateComplete;
        expect(part(el, 'notice')).to.equal(null);
      }
    } finally {
      methods.forEach((m, i) => ((Storage.prototype as unknown as Record<string, unknown>)[m] = originals[i]));
    }
    // Storage that cannot even be reached: the property itself throws.
    const descriptor = Object.getOwnPropertyDescriptor(window, 'sessionStorage');
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
    try {
      const el = await fixture<LlamaAgentChat>(
        html`<llama-agent-chat persist="session" base-url=${mockUrl()} agent-id=${agent}></llama-agent-chat>`,
      );
      expect((await el.send('Hi')).status).to.equal('complete');
      el.newSession();
      await el.updateComplete;
      expect(part(el, 'notice')).to.equal(null);
    } finally {
      if (descriptor) Object.defineProperty(window, 'sessionStorage', descriptor);
      else delete (window as unknown as Record<string, unknown>).sessionStorage;
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });

  it('keys the slot by server, API and agent: another agent on the same page starts empty', async () => {
    const agent = await realAgent();
    site = await openSite({ base: mockUrl(), agent, persist: 'session', mode: 'bubble', open: '' });
    await converse(site.chat(), 'Hello');
    const other = await realAgent();
    const chat = site.chat();
    chat.agentId = other;
    await chat.updateComplete;
    await until(() => chat.messages.length === 0, 'the other agent showed this conversation');
    expect(chat.sessionId).to.equal(undefined);
    chat.agentId = agent;
    await until(() => chat.messages.length === 2, 'switching back did not restore');
  });
});
