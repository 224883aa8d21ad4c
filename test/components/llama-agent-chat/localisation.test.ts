import { expect, fixture, html } from '@open-wc/testing';
import '../../support/axe-wcag22.js';
import type { LlamaAgentChat } from '../../../src/index.js';
import { registerLocale } from '../../../src/index.js';
import { sentences } from '../../../src/i18n/sentences.js';
import { en } from '../../../src/i18n/strings.js';
import { ar } from '../../../src/i18n/locales/ar.js';
import { de } from '../../../src/i18n/locales/de.js';
import { es } from '../../../src/i18n/locales/es.js';
import { fr } from '../../../src/i18n/locales/fr.js';
import { ja } from '../../../src/i18n/locales/ja.js';
import { mockUrl, part, renderedMessages, scriptedAgent, turnFrames, until, untilLastStatus } from '../../support/mock.js';

const labels = (el: LlamaAgentChat) => ({
  send: part(el, 'send-button')!.textContent!.trim(),
  input: part<HTMLTextAreaElement>(el, 'input')!.placeholder,
  transcript: part(el, 'transcript')!.getAttribute('aria-label'),
});

async function inLanguage(lang: string, agentId = ''): Promise<LlamaAgentChat> {
  const el = await fixture<LlamaAgentChat>(
    html`<llama-agent-chat lang=${lang} base-url=${mockUrl()} agent-id=${agentId || 'x'}></llama-agent-chat>`,
  );
  await el.updateComplete;
  return el;
}

