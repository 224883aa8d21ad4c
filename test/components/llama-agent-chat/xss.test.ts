/**
 * Nothing a server sends can run in the page: every known XSS vector goes through the real network
 * paths — the reply stream (split into small chunks), the session history, tool arguments and
 * results, and error bodies — into the rendered widget, and none executes while its text stays
 * visible.
 */
import { expect } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../../src/index.js';
import { chatFor, events, frame, renderedMessages, scriptedAgent, STEP, TURN, until } from '../../support/mock.js';
import { installXssProbe, settle, XSS_VECTORS } from '../../support/xss-vectors.js';

/** Everything the widget shows, across its and its messages' shadow roots. */
function visibleText(el: LlamaAgentChat): string {
  return [el.shadowRoot!.textContent ?? '', ...renderedMessages(el).map((m) => m.shadowRoot!.textContent ?? '')].join('\n');
}

/** Elements and attributes that could run code, anywhere in the transcript (the widget's own form aside). */
function dangerous(el: LlamaAgentChat): string[] {
  const found: string[] = [];
  const transcript = el.shadowRoot!.querySelector('[part~="transcript"]')!;
  for (const root of [transcript, ...renderedMessages(el).map((m) => m.shadowRoot!)]) {
    for (const node of root.querySelectorAll('*')) {
      if (/^(script|iframe|object|embed|frame|base|meta|form|style|svg|math|link)$/i.test(node.localName) && node.localName !== 'style') {
        found.push(`<${node.localName}>`);
      }
      for (const attr of node.attributes) {
        if (/^on/i.test(attr.name) || attr.name === 'srcdoc' || attr.name === 'style') found.push(`${node.localName}[${attr.name}]`);
        if ((attr.name === 'href' || attr.name === 'src') && !/^(https?:|mailto:)/i.test(attr.value))
          found.push(`${node.localName}[${attr.name}=${attr.value}]`);
      }
    }
  }
  return found;
}

/** Splits text into 3-character pieces: markers and tags get cut in the middle. */
const pieces = (text: string) => Array.from({ length: Math.ceil(text.length / 3) }, (_, i) => text.slice(i * 3, i * 3 + 3));

const storedTurn = (i: number, markdown: string) => ({
  turn_id: `t${i}`,
  session_id: 'known',
  input_messages: [{ role: 'user', content: markdown, context: null }],
  steps: [
    {
      turn_id: `t${i}`,
      step_id: `s${i}`,
      step_type: 'tool_execution',
      tool_calls: [{ call_id: `c${i}`, tool_name: `tool-${i}`, arguments: JSON.stringify({ q: markdown }) }],
      tool_responses: [{ call_id: `c${i}`, tool_name: `tool-${i}`, content: [{ type: 'text', text: markdown }], metadata: null }],
    },
  ],
  output_message: { role: 'assistant', content: [{ type: 'text', text: markdown }], stop_reason: 'end_of_turn', tool_calls: [] },
  started_at: '2026-11-24T00:00:00Z',
});

describe('<llama-agent-chat> never runs what the server sends', () => {
  // One network turn per vector, in batches: each test stays a handful of cheap turns (about 25–100 ms each
  // on this machine, mostly the request round trip), so a loaded machine cannot push one test past mocha's
  // timeout the way 75 turns in a row did in WebKit.
  const BATCH = 10;
  for (let first = 0; first < XSS_VECTORS.length; first += BATCH) {
    const batch = XSS_VECTORS.slice(first, first + BATCH);
    it(`renders XSS vectors ${first + 1}–${first + batch.length} of ${XSS_VECTORS.length} streamed in small chunks as inert text`, async () => {
      const turns = batch.map((vector) => ({
        chunks: [
          frame(events.stepStart()),
          ...pieces(vector.markdown).map((p) => frame(events.text(p))),
          frame(events.turnComplete(vector.markdown)),
        ],
        chunkDelayMs: 0,
      }));
      const agent = await scriptedAgent({ turns });
      const el = await chatFor(agent);
      el.allowImages = true;
      const fired = installXssProbe();
      for (const vector of batch) {
        const outcome = await el.send(`Show me ${vector.name}`);
        expect(outcome.status, vector.name).to.equal('complete');
      }
      await el.updateComplete;
      await Promise.all(renderedMessages(el).map((m) => m.updateComplete));
      await settle();
      expect(fired).to.deep.equal([]);
      expect(dangerous(el)).to.deep.equal([]);
      const text = visibleText(el);
      for (const vector of batch) expect(text, vector.name).to.contain(vector.name);
    });
  }

  it('renders the vectors from session history, tool arguments and tool results as inert text', async () => {
    const agent = await scriptedAgent({ history: XSS_VECTORS.map((v, i) => storedTurn(i, v.markdown)), chunks: [] });
    const fired = installXssProbe();
    const el = await chatFor(agent, { sessionId: 'known' });
    await until(() => renderedMessages(el).length === XSS_VECTORS.length * 2, 'history did not render');
    await Promise.all(renderedMessages(el).map((m) => m.updateComplete));
    // Open every tool result so its text is laid out too.
    for (const message of renderedMessages(el)) {
      for (const details of message.shadowRoot!.querySelectorAll('details')) details.open = true;
    }
    await settle();
    expect(fired).to.deep.equal([]);
    expect(dangerous(el)).to.deep.equal([]);
    const text = visibleText(el);
    for (const vector of XSS_VECTORS) expect(text.split(vector.name).length - 1, vector.name).to.be.at.least(3);
  });

  it('shows an error body full of markup as text', async () => {
    const vector = XSS_VECTORS.find((v) => v.name === 'img-onerror')!;
    const agent = await scriptedAgent({
      turns: [
        { status: 400, chunks: [JSON.stringify({ detail: vector.markdown })] },
        { chunks: [frame(events.stepStart()), `data: ${JSON.stringify({ error: { message: vector.markdown } })}\n\n`] },
        {
          chunks: [
            frame({
              event: {
                payload: {
                  event_type: 'step_complete',
                  step_type: 'shield_call',
                  step_id: STEP,
                  step_details: {
                    turn_id: TURN,
                    step_id: STEP,
                    step_type: 'shield_call',
                    violation: { violation_level: vector.markdown, user_message: vector.markdown, metadata: {} },
                  },
                },
              },
            }),
            frame(events.turnComplete('blocked')),
          ],
        },
      ],
    });
    const el = await chatFor(agent);
    const fired = installXssProbe();
    await el.send('one');
    await el.retry();
    await el.retry();
    await el.updateComplete;
    await settle();
    expect(fired).to.deep.equal([]);
    expect(dangerous(el)).to.deep.equal([]);
    expect(visibleText(el)).to.contain('<img src=x onerror=');
  });
});

