import { describe, expect, it } from 'vitest';
import { outcomeOf } from './shareData.ts';

describe('outcomeOf: what a rejection of navigator.share means', () => {
  it.each([
    [new DOMException('closed', 'AbortError'), { outcome: 'cancelled' }],
    [new DOMException('no', 'NotAllowedError'), { outcome: 'refused', reason: 'not-allowed', message: 'no' }],
    [new DOMException('open', 'InvalidStateError'), { outcome: 'refused', reason: 'busy', message: 'open' }],
    [new TypeError('bad'), { outcome: 'refused', reason: 'invalid-data', message: 'bad' }],
    // postMessage's, for a widget's data that cannot be sent to its host (a function in it).
    [new DOMException('no clone', 'DataCloneError'), { outcome: 'refused', reason: 'invalid-data', message: 'no clone' }],
    [
      { name: 'toString', message: 'odd' },
      { outcome: 'refused', reason: 'failed', message: 'odd' },
    ],
    [undefined, { outcome: 'refused', reason: 'failed', message: 'undefined' }],
  ])('%s', (error, outcome) => {
    expect(outcomeOf(error)).toEqual(outcome);
  });
});
