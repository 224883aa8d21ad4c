import { expect } from '@open-wc/testing';
import { createResponsesProtocol } from '../../../src/protocol/responses/adapter.js';
import { normalizeResponsesEvent } from '../../../src/protocol/responses/normalize.js';
import { reduceConversation, type Conversation } from '../../../src/state/conversation.js';
import { loadOgxTranscript, sseData } from '../../support/fixtures.js';

function replay(body: string): Conversation {
  let conversation: Conversation = { messages: [{ id: 'a', sender: 'assistant', content: '', status: 'streaming', toolCalls: [] }] };
  for (const data of sseData(body)) {
    for (const event of normalizeResponsesEvent(data)) conversation = reduceConversation(conversation, { type: 'turn-event', event });
  }
  return conversation;
}

const toolCalls = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Array<Record<string, string>>;

describe('normalizeResponsesEvent', () => {
  it('turns output_text deltas into text and ignores lifecycle events', () => {
    expect(normalizeResponsesEvent({ type: 'response.output_text.delta', delta: 'Hi', sequence_number: 4 })).to.deep.equal([
      { kind: 'text-delta', text: 'Hi' },
    ]);
    for (const type of [
      'response.content_part.added',
      'response.content_part.done',
      'response.mcp_list_tools.in_progress',
      'response.reasoning_text.delta',
    ]) {
      expect(normalizeResponsesEvent({ type }).every((e) => e.kind === 'ignored')).to.equal(true);
    }
  });

  it('reports both in-band error shapes readably', () => {
    const [a] = normalizeResponsesEvent({ type: 'error', code: '404', message: "Conversation 'conv_x' not found", sequence_number: 2 });
    const [b] = normalizeResponsesEvent({ error: { message: 'Model llama-x not found' } });
    expect(a).to.deep.equal({ kind: 'error', message: "The server reported an error: Conversation 'conv_x' not found" });
    expect(b).to.deep.equal({ kind: 'error', message: 'The server reported an error: Model llama-x not found' });
  });

  it('explains response.failed with its error and response.incomplete with its reason', () => {
    const [failed] = normalizeResponsesEvent({
      type: 'response.failed',
      response: { output: [], error: { code: 'server_error', message: 'provider crashed' } },
    });
    expect(failed).to.deep.equal({ kind: 'error', message: 'The server reported an error: provider crashed' });
    const [cut] = normalizeResponsesEvent({ type: 'response.incomplete', response: { incomplete_details: { reason: 'length' } } });
    expect(cut).to.deep.equal({ kind: 'error', message: 'The reply was cut short: it reached the length limit.' });
  });

  it('turns web-search and file-search items into tool cards, with file-search results', () => {
    const web = normalizeResponsesEvent({
      type: 'response.output_item.done',
      item: { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'llamas' } },
    });
    expect(web).to.deep.equal([
      {
        kind: 'tool-call',
        call: { callId: 'ws_1', toolName: 'web_search', arguments: '{"query":"llamas"}' },
        parsed: true,
        streaming: false,
      },
    ]);
    const file = normalizeResponsesEvent({
      type: 'response.output_item.done',
      item: {
        type: 'file_search_call',
        id: 'fs_1',
        queries: ['llama diet'],
        status: 'completed',
        results: [{ filename: 'a.md', text: 'Grass.' }],
      },
    });
    expect(file[0]).to.deep.equal({
      kind: 'tool-call',
      call: { callId: 'fs_1', toolName: 'file_search', arguments: '{"queries":["llama diet"]}' },
      parsed: true,
      streaming: false,
    });
    expect(file[1]).to.deep.include({ kind: 'tool-result', callId: 'fs_1', toolName: 'file_search' });
    expect((file[1] as { content: string }).content).to.contain('Grass.');
    const added = normalizeResponsesEvent({
      type: 'response.output_item.added',
      item: { type: 'web_search_call', id: 'ws_2', status: 'in_progress' },
    });
    expect(added).to.deep.equal([
      { kind: 'tool-call', call: { callId: 'ws_2', toolName: 'web_search', arguments: '' }, parsed: true, streaming: true },
    ]);
  });

  it('marks a failed MCP call as an error result', () => {
    const events = normalizeResponsesEvent({
      type: 'response.output_item.done',
      item: {
        type: 'mcp_call',
        id: 'mcp_1',
        name: 'search',
        server_label: 'docs',
        arguments: '{}',
        error: 'server unreachable',
        output: null,
      },
    });
    expect(events[1]).to.deep.equal({
      kind: 'tool-result',
      callId: 'mcp_1',
      toolName: 'docs.search',
      content: 'server unreachable',
      isError: true,
    });
  });

  it('asks for client tools when response.completed holds function calls', () => {
    const events = normalizeResponsesEvent({
      type: 'response.completed',
      response: { id: 'resp_1', output: [{ type: 'function_call', call_id: 'call_1', name: 'get_time', arguments: '{}', id: 'fc_1' }] },
    });
    expect(events).to.deep.equal([
      { kind: 'turn-awaiting-input', turnId: 'resp_1', text: '', toolCalls: [{ callId: 'call_1', toolName: 'get_time', arguments: '{}' }] },
    ]);
  });

  it('replays the recorded incomplete stream to a readable error with the streamed text kept', async () => {
    const { body, expected } = await loadOgxTranscript('incomplete');
    const [message] = replay(body).messages;
    expect(message.status).to.equal('error');
    expect(message.error).to.contain('length limit');
    expect(message.content).to.equal(expected.expected_final_text);
  });

  it('replays the recorded MCP stream: the call card gets its arguments and output, the text its answer', async () => {
    const { body, expected } = await loadOgxTranscript('mcp_or_web_search');
    const [message] = replay(body).messages;
    expect(message.status).to.equal('complete');
    expect(message.content).to.equal(expected.expected_final_text);
    const [call] = toolCalls(expected.expected_tool_calls);
    expect(message.toolCalls).to.have.length(1);
    expect(message.toolCalls[0]).to.deep.include({
      callId: call.id,
      toolName: `docs.${call.name}`,
      arguments: call.arguments,
      status: 'done',
    });
    expect(message.toolCalls[0].result).to.equal(call.output);
  });

  it('replays the recorded function-call stream to a wait for the client tool', async () => {
    const { body, expected } = await loadOgxTranscript('function_call');
    const [message] = replay(body).messages;
    const [call] = toolCalls(expected.expected_tool_calls);
    expect(message.status).to.equal('streaming');
    expect(message.toolCalls.map((c) => [c.callId, c.toolName, c.arguments, c.status])).to.deep.equal([
      [call.call_id, call.name, call.arguments, 'called'],
    ]);
  });

  it('replays the recorded follow-up stream to its final text', async () => {
    const { body, expected } = await loadOgxTranscript('function_call_followup');
    const [message] = replay(body).messages;
    expect(message.status).to.equal('complete');
    expect(message.content).to.equal(expected.expected_final_text);
  });
});