describe('<llama-agent-chat> never runs what the server sends, in bubble mode, in another language, with every slot', () => {
  /** Like dangerous(), over the whole widget: launcher, header, slots, notices and live regions too. */
  function dangerousAnywhere(el: LlamaAgentChat): string[] {
    const found = dangerous(el);
    for (const node of el.shadowRoot!.querySelectorAll('*')) {
      if (node.closest('[part~="transcript"]') || node.localName === 'style') continue;
      // The widget's own form, and the icons drawn inside its own buttons, are ours.
      const ours = node.localName === 'form' || (/^(svg|path|circle|line|rect|polyline)$/.test(node.localName) && node.closest('button'));
      if (!ours && /^(script|iframe|object|embed|frame|base|meta|form|svg|math|link|img)$/i.test(node.localName))
        found.push(`<${node.localName}>`);
      for (const attr of node.attributes)
        if (/^on/i.test(attr.name) || attr.name === 'srcdoc') found.push(`${node.localName}[${attr.name}]`);
    }
    return found;
  }

  it('streams every vector into a closed bubble in Arabic, and shows a failure quoting markup, all as text', async () => {
    await import('../../../src/i18n/locales/ar.js');
    const all = XSS_VECTORS.map((v) => v.markdown).join('\n\n');
    const markup = XSS_VECTORS.find((v) => v.name === 'img-onerror')!.markdown;
    const agent = await scriptedAgent({
      turns: [
        {
          chunks: [frame(events.stepStart()), ...pieces(all).map((p) => frame(events.text(p))), frame(events.turnComplete(all))],
          chunkDelayMs: 0,
        },
        { status: 400, chunks: [JSON.stringify({ detail: markup })] },
      ],
    });
    const fired = installXssProbe();
    const el = await chatFor(agent);
    el.lang = 'ar';
    el.mode = 'bubble';
    el.title = markup;
    el.suggestions = XSS_VECTORS.slice(0, 5).map((v) => v.markdown);
    el.innerHTML = '<span slot="header">Support</span><p slot="empty">Ask us anything.</p>';
    el.allowImages = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part~="suggestion"]')).to.have.length(5);
    el.open = false;
    await el.updateComplete;
    // The reply finishes while the bubble is closed: the unread badge and the polite announcement carry it.
    expect((await el.send('Show me everything')).status).to.equal('complete');
    await el.updateComplete;
    await until(() => el.shadowRoot!.querySelector('[part~="badge"]'), 'no unread badge');
    el.open = true;
    await el.updateComplete;
    expect((await el.send('And fail')).status).to.equal('error');
    await el.updateComplete;
    await Promise.all(renderedMessages(el).map((m) => m.updateComplete));
    await settle();
    expect(fired).to.deep.equal([]);
    expect(dangerousAnywhere(el)).to.deep.equal([]);
    const text = visibleText(el);
    for (const vector of XSS_VECTORS) expect(text, vector.name).to.contain(vector.name);
    const live = [...el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"]')].map((n) => n.textContent).join('\n');
    expect(live, 'the failure is said in Arabic, quoting the markup as text').to.contain('<img src=x onerror=');
    expect(el.shadowRoot!.querySelector('[part~="container"]')!.getAttribute('dir')).to.equal('rtl');
  });
});
