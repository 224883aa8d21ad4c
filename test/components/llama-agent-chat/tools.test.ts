import { expect } from '@open-wc/testing';
import type { LlamaAgentChat } from '../../../src/index.js';
import {
  chatFor,
  events,
  frame,
  oneEvent,
  renderedMessages,
  requestsFor,
  scriptedAgent,
  STEP,
  TURN,
  turnFrames,
  until,
} from '../../support/mock.js';

const fixture = (name: string) => fetch(new URL(`../../fixtures/llama-stack-0.3.5/${name}`, import.meta.url)).then((r) => r.text());
const LOCATION = { city: 'Lisbon', country: 'Portugal', lat: 38.7223, lon: -9.1393 };

/** An agent that asks for get_user_location (recorded 0.3.5 bodies), then answers once resumed. */
async function clientToolAgent() {
  const [awaiting, resumed] = await Promise.all([fixture('client_tool_awaiting.sse'), fixture('client_tool_awaiting_resume.sse')]);
  const expected = JSON.parse(await fixture('client_tool_awaiting_resume.json'));
  const agent = await scriptedAgent({ sessionId: 'sess', turns: [{ chunks: [awaiting] }, { chunks: [resumed] }] });
  return { agent, expected };
}

const cards = (el: LlamaAgentChat): HTMLElement[] => {
  const last = renderedMessages(el).at(-1);
  return last ? [...last.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tool-card"]')] : [];
};

describe('<llama-agent-chat> tool cards and safety notices', () => {
  it('shows a server tool call as a card with pretty arguments and a collapsed result', async () => {
    const body = await fixture('server_tool.sse');
    const agent = await scriptedAgent({ chunks: [body] });
    const el = await chatFor(agent);
    await el.send('What is the latest Node.js release?');
    await el.updateComplete;
    await renderedMessages(el)[1].updateComplete;
    const [card] = cards(el);
    expect(card.querySelector('[part="tool-name"]')!.textContent).to.equal('brave_search');
    expect(card.querySelector('[part="tool-status"]')!.textContent).to.equal('Used');
    expect(card.querySelector('[part="tool-arguments"]')!.textContent).to.equal('{\n  "query": "latest Node.js release LTS"\n}');
    const result = card.querySelector<HTMLDetailsElement>('[part="tool-result"]')!;
    expect(result.open).to.equal(false);
    expect(result.querySelector('[part="tool-result-text"]')!.textContent!.length).to.be.greaterThan(20);
    const summary = result.querySelector<HTMLElement>('summary')!;
    summary.focus();
    expect(summary.matches(':focus')).to.equal(true);
  });

  it('shows the tool card while the call streams, before any answer text', async () => {
    const agent = await scriptedAgent({
      chunks: [
        frame(events.stepStart()),
        frame(events.toolCall('get_weather(', 'in_progress')),
        frame(events.toolCall('{"city": "Pa', 'in_progress')),
      ],
      end: 'hang',
    });
    const el = await chatFor(agent);
    const sent = el.send('Weather?');
    await until(
      () => cards(el).length === 1 && cards(el)[0].querySelector('[part="tool-arguments"]')?.textContent === 'get_weather({"city": "Pa',
    );
    expect(cards(el)[0].querySelector('[part="tool-status"]')!.textContent).to.equal('Calling');
    el.stop();
    await sent;
  });

  it('shows a tool call the server could not parse as raw text with a note', async () => {
    const agent = await scriptedAgent({
      chunks: [frame(events.stepStart()), frame(events.toolCall('get_weather(city=Paris', 'failed')), ...turnFrames(['Sorry.']).slice(1)],
    });
    const el = await chatFor(agent);
    await el.send('Weather?');
    await el.updateComplete;
    const [card] = cards(el);
    expect(card.querySelector('[part="tool-arguments"]')!.textContent).to.equal('get_weather(city=Paris');
    expect(card.querySelector('[part="tool-note"]')!.textContent).to.contain('could not parse');
  });

  it('shows retrieved context collapsed', async () => {
    const memory = frame({
      event: {
        payload: {
          event_type: 'step_complete',
          step_type: 'memory_retrieval',
          step_id: STEP,
          step_details: {
            turn_id: TURN,
            step_id: STEP,
            step_type: 'memory_retrieval',
            vector_db_ids: 'docs',
            inserted_context: 'Llamas hum to their young.',
          },
        },
      },
    });
    const agent = await scriptedAgent({ chunks: [memory, ...turnFrames(['They hum.'])] });
    const el = await chatFor(agent);
    await el.send('Do llamas sing?');
    await el.updateComplete;
    const context = renderedMessages(el)[1].shadowRoot!.querySelector<HTMLDetailsElement>('[part="context"]')!;
    expect(context.open).to.equal(false);
    expect(context.textContent).to.contain('Llamas hum to their young.');
  });

  it('shows a shield violation with its level and message, and nothing for a passed shield', async () => {
    const shield = (violation: unknown) =>
      frame({
        event: {
          payload: {
            event_type: 'step_complete',
            step_type: 'shield_call',
            step_id: STEP,
            step_details: { turn_id: TURN, step_id: STEP, step_type: 'shield_call', violation },
          },
        },
      });
    const agent = await scriptedAgent({
      turns: [
        { chunks: [shield(null), ...turnFrames(['Fine.'])] },
        {
          chunks: [
            shield({ violation_level: 'error', user_message: 'I cannot help with that.', metadata: {} }),
            frame(events.turnComplete('Sorry.')),
          ],
        },
        {
          chunks: [shield({ violation_level: 'warn', user_message: 'Same text.', metadata: {} }), frame(events.turnComplete('Same text.'))],
        },
      ],
    });
    const el = await chatFor(agent);
    await el.send('ok');
    await el.updateComplete;
    expect(renderedMessages(el)[1].shadowRoot!.querySelector('[part="safety"]')).to.equal(null);
    await el.send('bad');
    await el.updateComplete;
    const notice = renderedMessages(el)[3].shadowRoot!.querySelector('[part="safety"]')!;
    expect(notice.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Blocked by a safety check (error): I cannot help with that.');
    // When the shield's message is the reply itself (an output shield), it is not repeated.
    await el.send('again');
    await el.updateComplete;
    const same = renderedMessages(el)[5].shadowRoot!.querySelector('[part="safety"]')!;
    expect(same.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Blocked by a safety check (warn)');
  });
});

describe('<llama-agent-chat> client-side tools', () => {
  it('runs a clientTools function and resumes the turn with its result', async () => {
    const { agent, expected } = await clientToolAgent();
    const el = await chatFor(agent);
    const seen: unknown[] = [];
    el.clientTools = {
      get_user_location: async (args) => {
        seen.push(args);
        return LOCATION;
      },
    };
    const outcome = await el.send("What's worth seeing near me?");
    expect(outcome.status).to.equal('complete');
    expect(outcome.message?.content).to.equal(expected.expected_final_text);
    expect(seen).to.deep.equal([{ precision: 'city' }]);
    const resume = (await requestsFor(agent)).find((r) => r.path.endsWith('/resume'))!;
    expect(resume.path).to.equal(`/v1alpha/agents/${agent}/session/sess/turn/${expected.turn_id}/resume`);
    expect(resume.body).to.deep.equal({
      tool_responses: [{ call_id: 'call_loc_5d1e0a77', tool_name: 'get_user_location', content: JSON.stringify(LOCATION) }],
      stream: true,
    });
    await el.updateComplete;
    expect(el.messages).to.have.length(2);
    const [card] = cards(el);
    expect(card.querySelector('[part="tool-name"]')!.textContent).to.equal('get_user_location');
    expect(card.querySelector('[part="tool-result-text"]')!.textContent).to.contain('Lisbon');
  });

  it('lets a llama-chat-tool-call listener answer the call', async () => {
    const { agent } = await clientToolAgent();
    const el = await chatFor(agent);
    el.addEventListener('llama-chat-tool-call', (e) => {
      expect(e.detail.toolName).to.equal('get_user_location');
      expect(e.detail.arguments).to.deep.equal({ precision: 'city' });
      e.detail.respondWith(Promise.resolve('Lisbon'));
    });
    expect((await el.send('Near me?')).status).to.equal('complete');
    const resume = (await requestsFor(agent)).find((r) => r.path.endsWith('/resume'))!;
    expect((resume.body as { tool_responses: Array<{ content: string }> }).tool_responses[0].content).to.equal('Lisbon');
  });

  it('sends the error text when the tool throws, and marks the card', async () => {
    const { agent } = await clientToolAgent();
    const el = await chatFor(agent);
    el.clientTools = {
      get_user_location: () => {
        throw new Error('Location permission denied');
      },
    };
    expect((await el.send('Near me?')).status).to.equal('complete');
    const resume = (await requestsFor(agent)).find((r) => r.path.endsWith('/resume'))!;
    expect((resume.body as { tool_responses: Array<{ content: string }> }).tool_responses[0].content).to.equal(
      'Error: Location permission denied',
    );
    await el.updateComplete;
    expect(cards(el)[0].getAttribute('part')).to.contain('tool-card-error');
  });

  it('tells the agent the page refused when a listener cancels the event', async () => {
    const { agent } = await clientToolAgent();
    const el = await chatFor(agent);
    el.clientTools = { get_user_location: () => LOCATION };
    el.addEventListener('llama-chat-tool-call', (e) => e.preventDefault());
    await el.send('Near me?');
    const resume = (await requestsFor(agent)).find((r) => r.path.endsWith('/resume'))!;
    expect((resume.body as { tool_responses: Array<{ content: string }> }).tool_responses[0].content).to.contain('declined');
  });

  it('ends the turn readably, without resuming, when nobody provides the tool', async () => {
    const { agent } = await clientToolAgent();
    const el = await chatFor(agent);
    const ended = oneEvent(el, 'llama-chat-turn-complete');
    const outcome = await el.send('Near me?');
    expect(outcome.status).to.equal('awaiting-input');
    expect(outcome.error).to.equal('The agent asked for the browser tool get_user_location, which this page does not provide.');
    expect((await ended).detail.status).to.equal('awaiting-input');
    expect((await requestsFor(agent)).some((r) => r.path.endsWith('/resume'))).to.equal(false);
    await el.updateComplete;
    const reply = renderedMessages(el)[1];
    expect(reply.status).to.equal('complete');
    expect(reply.shadowRoot!.querySelector('[part="note"]')!.textContent).to.contain('does not provide');
  });

  it('does not resume when the agent stopped at its step limit (stop_reason end_of_turn)', async () => {
    const awaiting = (await fixture('client_tool_awaiting.sse')).replace(/"stop_reason":"end_of_message"/g, '"stop_reason":"end_of_turn"');
    const agent = await scriptedAgent({ turns: [{ chunks: [awaiting] }] });
    const el = await chatFor(agent);
    let ran = false;
    el.clientTools = { get_user_location: () => (ran = true) };
    const outcome = await el.send('Near me?');
    expect(outcome.status).to.equal('awaiting-input');
    expect(outcome.error).to.contain('step limit');
    expect(ran).to.equal(false);
  });
});

describe('<llama-agent-chat> styling hooks', () => {
  it('exports message and markdown parts so a host stylesheet reaches them', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['# Title\n\n', 'Some `code` and a [link](https://example.com).']) });
    const el = await chatFor(agent);
    const style = document.createElement('style');
    style.textContent = `
      llama-agent-chat::part(md-h1) { color: rgb(1, 2, 3); }
      llama-agent-chat::part(md-link) { color: rgb(4, 5, 6); }
      llama-agent-chat::part(assistant-message) { color: rgb(7, 8, 9); }`;
    document.head.append(style);
    try {
      await el.send('Hi');
      await el.updateComplete;
      const reply = renderedMessages(el)[1];
      await reply.updateComplete;
      expect(getComputedStyle(reply.shadowRoot!.querySelector('h1')!).color).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(reply.shadowRoot!.querySelector('a')!).color).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(reply).color).to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });
});
