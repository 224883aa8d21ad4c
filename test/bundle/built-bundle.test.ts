/**
 * The script-tag bundle as built (minified, its private members renamed by scripts/private-members.js),
 * served by web-test-runner.config.js at /__built/. Every other browser test imports src/ and so says
 * nothing about what the build made of it: a member renamed in one place and not another would only
 * show here. One page, one import: this file must not import src/ (it would define the elements first),
 * so it takes the mock's helpers from test/support/mock-server.ts, not mock.ts.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { mockUrl, responseFrames, scripted } from '../support/mock-server.js';

interface BuiltChat extends HTMLElement {
  send(text: string): Promise<{ status: string; message?: { content: string } }>;
  readonly messages: readonly { sender: string; content: string }[];
  open: boolean;
  sessionId?: string;
  updateComplete: Promise<boolean>;
}

const until = async (predicate: () => unknown, what: string) => {
  for (let i = 0; i < 500; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
};
/** The rendered messages: the bundle names their element itself (scoped, or prefixed where it must). */
const shownMessages = (el: BuiltChat) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>('[part~="message"]'),
];

before(async () => {
  const bundle = '/__built/llama-agent-chat.js';
  await import(/* @vite-ignore */ bundle);
  expect(customElements.get('llama-agent-chat'), 'the bundle defines the element').to.exist;
});

describe('the built script-tag bundle', () => {
  it('streams an Agents API reply and renders its markdown', async () => {
    const el = await fixture<BuiltChat>(html`<llama-agent-chat base-url=${mockUrl()} agent-id="demo-agent"></llama-agent-chat>`);
    const outcome = await el.send('Tell me something');
    expect(outcome.status).to.equal('complete');
    expect(outcome.message!.content).to.match(/^## /);
    await el.updateComplete;
    const reply = shownMessages(el)[1];
    await reply.updateComplete;
    expect(reply.shadowRoot!.querySelector('h2')!.textContent).to.contain('Llama Stack');
    expect(reply.shadowRoot!.querySelectorAll('ul > li')).to.have.length(3);
    expect(el.getAttribute('session-id'), 'the created session is written back').to.match(/\S/);
  });

  it('speaks the Responses API and keeps the conversation going', async () => {
    const server = await scripted({
      flavour: 'ogx-0.8',
      turns: [{ chunks: responseFrames(['Hello ', 'there.']) }, { chunks: responseFrames(['Again.']) }],
    });
    const el = await fixture<BuiltChat>(html`<llama-agent-chat base-url=${server.baseUrl} model="llama3.2:3b"></llama-agent-chat>`);
    expect((await el.send('Hello')).status).to.equal('complete');
    const conversation = el.sessionId;
    expect(conversation).to.match(/^conv_/);
    expect((await el.send('And again')).status).to.equal('complete');
    expect(el.sessionId, 'the second turn stays in the conversation').to.equal(conversation);
    expect(el.messages.map((m) => m.sender)).to.deep.equal(['user', 'assistant', 'user', 'assistant']);
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Hello', 'Hello there.', 'And again', 'Again.']);
    await el.updateComplete;
    expect(shownMessages(el)).to.have.length(4);
  });

  it('opens and closes as a bubble, and remembers the conversation for the tab', async () => {
    sessionStorage.clear();
    const el = await fixture<BuiltChat>(
      html`<llama-agent-chat mode="bubble" persist="session" title="Help" base-url=${mockUrl()} agent-id="demo-agent"></llama-agent-chat>`,
    );
    const launcher = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="launcher"]')!;
    const panel = el.shadowRoot!.querySelector<HTMLElement>('[part~="container"]')!;
    expect(panel.hidden).to.equal(true);
    launcher.click();
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(panel.hidden).to.equal(false);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect((await el.send('Hello')).status).to.equal('complete');
    await until(
      () => Object.keys(sessionStorage).some((key) => sessionStorage.getItem(key)!.includes(el.sessionId!)),
      'the session id stored',
    );
    el.shadowRoot!.querySelector<HTMLElement>('[part~="close-button"]')!.click();
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(panel.hidden).to.equal(true);
    sessionStorage.clear();
  });
});
