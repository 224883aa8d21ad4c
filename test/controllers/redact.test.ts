import { expect } from '@open-wc/testing';
import { redactSecrets } from '../../src/controllers/redact.js';

describe('redactSecrets', () => {
  it('blanks out a whole header value and the token after its scheme, wherever they appear', () => {
    const headers = { Authorization: 'Bearer sk-live-123456789', 'X-Api-Key': 'key-abcdefgh' };
    expect(redactSecrets('echo: Bearer sk-live-123456789 / sk-live-123456789 / key-abcdefgh', headers)).to.equal(
      'echo: [redacted] / [redacted] / [redacted]',
    );
  });

  it('leaves values under 8 characters alone: they are too likely to be ordinary words', () => {
    expect(redactSecrets('the token was wrong', { 'X-Mode': 'token', Authorization: 'Basic wrong' })).to.equal('the token was wrong');
  });

  it('changes nothing without headers', () => {
    expect(redactSecrets('HTTP 401: Bearer abcdefghijk is invalid', {})).to.equal('HTTP 401: Bearer abcdefghijk is invalid');
  });
});
