import { expect } from '@open-wc/testing';
import { parsePayloads } from '../../src/controllers/event-stream.js';
import { describeHttpFailure, htmlHeadline, retryAfterTime, serverMessage } from '../../src/protocol/errors.js';

describe('error details: HTML pages, Retry-After, joined payloads', () => {
  it('quotes an HTML error page by its title or first heading, as plain text', () => {
    expect(htmlHeadline('<html><head><title>502 Bad <b>Gateway</b></title></head></html>')).to.equal('502 Bad  Gateway');
    expect(htmlHeadline('<body><h1 class="x">Service &amp; more &#60;down&#x3e;</h1></body>')).to.equal('Service & more down');
    expect(htmlHeadline('<body><p>nothing to name it by</p></body>')).to.equal('');
    expect(serverMessage('<!DOCTYPE html><title>Gateway Timeout</title><script>alert(1)</script>')).to.equal('Gateway Timeout');
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores nonsense', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(retryAfterTime('120', now)?.toISOString()).to.equal('2026-12-02T10:02:00.000Z');
    expect(retryAfterTime('Wed, 02 Dec 2026 10:05:00 GMT', now)?.toISOString()).to.equal('2026-12-02T10:05:00.000Z');
    expect(retryAfterTime('Wed, 02 Dec 2026 09:00:00 GMT', now)?.toISOString()).to.equal(now.toISOString());
    expect(retryAfterTime('soon', now)).to.equal(undefined);
    expect(retryAfterTime('', now)).to.equal(undefined);
    expect(retryAfterTime(String(3 * 86400), now)).to.equal(undefined);
  });

  it('shows Retry-After as a time on 429 and 503 only', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const at = new Date('2026-12-02T10:01:30Z').toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    expect(describeHttpFailure(429, '', 'turn', '90', now)).to.contain(`try again after ${at}`);
    expect(describeHttpFailure(503, '', 'turn', '90', now)).to.contain(`try again after ${at}`);
    expect(describeHttpFailure(500, '', 'turn', '90', now)).not.to.contain('try again after');
    expect(describeHttpFailure(429, '', 'turn', '', now)).to.contain('Try again in a moment');
  });

  it('splits data that joined two events, and keeps single payloads whole', () => {
    expect(parsePayloads('{"a":1}')).to.deep.equal([{ a: 1 }]);
    expect(parsePayloads('{"a":\n1}')).to.deep.equal([{ a: 1 }]);
    expect(parsePayloads('{"a":1}\n{"b":2}')).to.deep.equal([{ a: 1 }, { b: 2 }]);
    expect(parsePayloads('{"a":1}\r\nnot json')).to.deep.equal([{ a: 1 }, undefined]);
    expect(parsePayloads('not json')).to.deep.equal([undefined]);
    expect(parsePayloads('null')).to.deep.equal([null]);
  });
});
