import { describe, expect, it } from 'vitest';
import { addDays, addYears, daysBetween, minDate } from './calendar.js';

describe('calendar dates', () => {
  it('adds days across months and years', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('adds years, keeping 29 February only in leap years', () => {
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('2020-02-29', 6)).toBe('2026-02-28');
    expect(addYears('2026-07-01', -10)).toBe('2016-07-01');
  });

  it('counts days between dates and picks the earlier', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
    expect(minDate('2025-12-31', '2026-01-01')).toBe('2025-12-31');
  });
});
