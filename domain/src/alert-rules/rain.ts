import { SEVERITIES } from '../alerts/severity.js';
import { evaluateGrades, type Evaluation } from '../alerts/evaluation.js';
import { numberProblems, orderProblems, ratioProblems } from '../alerts/validate.js';

export const RAIN_WINDOWS = ['1h', '3h', '24h'] as const;
export type RainWindow = (typeof RAIN_WINDOWS)[number];

/** Accumulation (mm) opening each severity: [info, warning, major, critical]. */
export type RainGrades = readonly [number, number, number, number];

/** Rainfall accumulated at one gauge over a sliding window (rules 'rain_1h', 'rain_3h', 'rain_24h'). */
export interface RainRule extends Record<RainWindow, RainGrades> {
  /** An open alert resolves only below this share of the window's lowest grade. */
  clearRatio: number;
}

/**
 * Anchored on the national grades, then spread over four severities for a single gauge:
 * - CMA rainstorm warning signals (气象灾害预警信号及防御指南): orange when 3 h ≥ 50 mm, red when 3 h ≥ 100 mm;
 * - GB/T 28592-2012 降水量等级, 24 h: 大暴雨 ≥ 100 mm, 特大暴雨 ≥ 250 mm.
 * Those are area-wide forecast grades; a small reservoir's catchment reacts sooner, so the lowest amounts open a
 * blue notice and severity climbs with the amount. Tune per reservoir with overrides.
 */
export const RAIN_DEFAULTS: RainRule = {
  '1h': [30, 50, 70, 100],
  '3h': [50, 80, 100, 150],
  '24h': [100, 150, 200, 250],
  clearRatio: 0.8,
};

export function validateRainRule(rule: RainRule): string[] {
  const problems = ratioProblems('clearRatio', rule.clearRatio);
  for (const window of RAIN_WINDOWS) {
    const grades: readonly unknown[] = rule[window];
    if (!Array.isArray(grades) || grades.length !== SEVERITIES.length) {
      problems.push(`${window} must list ${SEVERITIES.length} amounts (${SEVERITIES.join(', ')})`);
      continue;
    }
    const named = Object.fromEntries(SEVERITIES.map((severity, i) => [`${window} ${severity}`, grades[i]]));
    problems.push(...numberProblems(named, 'positive'), ...orderProblems(named));
  }
  return problems;
}

/** `accumulation` is the rainfall (mm) over the window, summed by the caller. */
export function evaluateRain(rule: RainRule, window: RainWindow, accumulation: number): Evaluation {
  const amounts = rule[window];
  return evaluateGrades(
    {
      ruleKey: `rain_${window}`,
      subject: { zh: `${window.replace('h', ' 小时')}雨量`, en: `${window} rainfall` },
      unit: 'mm',
      digits: 1,
      grades: SEVERITIES.map((severity, i) => ({
        severity,
        threshold: amounts[i],
        name: { zh: '预警雨量', en: 'the alert amount' },
      })),
      inclusive: true,
      clearBelow: amounts[0] * rule.clearRatio,
    },
    accumulation,
  );
}
