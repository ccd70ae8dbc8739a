import { describe, expect, it } from 'vitest';
import { dayNumber, dayOfYear, dayString } from './days.js';
import { buildHstDesign, hstInputs, HST_SYMBOLS, termValues, type DailyValue } from './features.js';

/** Level 100 + i m on day i from 2024-01-01: H = i above a base of 100 m. */
function ramp(days: number, skip: number[] = []): DailyValue[] {
  const first = dayNumber('2024-01-01');
  return Array.from({ length: days }, (_, i) => ({ day: dayString(first + i), value: 100 + i })).filter(
    (_, i) => !skip.includes(i),
  );
}

describe('calendar days', () => {
  it('reads ISO dates and refuses what is not a date', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayString(dayNumber('2024-02-29'))).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2024-13-01', '2024-00-10', '2024-1-1', '0099-01-01', 'yesterday']) {
      expect(() => dayNumber(bad), bad).toThrow(/Not a day/);
    }
  });

  it('counts the day of the year from 1, leap years to 366', () => {
    expect(dayOfYear(dayNumber('2025-01-01'))).toBe(1);
    expect(dayOfYear(dayNumber('2024-12-31'))).toBe(366);
    expect(dayOfYear(dayNumber('2025-12-31'))).toBe(365);
    expect(dayOfYear(dayNumber('1969-12-31'))).toBe(365);
  });
});

describe('terms of a day', () => {
  const day = dayNumber('2024-01-11'); // i = 10: H = 10, days before hold H = 9, 8, … 0

  it('takes H above the base, the 1–3 and 4–10 day mean levels, the season and θ', () => {
    const inputs = hstInputs(100, ramp(20));
    const row = termValues(inputs, HST_SYMBOLS.slice(0, 11), day - 50, day, 110);
    const season = (2 * Math.PI * 11) / 365.25;
    expect([...row!]).toEqual([
      10,
      100,
      1000,
      8, // (9 + 8 + 7) / 3
      3, // (6 + … + 0) / 7
      Math.sin(season),
      Math.cos(season),
      Math.sin(2 * season),
      Math.cos(2 * season),
      0.5,
      Math.log(1.5),
    ]);
  });

  it('uses the level it is given for H (a single reading) and the daily means for the lags', () => {
    const row = termValues(hstInputs(100, ramp(20)), ['a1', 'b1'], day, day, 112.5);
    expect([...row!]).toEqual([12.5, 8]);
  });

  it('averages what a lag window holds when at least half its days are there, else gives no row', () => {
    const near = (skip: number[]) => termValues(hstInputs(100, ramp(20, skip)), ['b1'], day, day, 110);
    const far = (skip: number[]) => termValues(hstInputs(100, ramp(20, skip)), ['b2'], day, day, 110);
    expect(near([9])?.[0]).toBe(7.5);
    expect(near([9, 8])).toBeNull();
    expect(far([6, 5, 4])?.[0]).toBe(1.5);
    expect(far([6, 5, 4, 3])).toBeNull();
    // A term that is not asked for needs no history.
    expect(termValues(hstInputs(100, ramp(20, [9, 8])), ['a1'], day, day, 110)).not.toBeNull();
  });

  it('takes the mean daily rain of the day and the two before, and has none without rain', () => {
    const rain = [
      { day: '2024-01-09', value: 30 },
      { day: '2024-01-10', value: 0 },
      { day: '2024-01-11', value: 6 },
    ];
    expect(termValues(hstInputs(100, ramp(20), rain), ['e1'], day, day, 110)?.[0]).toBe(12);
    expect(termValues(hstInputs(100, ramp(20)), ['e1'], day, day, 110)).toBeNull();
  });
});

describe('design rows', () => {
  it('skips days without a value, a level or enough lag history, and counts θ from the first row', () => {
    const level = ramp(30, [20]);
    const values = ramp(30).map((v, i) => ({ ...v, value: i === 15 ? NaN : i }));
    const design = buildHstDesign(hstInputs(100, level), values);
    // Day 7 is the first whose 4–10-days-back window holds 4 of its 7 days (days 0–3); day 15 has no value and
    // day 20 no level.
    expect(design.days.map(dayString)).toEqual(ramp(30, [0, 1, 2, 3, 4, 5, 6, 15, 20]).map((v) => v.day));
    expect(design.symbols).not.toContain('e1');
    const theta = design.columns[design.symbols.indexOf('d1')];
    expect(theta[0]).toBe(0);
    expect(theta[1]).toBeCloseTo(0.01);
    expect(design.y[0]).toBe(7);
    expect(design.level[0]).toBe(107);
  });

  it('offers the rain term only when rain is given', () => {
    const design = buildHstDesign(hstInputs(100, ramp(30), ramp(30)), ramp(30));
    expect(design.symbols.at(-1)).toBe('e1');
  });
});
