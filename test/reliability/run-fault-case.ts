/**
 * Runs one fault case: the assertions every case shares (readable message, user message kept, partial
 * reply kept, nothing executed or turned into markup, no request/timer/listener left, retry works).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../src/index.js';
import {
  chatFor,
  renderedMessages,
  requestsFor,
  responseFrames,
  scripted,
  shownError,
  shownText,
  turnFrames,
  until,
} from '../support/mock.js';
import { trackLeaks } from '../support/leaks.js';
import type { FaultCase } from './fault-cases.js';

const USER_TEXT = 'Hi <b>there</b> & <img src=x onerror=alert(1)>';

declare global {
  interface Window {
    __pwned?: boolean;
  }
}

async function setUp(c: FaultCase): Promise<{ el: LlamaAgentChat; scriptId: string }> {
  const good = { chunks: c.api === 'responses' ? responseFrames(['Fine ', 'now']) : turnFrames(['Fine ', 'now']) };
  const { id, baseUrl } = await scripted({ flavour: c.api === 'responses' ? 'ogx-0.8' : 'llama-stack-0.3', turns: [...c.fault, good] });
  const el = await chatFor(c.api === 'agents' ? id : '', {
    baseUrl: c.baseUrl?.() ?? baseUrl,
    model: c.api === 'responses' ? 'm' : undefined,
    idleTimeout: c.idleTimeout ?? 10000,
  });
  if (c.clientTools) el.clientTools = { get_user_location: () => ({ city: 'Lisbon' }) };
  return { el, scriptId: id };
}

/** A message a person can read: no markup, no "[object …]", no wall of text. */
function expectReadable(message: string) {
  expect(message).to.be.a('string').and.not.equal('');
  expect(message).not.to.match(/\[object|undefined|<\/?[a-z!]/i);
  expect(message.length).to.be.below(600);
}

/** Every check a fault case makes; throws on the first that fails. */
export async function runFaultCase(c: FaultCase): Promise<void> {
  const { el, scriptId } = await setUp(c);
  const leaks = trackLeaks();
  const errors: string[] = [];
  el.addEventListener('llama-chat-error', (e) => errors.push(e.detail.message));
  try {
    const outcome = await el.send(USER_TEXT);
    expect(outcome.status, outcome.error).to.equal(c.status);
    await el.updateComplete;
    const [user, reply, ...rest] = renderedMessages(el);
    expect(rest).to.have.length(0);
    // The user's message is kept, as text.
    expect(user.content).to.equal(USER_TEXT);
    expect(shownText(user)).to.equal(USER_TEXT);
    expect(reply.content).to.equal(c.text);
    if (c.status === 'error') {
      expectReadable(outcome.error!);
      for (const pattern of c.error ?? []) expect(outcome.error).to.match(pattern);
      expect(errors).to.deep.equal([outcome.error]);
      expect(reply.status).to.equal('error');
      expect(shownError(reply)).to.equal(outcome.error);
      // Partial text kept and shown.
      if (c.text.length < 10000) expect(shownText(reply)).to.equal(c.text);
    } else {
      expect(errors).to.deep.equal([]);
      expect(reply.status).to.equal('complete');
      if (c.text.length < 10000) expect(shownText(reply)).to.equal(c.text);
      else expect(shownText(reply).length).to.equal(c.text.length);
    }
    // Nothing from the server ran or became markup.
    expect(window.__pwned).to.equal(undefined);
    expect(reply.shadowRoot!.querySelector('script, style:not([data-lit]), img[onerror], title, h1')).to.equal(null);
    // Every request to the mock is closed, then nothing of the widget's is left running.
    // A big body can take the mock a while to flush after the widget has closed its end.
    await waitUntil(async () => (await requestsFor(scriptId)).every((r) => !r.open), 'a request stayed open', {
      timeout: c.slow ? 30000 : 8000,
      interval: 50,
    });
    await until(() => leaks.live().length === 0).catch(() => undefined);
    expect(leaks.live()).to.deep.equal([]);
    expect(leaks.uncaught).to.deep.equal([]);
  } finally {
    leaks.stop();
  }
  if (c.retry ?? c.status === 'error') {
    const retried = await el.retry();
    expect(retried.status, retried.error).to.equal('complete');
    expect(el.messages.map((m) => m.content)).to.deep.equal([USER_TEXT, 'Fine now']);
  }
}
