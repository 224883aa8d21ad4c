import { expect } from '@open-wc/testing';
import {
  emptyConversation,
  reduceConversation,
  retryableTurn,
  type Conversation,
  type ConversationAction,
} from '../../src/state/conversation.js';
import type { TurnEvent } from '../../src/protocol/turn-events.js';

const run = (actions: ConversationAction[], start: Conversation = emptyConversation) => actions.reduce(reduceConversation, start);
const started: ConversationAction = { type: 'turn-started', userId: 'u1', assistantId: 'a1', text: 'Hi' };
const ev = (event: TurnEvent): ConversationAction => ({ type: 'turn-event', event });

describe('reduceConversation', () => {
  it('adds the user message and exactly one streaming assistant placeholder when a turn starts', () => {
    const { messages } = run([started]);
    expect(messages.map((m) => [m.sender, m.status, m.content])).to.deep.equal([
      ['user', 'complete', 'Hi'],
      ['assistant', 'streaming', ''],
    ]);
  });

  it('appends deltas to the placeholder without touching earlier messages or mutating state', () => {
    const before = run([started]);
    const after = run([ev({ kind: 'text-delta', text: 'Hel' }), ev({ kind: 'text-delta', text: 'lo' })], before);
    expect(after.messages[1].content).to.equal('Hello');
    expect(before.messages[1].content).to.equal('');
    expect(after.messages[0]).to.equal(before.messages[0]);
  });

  it('replaces the streamed text with the final message on turn-complete', () => {
    const { messages } = run([
      started,
      ev({ kind: 'text-delta', text: 'streamed' }),
      ev({ kind: 'turn-complete', turnId: 't', text: 'final' }),
    ]);
    expect(messages[1]).to.deep.include({ content: 'final', status: 'complete', turnId: 't' });
  });

  it('keeps the streamed text when the final message is empty', () => {
    const { messages } = run([started, ev({ kind: 'text-delta', text: 'streamed' }), ev({ kind: 'turn-complete', text: '' })]);
    expect(messages[1].content).to.equal('streamed');
  });

  it('keeps the partial text with a readable error when the turn fails', () => {
    const { messages } = run([started, ev({ kind: 'text-delta', text: 'part' }), { type: 'turn-failed', message: 'Lost.' }]);
    expect(messages[1]).to.deep.include({ content: 'part', status: 'error', error: 'Lost.' });
  });

  it('keeps the partial text when the turn is aborted', () => {
    const { messages } = run([started, ev({ kind: 'text-delta', text: 'part' }), { type: 'turn-aborted', message: 'Stopped.' }]);
    expect(messages[1]).to.deep.include({ content: 'part', status: 'aborted' });
  });

  it('ignores turn events when no reply is streaming', () => {
    const done = run([started, ev({ kind: 'turn-complete', text: 'x' })]);
    expect(run([ev({ kind: 'text-delta', text: 'late' })], done)).to.equal(done);
  });

  it('merges streamed tool-call fragments into one draft that the parsed call replaces', () => {
    const { messages } = run([
      started,
      ev({ kind: 'tool-call-fragment', text: 'get_weather(' }),
      ev({ kind: 'tool-call-fragment', text: '{"city": "Paris"})' }),
      ev({ kind: 'tool-call', call: { callId: 'c1', toolName: 'get_weather', arguments: '{"city": "Paris"}' }, parsed: true }),
      ev({ kind: 'tool-call', call: { callId: 'c1', toolName: 'get_weather', arguments: '{"city": "Paris"}' }, parsed: true }),
      ev({ kind: 'tool-result', callId: 'c1', toolName: 'get_weather', content: 'Sunny' }),
    ]);
    expect(messages[1].toolCalls).to.deep.equal([
      { callId: 'c1', toolName: 'get_weather', arguments: '{"city": "Paris"}', parsed: true, status: 'done', result: 'Sunny' },
    ]);
  });

  it('adopts fragments that streamed before their call was announced, and keeps them when the call comes without arguments', () => {
    const { messages } = run([
      started,
      ev({ kind: 'tool-call-fragment', text: '{"query": ' }),
      ev({ kind: 'tool-call-fragment', text: '"llamas"}' }),
      ev({ kind: 'tool-call', call: { callId: 'mcp_1', toolName: 'docs.search', arguments: '' }, parsed: true, streaming: true }),
    ]);
    expect(messages[1].toolCalls).to.deep.equal([
      { callId: 'mcp_1', toolName: 'docs.search', arguments: '{"query": "llamas"}', parsed: true, status: 'streaming' },
    ]);
    const done = run(
      [
        ev({ kind: 'tool-call', call: { callId: 'mcp_1', toolName: 'docs.search', arguments: '{"query": "llamas"}' }, parsed: true }),
        ev({ kind: 'tool-result', callId: 'mcp_1', toolName: 'docs.search', content: 'boom', isError: true }),
      ],
      { messages },
    );
    expect(done.messages[1].toolCalls).to.have.length(1);
    expect(done.messages[1].toolCalls[0]).to.deep.include({ status: 'error', result: 'boom' });
  });

  it('gives each of two parallel Agents API calls its own card, though their fragments interleave', () => {
    const { messages } = run([
      started,
      ev({ kind: 'tool-call-fragment', text: 'get_local_time(' }),
      ev({ kind: 'tool-call-fragment', text: 'get_page_title(' }),
      ev({ kind: 'tool-call-fragment', text: '))' }),
      ev({ kind: 'tool-call', call: { callId: 'c1', toolName: 'get_local_time', arguments: '{}' }, parsed: true }),
      ev({ kind: 'tool-call', call: { callId: 'c2', toolName: 'get_page_title', arguments: '{}' }, parsed: true }),
    ]);
    expect(messages[1].toolCalls.map((c) => [c.callId, c.toolName, c.arguments, c.status])).to.deep.equal([
      ['c1', 'get_local_time', '{}', 'called'],
      ['c2', 'get_page_title', '{}', 'called'],
    ]);
  });

  it('keeps two calls apart when the second starts after the first was announced', () => {
    const { messages } = run([
      started,
      ev({ kind: 'tool-call', call: { callId: 'a', toolName: 'one', arguments: '' }, parsed: true, streaming: true }),
      ev({ kind: 'tool-call-fragment', text: '{}' }),
      ev({ kind: 'tool-call', call: { callId: 'a', toolName: 'one', arguments: '{}' }, parsed: true }),
      ev({ kind: 'tool-call-fragment', text: '{"x": 1}' }),
      ev({ kind: 'tool-call', call: { callId: 'b', toolName: 'two', arguments: '{"x": 1}' }, parsed: true }),
    ]);
    expect(messages[1].toolCalls.map((c) => [c.callId, c.toolName, c.arguments, c.status])).to.deep.equal([
      ['a', 'one', '{}', 'called'],
      ['b', 'two', '{"x": 1}', 'called'],
    ]);
  });

  it('keeps the reply streaming on awaiting-input, with the requested calls, until the turn resumes or pauses', () => {
    const awaiting = run([
      started,
      ev({ kind: 'text-delta', text: 'Let me check.' }),
      ev({
        kind: 'turn-awaiting-input',
        turnId: 't',
        text: '',
        toolCalls: [{ callId: 'c', toolName: 'get_user_location', arguments: '{}' }],
      }),
    ]);
    expect(awaiting.messages[1]).to.deep.include({ status: 'streaming', content: 'Let me check.', turnId: 't' });
    expect(awaiting.messages[1].toolCalls.map((c) => [c.toolName, c.status])).to.deep.equal([['get_user_location', 'called']]);
    const paused = run([{ type: 'turn-paused', notice: 'No such tool here.' }], awaiting);
    expect(paused.messages[1]).to.deep.include({ status: 'complete', notice: 'No such tool here.', content: 'Let me check.' });
  });

  it('offers a retry only for a last reply that failed or was stopped, and restarts it in place', () => {
    const ok = run([started, ev({ kind: 'turn-complete', text: 'fine' })]);
    expect(retryableTurn(ok)).to.equal(undefined);
    const failed = run([started, ev({ kind: 'text-delta', text: 'part' }), { type: 'turn-failed', message: 'x' }]);
    expect(retryableTurn(failed)?.user.content).to.equal('Hi');
    const restarted = run([{ type: 'turn-restarted', assistantId: 'a2' }], failed);
    expect(restarted.messages.map((m) => [m.id, m.status, m.content])).to.deep.equal([
      ['u1', 'complete', 'Hi'],
      ['a2', 'streaming', ''],
    ]);
    expect(run([{ type: 'turn-restarted', assistantId: 'a3' }], ok)).to.equal(ok);
  });
});
