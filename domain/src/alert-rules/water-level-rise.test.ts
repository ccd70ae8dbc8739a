import { describe, expect, it } from 'vitest';
import { evaluateWaterLevelRise, WATER_LEVEL_RISE_DEFAULTS } from './water-level-rise.js';

const start = new Date('2026-06-20T08:00:00+08:00');
const hoursLater = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
const rise = (metres: number, hours: number, rule = WATER_LEVEL_RISE_DEFAULTS) =>
  evaluateWaterLevelRise(rule, { value: 310, time: start }, { value: 310 + metres, time: hoursLater(hours) });

describe('evaluateWaterLevelRise', () => {
  it.each([
    [0.29, 1, null],
    [0.31, 1, 'warning'],
    [0.3, 0.5, 'major'],
    [0.59, 1, 'warning'],
    [0.61, 1, 'major'],
  ])('%s m in %s h → %s', (metres, hours, severity) => {
    expect(rise(metres, hours)).toMatchObject({ ruleKey: 'water_level_rise', severity });
  });

  it('reaching the rate exactly counts', () => {
    const rule = { ...WATER_LEVEL_RISE_DEFAULTS, ratePerHour: 0.25 };
    expect(rise(0.5, 2, rule)).toMatchObject({ severity: 'warning', threshold: 0.25, value: 0.25 });
    expect(rise(1, 2, rule)).toMatchObject({ severity: 'major', threshold: 0.5 });
  });

  it('ignores readings too far apart or out of order', () => {
    expect(rise(1.2, 3)?.severity).toBe('warning');
    expect(rise(1.2, 3.01)).toBeNull();
    expect(rise(0.5, 0)).toBeNull();
    expect(rise(0.5, -1)).toBeNull();
  });

  it('clears below the rate minus the 0.1 m/h band', () => {
    expect(rise(0.25, 1)).toMatchObject({ severity: null, clear: false });
    expect(rise(0.19, 1)).toMatchObject({ severity: null, clear: true });
    expect(rise(-0.2, 1)?.clear).toBe(true);
  });
});
