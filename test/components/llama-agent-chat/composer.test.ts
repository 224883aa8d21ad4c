import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LlamaAgentChat } from '../../../src/index.js';
import { chatFor, events, frame, part, scriptedAgent, turnFrames, until } from '../../support/mock.js';

const input = (el: LlamaAgentChat) => part<HTMLTextAreaElement>(el, 'input')!;
const sendButton = (el: LlamaAgentChat) => part<HTMLButtonElement>(el, 'send-button')!;

async function type(el: LlamaAgentChat, text: string) {
  input(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('<llama-agent-chat> composer', () => {
  it('sends typed text on Enter and clears the input', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    await type(el, 'Typed question');
    expect(sendButton(el).disabled).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await until(() => el.messages.length === 2);
    expect(el.messages[0].content).to.equal('Typed question');
    await el.updateComplete;
    expect(input(el).value).to.equal('');
  });

  it('does not send on Shift+Enter, leaving the newline to the text area', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    await type(el, 'line one');
    const shiftEnter = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true, composed: true });
    input(el).dispatchEvent(shiftEnter);
    await el.updateComplete;
    expect(shiftEnter.defaultPrevented).to.equal(false);
    expect(el.messages).to.have.length(0);
    expect(input(el).value).to.equal('line one');
  });

  it('cannot send empty or blank input', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    expect(sendButton(el).disabled).to.equal(true);
    await type(el, '   ');
    expect(sendButton(el).disabled).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.messages).to.have.length(0);
    let refused: unknown;
    await el.send('  ').catch((e) => (refused = e));
    expect(String(refused)).to.contain('no message');
  });

  it('sends through the Send button', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['ok']) });
    const el = await chatFor(agent);
    await type(el, 'By click');
    sendButton(el).click();
    await until(() => el.messages[1]?.status === 'complete');
    expect(el.messages[0].content).to.equal('By click');
  });

  it('keeps what the user types while a reply streams, and Enter does not send it', async () => {
    const agent = await scriptedAgent({ chunks: [frame(events.stepStart()), frame(events.text('busy'))], end: 'hang' });
    const el = await chatFor(agent);
    const sent = el.send('first');
    await until(() => el.messages[1]?.content === 'busy');
    await type(el, 'next question');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input(el).value).to.equal('next question');
    expect(el.messages).to.have.length(2);
    el.stop();
    await sent;
    await el.updateComplete;
    expect(input(el).value).to.equal('next question');
  });

  it('has a labelled input and a placeholder from the attribute', async () => {
    const agent = await scriptedAgent({ chunks: [] });
    const el = await chatFor(agent);
    el.placeholder = 'Ask the llama';
    await el.updateComplete;
    expect(input(el).placeholder).to.equal('Ask the llama');
    expect(input(el).labels?.[0]?.textContent).to.equal('Message');
  });
});
