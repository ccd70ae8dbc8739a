import { describe, expect, it } from 'vitest';
import { dayEndAtOrBefore, dayStartBefore, hydrologicalDay } from './hydrological-day.js';

describe('hydrological day', () => {
  it('runs from 08:00 the day before to 08:00 Beijing time on the named date', () => {
    const { from, to } = hydrologicalDay('2026-07-01');
    expect(from.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(to.toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('refuses dates that do not exist', () => {
    expect(() => hydrologicalDay('2026-02-30')).toThrow(RangeError);
    expect(() => hydrologicalDay('2026-7-1')).toThrow(RangeError);
  });

  it('counts 08:00 itself as the end of a day, not the start of the next', () => {
    const eight = Date.parse('2026-07-01T08:00:00+08:00');
    expect(dayEndAtOrBefore(eight)).toBe(eight);
    expect(dayStartBefore(eight)).toBe(eight - 24 * 3_600_000);
    expect(dayStartBefore(eight + 60_000)).toBe(eight);
    expect(dayEndAtOrBefore(eight - 60_000)).toBe(eight - 24 * 3_600_000);
  });
});
