import { describe, expect, it } from 'vitest';
import { beijingHour, formatBeijing, isFloodSeason } from './beijing-time.js';

describe('Beijing time', () => {
  it('formats with the +08:00 offset', () => {
    expect(formatBeijing(Date.parse('2026-07-01T00:00:00Z'))).toBe('2026-07-01T08:00:00+08:00');
    expect(formatBeijing(Date.parse('2026-06-30T16:30:05Z'))).toBe('2026-07-01T00:30:05+08:00');
  });

  it('gives the local hour and the Hunan flood season', () => {
    expect(beijingHour(Date.parse('2026-07-01T06:30:00Z'))).toBe(14.5);
    expect(isFloodSeason(Date.parse('2026-03-31T16:00:00Z'))).toBe(true); // 1 April, 00:00 in Beijing
    expect(isFloodSeason(Date.parse('2026-09-30T16:00:00Z'))).toBe(false); // 1 October
  });
});