describe('<llama-agent-chat> localisation', () => {
  it('has every key translated in every shipped language, with {level} kept', () => {
    for (const [name, table] of Object.entries({ ar, de, es, fr, ja })) {
      expect(Object.keys(table).sort(), name).to.deep.equal(Object.keys({ ...en, ...sentences }).sort());
      expect(table.blockedBySafety, name).to.contain('{level}');
      const english: Record<string, string> = { ...en, ...sentences };
      const untranslated = Object.entries(table).filter(
        ([k, v]) => v === english[k] && !['dir', 'chat', 'message', 'conversation', 'suggestions'].includes(k),
      );
      expect(
        untranslated.map(([k]) => k),
        `${name} left in English`,
      ).to.deep.equal(name === 'es' ? ['toolError'] : name === 'de' ? [] : []);
    }
  });

  it('speaks English by default', async () => {
    const el = await inLanguage('');
    expect(labels(el)).to.deep.equal({ send: 'Send', input: 'Type a message…', transcript: 'Conversation' });
    expect(part(el, 'container')!.getAttribute('dir')).to.equal('ltr');
  });

  it('follows its own lang, then the document’s, and a region falls back to its language', async () => {
    const el = await inLanguage('fr');
    expect(labels(el)).to.deep.equal({ send: 'Envoyer', input: 'Écrivez un message…', transcript: 'Conversation' });
    el.lang = 'es-MX';
    await el.updateComplete;
    expect(labels(el).send).to.equal('Enviar');
    expect(el.getAttribute('lang')).to.equal('es-MX');

    const before = document.documentElement.lang;
    try {
      const plain = await inLanguage('');
      document.documentElement.lang = 'de';
      await until(() => labels(plain).send === 'Senden', 'did not follow the document’s lang');
      plain.lang = 'ja';
      await plain.updateComplete;
      expect(labels(plain).send).to.equal('送信');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('merges partial overrides from the strings property over the language', async () => {
    const el = await inLanguage('fr');
    el.strings = { send: 'Go' };
    await el.updateComplete;
    expect(labels(el)).to.deep.equal({ send: 'Go', input: 'Écrivez un message…', transcript: 'Conversation' });
    el.placeholder = 'Own hint';
    await el.updateComplete;
    expect(labels(el).input).to.equal('Own hint');
  });

  it('falls back to English for a language nobody registered, and re-renders when it is registered', async () => {
    const el = await inLanguage('eo');
    expect(labels(el).send).to.equal('Send');
    registerLocale('eo', { send: 'Sendi' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal({ send: 'Sendi', input: 'Type a message…', transcript: 'Conversation' });
  });

  it('lays Arabic out right to left, gives message text dir="auto" and stays accessible', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['Hello, **world**.']) });
    const el = await inLanguage('ar', agent);
    el.title = 'الدعم';
    await el.send('مرحبا');
    await untilLastStatus(el, 'complete');
    for (const m of renderedMessages(el)) await m.updateComplete;
    const container = part(el, 'container')!;
    expect(container.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(container).direction).to.equal('rtl');
    expect(labels(el).send).to.equal('إرسال');
    for (const m of renderedMessages(el)) expect(m.shadowRoot!.querySelector('[part~="content"]')!.getAttribute('dir')).to.equal('auto');
    expect(part(el, 'input')!.getAttribute('dir')).to.equal('auto');
    // In RTL the send button sits left of the text area.
    expect(part(el, 'send-button')!.getBoundingClientRect().right).to.be.at.most(part(el, 'input')!.getBoundingClientRect().left);
    await expect(el).to.be.accessible();
    el.mode = 'bubble';
    el.open = true;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('hands messages the same table until the language changes, so an unchanged message does not re-render', async () => {
    const el = await inLanguage('fr', await scriptedAgent({ chunks: turnFrames(['one', ' two', ' three']) }));
    await el.send('Hi');
    const [first] = renderedMessages(el);
    const table = first.strings;
    expect(table.send).to.equal('Envoyer');
    await el.send('Again');
    expect(renderedMessages(el)[0].strings).to.equal(table);
    el.lang = 'de';
    await el.updateComplete;
    expect(renderedMessages(el)[0].strings).to.not.equal(table);
    expect(renderedMessages(el)[0].strings.send).to.equal('Senden');
  });

  it('shows the configuration hint in the language', async () => {
    const el = await fixture<LlamaAgentChat>(html`<llama-agent-chat lang="de"></llama-agent-chat>`);
    expect(part(el, 'notice')!.textContent).to.equal(
      'Setzen Sie die Attribute base-url und agent-id (Agents API) oder model, um zu chatten.',
    );
  });

  it('shows our failure sentences in the language and the server’s words as sent', async () => {
    const el = await inLanguage('fr', await scriptedAgent({ status: 503, chunks: ['{"detail":"Model <llama> is “warming up”"}'] }));
    await el.send('Bonjour');
    const failed = await untilLastStatus(el, 'error');
    const shown = failed.shadowRoot!.querySelector('[part~="error"]')!.textContent;
    expect(shown).to.equal(
      'Le serveur a échoué en traitant la requête (HTTP 503). Le serveur a répondu : « Model <llama> is “warming up” »',
    );
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(shown);
    // The event keeps the English sentence, for the page's own logs.
    expect(el.messages[1].error).to.equal(
      'The server failed while handling the request (HTTP 503). The server said: “Model <llama> is “warming up””',
    );
  });

  it('translates the labels inside messages and tool cards', async () => {
    const body = await (await fetch(new URL('../../fixtures/llama-stack-0.3.5/server_tool.sse', import.meta.url))).text();
    const el = await inLanguage('de', await scriptedAgent({ chunks: [body] }));
    await el.send('Was gibt es Neues?');
    for (const m of renderedMessages(el)) await m.updateComplete;
    const [user, assistant] = renderedMessages(el);
    expect(user.shadowRoot!.querySelector('.visually-hidden')!.textContent).to.equal('Sie:');
    expect(assistant.shadowRoot!.querySelector('[part~="tools"]')!.getAttribute('aria-label')).to.equal('Werkzeugaufrufe');
    expect(assistant.shadowRoot!.querySelector('[part~="tool-status"]')!.textContent).to.equal('Verwendet:');
    expect(assistant.shadowRoot!.querySelector('[part~="tool-result-summary"]')!.textContent).to.equal('Ergebnis');
  });
});
