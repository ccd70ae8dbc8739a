import { describe, expect, it } from 'vitest';
import { beijingDate, beijingDay, beijingFields, beijingHour, formatBeijing, fromBeijing } from './beijing-time.js';

describe('Beijing time', () => {
  it('formats with the +08:00 offset, from a Date or milliseconds', () => {
    expect(formatBeijing(Date.parse('2026-07-01T00:00:00Z'))).toBe('2026-07-01T08:00:00+08:00');
    expect(formatBeijing(new Date('2026-06-30T16:30:05Z'))).toBe('2026-07-01T00:30:05+08:00');
  });

  it('gives the local date and hour', () => {
    expect(beijingHour(Date.parse('2026-07-01T06:30:00Z'))).toBe(14.5);
    expect(beijingDate(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
    expect(beijingDate(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(beijingFields(new Date('2026-12-31T16:00:01Z'))).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      second: 1,
    });
    expect(fromBeijing(2027, 1, 1, 0, 0, 1).toISOString()).toBe('2026-12-31T16:00:01.000Z');
  });

  it('cuts the Beijing calendar day at +08:00, and at now when it is today', () => {
    const { from, to } = beijingDay('2026-07-01', new Date('2026-07-05T00:00:00Z'));
    expect(from.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-07-01T16:00:00.000Z');
    const now = new Date('2026-07-01T02:30:00Z');
    expect(beijingDay('2026-07-01', now).to).toEqual(now);
  });
});
