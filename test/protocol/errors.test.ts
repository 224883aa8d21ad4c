import { expect } from '@open-wc/testing';
import { describeHttpFailure, describeInBandError, isUnknownSession, serverMessage } from '../../src/protocol/errors.js';

describe('error descriptions', () => {
  it('quotes the server in all three Llama Stack envelopes', () => {
    expect(serverMessage('{"detail":"Invalid value: Agent x not found"}')).to.equal('Invalid value: Agent x not found');
    expect(serverMessage({ error: { message: 'Quota exceeded' } })).to.equal('Quota exceeded');
    expect(
      serverMessage({
        error: { detail: { errors: [{ loc: ['body', 'messages', 0, 'content'], msg: 'Field required', type: 'missing' }] } },
      }),
    ).to.equal('messages.0.content: Field required');
  });

  it('quotes FastAPI validation lists and plain text, but not HTML pages', () => {
    expect(serverMessage({ detail: [{ loc: ['body', 'stream'], msg: 'Input should be a valid boolean' }] })).to.equal(
      'stream: Input should be a valid boolean',
    );
    expect(serverMessage('Bad Gateway')).to.equal('Bad Gateway');
    expect(serverMessage('<html><body>502</body></html>')).to.equal('');
    expect(serverMessage('')).to.equal('');
  });

  it('says authentication is needed on 401', () => {
    const text = describeHttpFailure(401, { error: { message: 'Invalid token' } }, 'turn');
    expect(text).to.match(/authentication/i);
    expect(text).to.contain('Invalid token');
  });

  it('says a 404 on the turn route means no Agents API, possibly Llama Stack 0.4+', () => {
    const text = describeHttpFailure(404, { detail: 'Not Found' }, 'turn');
    expect(text).to.contain('no Agents API');
    expect(text).to.contain('0.4');
  });

  it('never shows [object Object]', () => {
    for (const body of [{ error: {} }, { detail: {} }, { weird: [1, 2] }, null, 42]) {
      expect(describeHttpFailure(500, body, 'session')).not.to.contain('[object');
      expect(describeInBandError(body)).not.to.contain('[object');
    }
  });

  it('recognizes unknown-session answers', () => {
    expect(isUnknownSession({ detail: "Invalid value: Session 'abc' not found or access denied." })).to.equal(true);
    expect(isUnknownSession({ detail: 'Agent not found' })).to.equal(false);
  });
});
