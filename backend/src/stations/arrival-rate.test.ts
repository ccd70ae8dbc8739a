import { describe, expect, it } from 'vitest';
import { beijingDate, beijingDay } from '@yz/domain';
import { arrivalRate, expectedReports } from './arrival-rate.js';

describe('arrival rate (到报率)', () => {
  it('cuts the Beijing calendar day at +08:00', () => {
    const { from, to } = beijingDay('2026-07-01', new Date('2026-07-05T00:00:00Z'));
    expect(from.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(expectedReports(from, to)).toBe(24);
  });

  it('expects only the hours begun so far today', () => {
    const now = new Date('2026-07-01T02:30:00Z'); // 10:30 in Beijing
    expect(beijingDate(now)).toBe('2026-07-01');
    const { from, to } = beijingDay('2026-07-01', now);
    expect(expectedReports(from, to)).toBe(11);
  });

  it('is received over expected, capped at 1, undefined with nothing expected', () => {
    expect(arrivalRate(18, 24)).toBe(0.75);
    expect(arrivalRate(25, 24)).toBe(1);
    expect(arrivalRate(0, 0)).toBeNull();
  });
});
