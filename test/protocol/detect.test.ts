import { expect } from '@open-wc/testing';
import { agentsPrefix, chooseApi, parseVersion } from '../../src/protocol/detect.js';

describe('protocol detection', () => {
  it('reads versions in the shapes servers answer', () => {
    expect(parseVersion({ version: '0.3.5' })).to.deep.equal([0, 3, 5]);
    expect(parseVersion({ version: 'v0.8.0rc1' })).to.deep.equal([0, 8, 0]);
    expect(parseVersion('0.2')).to.deep.equal([0, 2, 0]);
    expect(parseVersion({ detail: 'Not Found' })).to.equal(undefined);
  });

  it('uses the Agents API below 0.4 and the Responses API from 0.4 or without a version', () => {
    expect(chooseApi('auto', { version: [0, 2, 23] })).to.equal('agents');
    expect(chooseApi('auto', { version: [0, 3, 5] })).to.equal('agents');
    expect(chooseApi('auto', { version: [0, 4, 0] })).to.equal('responses');
    expect(chooseApi('auto', { version: [1, 0, 0] })).to.equal('responses');
    expect(chooseApi('auto', {})).to.equal('responses');
    expect(chooseApi('agents', { version: [0, 8, 0] })).to.equal('agents');
  });

  it('finds the Agents API under /v1alpha on 0.3 and under /v1 before', () => {
    expect(agentsPrefix({ version: [0, 3, 0] })).to.equal('/v1alpha/agents');
    expect(agentsPrefix({ version: [0, 2, 23] })).to.equal('/v1/agents');
    expect(agentsPrefix({})).to.equal('/v1/agents');
  });
});
