import { afterEach, describe, expect, it, vi } from 'vitest';
import { pacedPasses } from './paced-passes.js';

describe('paced passes', () => {
  afterEach(() => void vi.useRealTimers());

  it('takes work that keeps arriving in merged passes, at most one per spacing', async () => {
    vi.useFakeTimers();
    let waiting: number[] = [];
    const taken: number[][] = [];
    const passes = pacedPasses(
      () => waiting.length > 0,
      async () => {
        taken.push(waiting);
        waiting = [];
      },
      100,
    );
    // Ten arrivals 25 ms apart: the first is taken at once, the rest in passes 100 ms apart (at 100, 200 and 300).
    for (let i = 0; i < 10; i++) {
      waiting.push(i);
      passes.kick();
      await vi.advanceTimersByTimeAsync(25);
    }
    await vi.advanceTimersByTimeAsync(200);
    await passes.idle();
    expect(taken[0]).toEqual([0]);
    expect(taken.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(taken).toHaveLength(4);
  });
});
