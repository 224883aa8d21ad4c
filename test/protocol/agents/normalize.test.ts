import { expect } from '@open-wc/testing';
import { normalizeAgentsEvent } from '../../../src/protocol/agents/normalize.js';
import type { TurnEvent } from '../../../src/protocol/turn-events.js';
import { reduceConversation, type Conversation } from '../../../src/state/conversation.js';
import { loadTranscript, sseData } from '../../support/fixtures.js';

const payload = (p: Record<string, unknown>) => ({ event: { payload: p } });
const progress = (delta: Record<string, unknown>) => payload({ event_type: 'step_progress', step_type: 'inference', step_id: 's1', delta });

function replay(body: string): Conversation {
  let conversation: Conversation = { messages: [{ id: 'a', sender: 'assistant', content: '', status: 'streaming', toolCalls: [] }] };
  for (const data of sseData(body)) {
    for (const event of normalizeAgentsEvent(data)) conversation = reduceConversation(conversation, { type: 'turn-event', event });
  }
  return conversation;
}

describe('normalizeAgentsEvent', () => {
  it('turns a text delta into a text-delta event', () => {
    expect(normalizeAgentsEvent(progress({ type: 'text', text: 'Hel' }))).to.deep.equal([{ kind: 'text-delta', text: 'Hel' }]);
  });

  it('turns an in-progress tool-call string into a fragment and a succeeded object into a call', () => {
    expect(normalizeAgentsEvent(progress({ type: 'tool_call', tool_call: 'get_weather(', parse_status: 'in_progress' }))).to.deep.equal([
      { kind: 'tool-call-fragment', text: 'get_weather(' },
    ]);
    const call = { call_id: 'c1', tool_name: 'get_weather', arguments: '{"city": "Paris"}' };
    expect(normalizeAgentsEvent(progress({ type: 'tool_call', tool_call: call, parse_status: 'succeeded' }))).to.deep.equal([
      { kind: 'tool-call', call: { callId: 'c1', toolName: 'get_weather', arguments: '{"city": "Paris"}' }, parsed: true },
    ]);
  });

  it('accepts 0.2-style object arguments by serializing them', () => {
    const call = { call_id: 'c1', tool_name: 't', arguments: { a: 1 } };
    const [event] = normalizeAgentsEvent(progress({ type: 'tool_call', tool_call: call, parse_status: 'succeeded' }));
    expect(event).to.deep.include({ kind: 'tool-call' });
    expect((event as Extract<TurnEvent, { kind: 'tool-call' }>).call.arguments).to.equal('{"a":1}');
  });

  it('keeps the raw text of a tool call the server failed to parse', () => {
    const [event] = normalizeAgentsEvent(progress({ type: 'tool_call', tool_call: 'get_weather(city=', parse_status: 'failed' }));
    expect(event).to.deep.equal({ kind: 'tool-call', call: { callId: '', toolName: '', arguments: 'get_weather(city=' }, parsed: false });
  });

  it('reports an in-band error with the server message quoted', () => {
    const [event] = normalizeAgentsEvent({ error: { message: "400: Invalid value: Session 'x' not found or access denied." } });
    expect(event.kind).to.equal('error');
    expect((event as { message: string }).message).to.contain("Session 'x' not found");
  });

  it('takes the final text from turn_complete, in string or list-of-items form', () => {
    const turn = (content: unknown) =>
      payload({ event_type: 'turn_complete', turn: { turn_id: 't1', output_message: { role: 'assistant', content } } });
    expect(normalizeAgentsEvent(turn('Done.'))).to.deep.equal([{ kind: 'turn-complete', turnId: 't1', text: 'Done.' }]);
    expect(
      normalizeAgentsEvent(
        turn([
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ]),
      ),
    ).to.deep.equal([{ kind: 'turn-complete', turnId: 't1', text: 'AB' }]);
  });

  it('takes the turn id from turn_start and from step_complete details', () => {
    expect(normalizeAgentsEvent(payload({ event_type: 'turn_start', turn_id: 't9' }))).to.deep.equal([{ kind: 'turn-id', turnId: 't9' }]);
    const events = normalizeAgentsEvent(
      payload({
        event_type: 'step_complete',
        step_type: 'inference',
        step_id: 's',
        step_details: { step_type: 'inference', turn_id: 't7' },
      }),
    );
    expect(events).to.deep.equal([{ kind: 'turn-id', turnId: 't7' }]);
  });

  it('reports a shield violation and ignores a passed shield', () => {
    const shield = (violation: unknown) =>
      normalizeAgentsEvent(
        payload({
          event_type: 'step_complete',
          step_type: 'shield_call',
          step_id: 's',
          step_details: { step_type: 'shield_call', turn_id: 't', violation },
        }),
      );
    expect(shield(null)).to.deep.equal([{ kind: 'turn-id', turnId: 't' }]);
    expect(shield({ violation_level: 'error', user_message: 'I cannot help with that.', metadata: {} })).to.deep.include({
      kind: 'shield-violation',
      level: 'error',
      message: 'I cannot help with that.',
    });
  });

  it('passes on the context a memory_retrieval step inserted', () => {
    const details = {
      step_type: 'memory_retrieval',
      turn_id: 't',
      vector_db_ids: 'docs',
      inserted_context: [{ type: 'text', text: 'Llamas hum.' }],
    };
    expect(
      normalizeAgentsEvent(payload({ event_type: 'step_complete', step_type: 'memory_retrieval', step_id: 's', step_details: details })),
    ).to.deep.equal([
      { kind: 'turn-id', turnId: 't' },
      { kind: 'retrieved-context', text: 'Llamas hum.' },
    ]);
  });

  it('ignores step_start, image deltas and unknown event types, saying why', () => {
    const cases = [
      payload({ event_type: 'step_start', step_type: 'inference', step_id: 's' }),
      progress({ type: 'image', image: 'abc' }),
      payload({ event_type: 'step_complete', step_type: 'brand_new_step', step_id: 's', step_details: { step_type: 'brand_new_step' } }),
      payload({ event_type: 'brand_new_event' }),
      { something: 'else' },
      'not an object',
    ];
    for (const data of cases) {
      const events = normalizeAgentsEvent(data);
      expect(
        events.every((e) => e.kind === 'ignored'),
        JSON.stringify(data),
      ).to.equal(true);
      expect(events.length).to.be.greaterThan(0);
    }
  });

  for (const name of ['server_tool', 'output_shield_pass', 'client_tool_awaiting', 'client_tool_awaiting_resume']) {
    it(`replays the recorded ${name} transcript to its expected final text and tool calls`, async () => {
      const { body, expected } = await loadTranscript(name);
      const [message] = replay(body).messages;
      if (expected.expected_final_text !== null) expect(message.content).to.equal(expected.expected_final_text);
      const calls = message.toolCalls
        .filter((c) => c.callId)
        .map((c) => ({ call_id: c.callId, tool_name: c.toolName, arguments: c.arguments }));
      for (const call of expected.expected_tool_calls) expect(calls).to.deep.include(call);
      // A turn that waits for client tools stays open until the client resumes it.
      expect(message.status).to.equal(expected.ends_with === 'turn_awaiting_input' ? 'streaming' : 'complete');
      expect(message.turnId).to.equal(expected.turn_id);
    });
  }
});
