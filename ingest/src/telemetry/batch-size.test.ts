import { describe, expect, it } from 'vitest';
import { nextBatchSize } from './batch-size.js';

const messages = (n: number, readings: number) => Array.from({ length: n }, () => readings);

describe('nextBatchSize', () => {
  it('takes a short queue whole, down to a single message', () => {
    expect(nextBatchSize(messages(1, 5), 2, 500)).toBe(1);
    expect(nextBatchSize(messages(3, 5), 1, 500)).toBe(3);
  });

  it('shares a long queue among the commits that run side by side, within the message bound', () => {
    expect(nextBatchSize(messages(600, 5), 2, 500)).toBe(300);
    expect(nextBatchSize(messages(4000, 5), 2, 500)).toBe(500);
  });

  it('bounds a commit by its readings, but always takes one message', () => {
    expect(nextBatchSize(messages(4000, 50), 1, 1000, 10_000)).toBe(200);
    expect(nextBatchSize(messages(5, 20_000), 1, 1000, 10_000)).toBe(1);
  });
});
