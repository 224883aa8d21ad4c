import { expect } from '@open-wc/testing';
import { chatFor, requestsFor, responseFrames, scripted, scriptedAgent, turnFrames, until } from '../../support/mock.js';

// After its final event a server still has teardown to do (tracing, MCP sessions, a proxy flushing)
// before it ends the response; the widget lets it, and closes the request itself only after a grace
// period of a few seconds (3 s).
const SERVER_TEARDOWN = [{ delayMs: 200 }, ': teardown done\n\n'];

async function turnRequest(id: string, suffix: string) {
  let found: Awaited<ReturnType<typeof requestsFor>>[number] | undefined;
  await until(async () => {
    found = (await requestsFor(id)).find((r) => r.path.endsWith(suffix) && !r.open);
    return found;
  }, `the ${suffix} request never closed`);
  return found!;
}

describe('<llama-agent-chat> the end of a turn’s stream', () => {
  it('lets an Agents API server end the stream after turn_complete instead of cancelling it', async () => {
    const agent = await scriptedAgent({ chunks: [...turnFrames(['Done']), ...SERVER_TEARDOWN] });
    const el = await chatFor(agent);
    expect((await el.send('Hi')).status).to.equal('complete');
    expect((await turnRequest(agent, '/turn')).endedByServer).to.equal(true);
  });

  it('lets a Responses API server end the stream after response.completed', async () => {
    const { id, baseUrl } = await scripted({ flavour: 'ogx-0.8', chunks: [...responseFrames(['Done']), ...SERVER_TEARDOWN] });
    const el = await chatFor('', { baseUrl, model: 'm' });
    expect((await el.send('Hi')).status).to.equal('complete');
    expect((await turnRequest(id, '/v1/responses')).endedByServer).to.equal(true);
  });

  it('closes a stream the server leaves open after the final event, once the grace period is over', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['Done']), end: 'hang' });
    const el = await chatFor(agent);
    expect((await el.send('Hi')).status).to.equal('complete');
    expect((await requestsFor(agent)).find((r) => r.path.endsWith('/turn'))!.open, 'open during the grace period').to.equal(true);
    const turn = await turnRequest(agent, '/turn');
    expect(turn.endedByServer).to.equal(false);
  });

  it('closes the stream at once when the element is removed during the grace period', async () => {
    const agent = await scriptedAgent({ chunks: turnFrames(['Done']), end: 'hang' });
    const el = await chatFor(agent);
    expect((await el.send('Hi')).status).to.equal('complete');
    expect((await requestsFor(agent)).find((r) => r.path.endsWith('/turn'))!.open).to.equal(true);
    el.remove();
    expect((await turnRequest(agent, '/turn')).endedByServer).to.equal(false);
  });
});
