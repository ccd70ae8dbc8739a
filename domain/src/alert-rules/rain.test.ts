import { describe, expect, it } from 'vitest';
import { evaluateRain, RAIN_DEFAULTS, RAIN_WINDOWS, rainSums, validateRainRule, type RainSums } from './rain.js';
import { SEVERITIES } from '../alerts/severity.js';

const dry: RainSums = { '1h': 0, '3h': 0, '6h': 0, '12h': 0, '24h': 0, day: 0 };
/** Rain that fell within the window: the longer windows hold at least as much. */
function fell(window: (typeof RAIN_WINDOWS)[number], mm: number): RainSums {
  const from = RAIN_WINDOWS.indexOf(window);
  return Object.fromEntries(RAIN_WINDOWS.map((w, i) => [w, i >= from || w === 'day' ? mm : 0])) as RainSums;
}

describe('evaluateRain on the national rainstorm signals', () => {
  it.each([
    ['info', '12h', 50],
    ['warning', '6h', 50],
    ['major', '3h', 50],
    ['critical', '3h', 100],
  ] as const)('opens %s at %s ≥ %s mm and not below', (severity, window, mm) => {
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', fell(window, mm))).toMatchObject({
      ruleKey: 'rain:RG1',
      severity,
      threshold: mm,
      value: mm,
    });
    const below = evaluateRain(RAIN_DEFAULTS, 'RG1', fell(window, mm - 0.1)).severity;
    expect(below === null || SEVERITIES.indexOf(below) < SEVERITIES.indexOf(severity)).toBe(true);
  });

  it('takes the highest grade any window reaches: one alert per gauge', () => {
    // 12 h 60 (blue), 6 h 55 (yellow), 3 h 52 (orange), day 120 (yellow).
    const sums = { '1h': 20, '3h': 52, '6h': 55, '12h': 60, '24h': 120, day: 120 };
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', sums)).toMatchObject({ severity: 'major', threshold: 50, value: 52 });
  });

  it('grades the 1 h, 24 h and hydrological-day defaults stated in the rule', () => {
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', fell('1h', 30)).severity).toBe('info');
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', fell('1h', 40)).severity).toBe('warning');
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', { ...dry, '24h': 100 }).severity).toBe('warning');
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', { ...dry, day: 250 }).severity).toBe('major');
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', { ...dry, '24h': 49.9, day: 49.9 }).severity).toBeNull();
  });

  it('clears once every window is below 80% of its lowest grade', () => {
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', { ...dry, '12h': 40 })).toMatchObject({ severity: null, clear: false });
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', { ...dry, '12h': 39.9 })).toMatchObject({ severity: null, clear: true });
  });

  it('explains itself in Chinese and English', () => {
    expect(evaluateRain(RAIN_DEFAULTS, 'RG1', fell('3h', 85)).message).toEqual({
      zh: '3 小时雨量 85.0 mm，达到预警雨量 50.0 mm（橙色预警）',
      en: '3 h rainfall 85.0 mm, reached the alert amount 50.0 mm (Orange alert)',
    });
  });

  it('accepts nulls for grades a window does not open and refuses amounts out of order', () => {
    expect(validateRainRule(RAIN_DEFAULTS)).toEqual([]);
    expect(validateRainRule({ ...RAIN_DEFAULTS, '3h': [null, 60, 50, null] })).toEqual([
      '3h warning (60) must be below 3h major (50)',
    ]);
    expect(validateRainRule({ ...RAIN_DEFAULTS, '6h': [0, null, null, null] })).toHaveLength(1);
  });
});

describe('rainSums', () => {
  const at = (beijing: string) => new Date(`${beijing}+08:00`);
  it('sums sliding windows ending at the reading and the hydrological day since 08:00', () => {
    const increments = [
      { time: at('2026-07-01T07:00'), value: 4 }, // the day that ends at 08:00
      { time: at('2026-07-01T08:00'), value: 2 }, // still that day: stamped at the end of its interval
      { time: at('2026-07-01T09:00'), value: 1.5 },
      { time: at('2026-07-01T10:00'), value: 3 },
      { time: at('2026-07-01T10:30'), value: 9 }, // after the reading: not counted
    ];
    expect(rainSums(increments, at('2026-07-01T10:00'))).toEqual({
      '1h': 3,
      '3h': 6.5,
      '6h': 10.5,
      '12h': 10.5,
      '24h': 10.5,
      day: 4.5,
    });
    expect(rainSums(increments, at('2026-07-01T08:00')).day).toBe(6);
  });
});
