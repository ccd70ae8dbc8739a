import { evaluateGrades, type Evaluation } from '../alerts/evaluation.js';
import { numberProblems } from '../alerts/validate.js';
import type { TimedValue } from '../time/index.js';

/** How fast the water level rises (rule 'water_level_rise'). */
export interface WaterLevelRiseRule {
  /** Warning at this rise rate (m/h); major at twice it. */
  ratePerHour: number;
  /** Readings further apart than this (h) say nothing about the current rate. */
  maxGapHours: number;
  /** An open alert resolves only below the rate minus this band (m/h). */
  band: number;
}

export const WATER_LEVEL_RISE_DEFAULTS: WaterLevelRiseRule = { ratePerHour: 0.3, maxGapHours: 3, band: 0.1 };

export function validateWaterLevelRiseRule(rule: WaterLevelRiseRule): string[] {
  return [
    ...numberProblems({ ratePerHour: rule.ratePerHour, maxGapHours: rule.maxGapHours }, 'positive'),
    ...numberProblems({ band: rule.band }, 'nonNegative'),
  ];
}

/** Rate between two consecutive level readings; null when they are out of order or too far apart to judge. */
export function evaluateWaterLevelRise(
  rule: WaterLevelRiseRule,
  previous: TimedValue,
  current: TimedValue,
): Evaluation | null {
  const hours = (current.time.getTime() - previous.time.getTime()) / 3_600_000;
  if (!(hours > 0) || hours > rule.maxGapHours) return null;
  return evaluateGrades(
    {
      ruleKey: 'water_level_rise',
      subject: { zh: '水位上涨速率', en: 'Water level rise rate' },
      unit: 'm/h',
      digits: 2,
      grades: [
        { severity: 'warning', threshold: rule.ratePerHour, name: { zh: '上涨速率限值', en: 'the rate limit' } },
        {
          severity: 'major',
          threshold: 2 * rule.ratePerHour,
          name: { zh: '两倍速率限值', en: 'twice the rate limit' },
        },
      ],
      inclusive: true,
      clearBelow: rule.ratePerHour - rule.band,
    },
    (current.value - previous.value) / hours,
  );
}
