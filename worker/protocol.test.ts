import { describe, expect, it } from 'vitest';
import { hubConnect, hubConnectId, isConnectionId } from './protocol.ts';

describe('the hub connect message', () => {
  it('carries a connection id the hub takes back out', () => {
    expect(hubConnectId(hubConnect('k3x9a0b1c2d3'))).toBe('k3x9a0b1c2d3');
  });

  it('refuses anything else: another type or version, an id that could not name a lock plainly', () => {
    const id = 'k3x9a0b1c2d3';
    for (const data of [
      null,
      'connect-hub',
      { ...hubConnect(id), frameport: 'frameport/2' },
      { ...hubConnect(id), type: 'connect-worker' },
      { ...hubConnect(id), id: 42 },
      hubConnect('short'),
      hubConnect('a'.repeat(65)),
      hubConnect('leader:tab-1234'),
      hubConnect('x y z 1 2 3 4'),
    ]) {
      expect(hubConnectId(data)).toBeUndefined();
    }
    expect(isConnectionId('tab-2f_a0000')).toBe(true);
  });
});
