import { describe, expect, it } from 'vitest';
import { backoffDelays, DEFAULT_RETRY } from './backoff.js';

describe('backoffDelays', () => {
  it('waits 1 s then 2 s between 3 attempts by default', () => {
    expect(backoffDelays(DEFAULT_RETRY)).toEqual([1000, 2000]);
  });

  it('doubles each wait', () => {
    expect(backoffDelays({ attempts: 5, baseDelayMs: 10 })).toEqual([10, 20, 40, 80]);
  });

  it('has no wait when there is a single attempt or none', () => {
    expect(backoffDelays({ attempts: 1, baseDelayMs: 1000 })).toEqual([]);
    expect(backoffDelays({ attempts: 0, baseDelayMs: 1000 })).toEqual([]);
  });
});
