import { describe, expect, it } from 'vitest';
import { evaluateRain, RAIN_DEFAULTS, RAIN_WINDOWS } from './rain.js';
import { SEVERITIES } from '../alerts/severity.js';

describe('evaluateRain', () => {
  describe.each(RAIN_WINDOWS)('%s window', (window) => {
    const grades = RAIN_DEFAULTS[window];

    it.each(SEVERITIES.map((severity, i) => [severity, grades[i]] as const))('%s from %s mm', (severity, amount) => {
      expect(evaluateRain(RAIN_DEFAULTS, window, amount)).toMatchObject({
        ruleKey: `rain_${window}`,
        severity,
        threshold: amount,
      });
      expect(evaluateRain(RAIN_DEFAULTS, window, amount + 0.1).severity).toBe(severity);
      expect(evaluateRain(RAIN_DEFAULTS, window, amount - 0.1).severity).not.toBe(severity);
    });

    it('opens nothing just below the lowest grade and clears below 80% of it', () => {
      expect(evaluateRain(RAIN_DEFAULTS, window, grades[0] - 0.1)).toMatchObject({ severity: null, clear: false });
      expect(evaluateRain(RAIN_DEFAULTS, window, grades[0] * 0.8)).toMatchObject({ severity: null, clear: false });
      expect(evaluateRain(RAIN_DEFAULTS, window, grades[0] * 0.8 - 0.1)).toMatchObject({ severity: null, clear: true });
    });
  });

  it('explains itself in Chinese and English', () => {
    expect(evaluateRain(RAIN_DEFAULTS, '3h', 85).message).toEqual({
      zh: '3 小时雨量 85.0 mm，达到预警雨量 80.0 mm（黄色预警）',
      en: '3h rainfall 85.0 mm, reached the alert amount 80.0 mm (Yellow alert)',
    });
  });
});
