import { describe, expect, it } from 'vitest';
import { isFloodSeason } from './flood-season.js';

describe('isFloodSeason', () => {
  it.each([
    ['2026-03-31T23:59:59+08:00', false],
    ['2026-04-01T00:00:00+08:00', true],
    ['2026-07-15T12:00:00+08:00', true],
    ['2026-09-30T23:59:00+08:00', true],
    // Still 30 September in UTC: the local date decides.
    ['2026-10-01T00:00:00+08:00', false],
    ['2026-01-10T08:00:00+08:00', false],
  ])('%s → %s', (iso, expected) => {
    expect(isFloodSeason(new Date(iso))).toBe(expected);
  });

  it('takes epoch milliseconds as well', () => {
    expect(isFloodSeason(Date.parse('2026-03-31T16:00:00Z'))).toBe(true); // 1 April, 00:00 in Beijing
    expect(isFloodSeason(Date.parse('2026-09-30T16:00:00Z'))).toBe(false); // 1 October
  });
});