describe('Responses history', () => {
  const protocol = createResponsesProtocol();
  it('groups conversation items into turns, with tool calls and outputs in the reply', () => {
    const messages = protocol.historyFrom([
      { type: 'message', role: 'user', id: 'u1', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', id: 'fc_1' },
      { type: 'function_call_output', call_id: 'call_1', output: '{"temp": 18}' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is 18 °C.' }] },
      { type: 'message', role: 'user', id: 'u2', content: [{ type: 'input_text', text: 'Thanks' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'You are welcome.' }] },
    ]);
    expect(messages.map((m) => [m.sender, m.status, m.content])).to.deep.equal([
      ['user', 'complete', 'Weather in Paris?'],
      ['assistant', 'complete', 'It is 18 °C.'],
      ['user', 'complete', 'Thanks'],
      ['assistant', 'complete', 'You are welcome.'],
    ]);
    expect(messages[1].toolCalls).to.deep.equal([
      { callId: 'call_1', toolName: 'get_weather', arguments: '{"city":"Paris"}', parsed: true, status: 'done', result: '{"temp": 18}' },
    ]);
  });

  it('asks for the items oldest first and follows has_more with after', () => {
    const config = { baseUrl: 'http://x/', agentId: '', model: 'm', instructions: '', tools: [] };
    expect(protocol.loadHistory(config, 'conv_1').url).to.equal('http://x/v1/conversations/conv_1/items?order=asc&limit=100');
    const page = protocol.readHistoryPage(config, 'conv_1', { data: [{ id: 'i1' }, { id: 'i2' }], has_more: true, last_id: 'i2' });
    expect(page.records).to.have.length(2);
    expect(page.next?.url).to.equal('http://x/v1/conversations/conv_1/items?order=asc&limit=100&after=i2');
    expect(protocol.readHistoryPage(config, 'conv_1', { data: [], has_more: false }).next).to.equal(undefined);
  });

  it('builds a turn request with model, input, conversation, instructions, tools and stream', () => {
    const config = {
      baseUrl: 'http://x',
      agentId: '',
      model: 'llama3.2:3b',
      instructions: 'Be brief.',
      tools: [{ type: 'function', name: 't' }],
    };
    expect(protocol.startTurn(config, 'conv_1', 'Hi')).to.deep.equal({
      method: 'POST',
      url: 'http://x/v1/responses',
      body: {
        model: 'llama3.2:3b',
        input: 'Hi',
        conversation: 'conv_1',
        stream: true,
        instructions: 'Be brief.',
        tools: [{ type: 'function', name: 't' }],
      },
    });
    expect(protocol.resumeTurn(config, 'conv_1', 'resp_1', [{ callId: 'call_1', toolName: 't', content: '42' }]).body).to.deep.include({
      input: [{ type: 'function_call_output', call_id: 'call_1', output: '42' }],
      conversation: 'conv_1',
    });
  });
});
