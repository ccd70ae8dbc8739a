import { compareSeverity, SEVERITIES, SEVERITY_DISPLAY, type Severity } from '../alerts/severity.js';
import type { Evaluation } from '../alerts/evaluation.js';
import { numberProblems, orderProblems, ratioProblems } from '../alerts/validate.js';
import { dayStartBefore, type TimedValue } from '../time/hydrological-day.js';

/** Sliding windows ending at the newest reading, and `day`: the hydrological day so far (since 08:00 Beijing). */
export const RAIN_WINDOWS = ['1h', '3h', '6h', '12h', '24h', 'day'] as const;
export type RainWindow = (typeof RAIN_WINDOWS)[number];

/** Accumulation (mm) opening each severity: [blue, yellow, orange, red]; null: this window opens no such grade. */
export type RainGrades = readonly [number | null, number | null, number | null, number | null];

/** Rainfall (mm) at one gauge over each window. */
export type RainSums = Record<RainWindow, number>;

/** Rainfall at one gauge: one alert per gauge, at the highest grade any window reaches. */
export interface RainRule extends Record<RainWindow, RainGrades> {
  /** An open alert resolves only once every window is below this share of its lowest grade. */
  clearRatio: number;
}

/**
 * The national rainstorm warning signals (暴雨预警信号, 气象灾害预警信号及防御指南) applied to one gauge:
 * blue 12 h ≥ 50 mm, yellow 6 h ≥ 50 mm, orange 3 h ≥ 50 mm, red 3 h ≥ 100 mm. Added where the signals are silent:
 * - 1 h: 30 mm blue, 40 mm yellow (短时强降水 is ≥ 20 mm/h; a small catchment answers an intense hour first);
 *   50 mm in 1 h is 50 mm in 3 h, orange already;
 * - 24 h and the hydrological day: GB/T 28592-2012 降水量等级, 大暴雨 ≥ 100 mm yellow, 特大暴雨 ≥ 250 mm orange
 *   (50 mm over a whole day is 暴雨 but below the blue signal's 50 mm in 12 h).
 * Tune per reservoir with overrides.
 */
export const RAIN_DEFAULTS: RainRule = {
  '1h': [30, 40, null, null],
  '3h': [null, null, 50, 100],
  '6h': [null, 50, null, null],
  '12h': [50, null, null, null],
  '24h': [null, 100, 250, null],
  day: [null, 100, 250, null],
  clearRatio: 0.8,
};

const WINDOW_NAMES: Record<RainWindow, { zh: string; en: string }> = {
  '1h': { zh: '1 小时雨量', en: '1 h rainfall' },
  '3h': { zh: '3 小时雨量', en: '3 h rainfall' },
  '6h': { zh: '6 小时雨量', en: '6 h rainfall' },
  '12h': { zh: '12 小时雨量', en: '12 h rainfall' },
  '24h': { zh: '24 小时雨量', en: '24 h rainfall' },
  day: { zh: '日雨量（8 时起）', en: 'Rainfall since 08:00' },
};

export function validateRainRule(rule: RainRule): string[] {
  const problems = ratioProblems('clearRatio', rule.clearRatio);
  for (const window of RAIN_WINDOWS) {
    const grades: readonly unknown[] = rule[window];
    if (!Array.isArray(grades) || grades.length !== SEVERITIES.length) {
      problems.push(`${window} must list ${SEVERITIES.length} amounts or nulls (${SEVERITIES.join(', ')})`);
      continue;
    }
    const named = Object.fromEntries(
      SEVERITIES.map((severity, i) => [`${window} ${severity}`, grades[i]]).filter(([, v]) => v !== null),
    );
    problems.push(...numberProblems(named, 'positive'), ...orderProblems(named));
  }
  return problems;
}

interface Reached {
  window: RainWindow;
  severity: Severity;
  threshold: number;
}

/**
 * One verdict over every window (rule `rain:{sensor}`): the highest grade met, the shortest window first on a tie.
 * With no grade met it shows the window nearest its lowest grade, and is clear once every window is below
 * `clearRatio` of its lowest grade.
 */
export function evaluateRain(rule: RainRule, sensor: string, sums: RainSums): Evaluation {
  let hit: Reached | undefined;
  let nearest: Reached & { share: number } = { window: '1h', severity: 'info', threshold: 0, share: -1 };
  let clear = true;
  for (const window of RAIN_WINDOWS) {
    const amount = sums[window];
    rule[window].forEach((threshold, i) => {
      if (threshold === null) return;
      const severity = SEVERITIES[i];
      if (amount >= threshold && (!hit || compareSeverity(severity, hit.severity) > 0)) {
        hit = { window, severity, threshold };
      }
    });
    const lowest = rule[window].find((t): t is number => t !== null);
    if (lowest === undefined) continue;
    if (amount >= lowest * rule.clearRatio) clear = false;
    if (amount / lowest > nearest.share)
      nearest = { window, severity: 'info', threshold: lowest, share: amount / lowest };
  }
  const shown = hit ?? nearest;
  const value = sums[shown.window];
  return {
    ruleKey: `rain:${sensor}`,
    severity: hit?.severity ?? null,
    threshold: shown.threshold,
    value,
    clear: !hit && clear,
    message: rainMessage(shown, value, hit !== undefined),
  };
}

function rainMessage({ window, severity, threshold }: Reached, value: number, hit: boolean) {
  const name = WINDOW_NAMES[window];
  const v = `${value.toFixed(1)} mm`;
  const t = `${threshold.toFixed(1)} mm`;
  if (!hit) return { zh: `${name.zh} ${v}，未达到预警雨量 ${t}`, en: `${name.en} ${v}, below the alert amount ${t}` };
  const label = SEVERITY_DISPLAY[severity];
  return {
    zh: `${name.zh} ${v}，达到预警雨量 ${t}（${label.zh}）`,
    en: `${name.en} ${v}, reached the alert amount ${t} (${label.en})`,
  };
}

const WINDOW_MS: Record<Exclude<RainWindow, 'day'>, number> = {
  '1h': 3_600_000,
  '3h': 3 * 3_600_000,
  '6h': 6 * 3_600_000,
  '12h': 12 * 3_600_000,
  '24h': 24 * 3_600_000,
};

/**
 * A gauge's rain over each window ending at `at`, from its stored increments (each the rain of an interval ending
 * at its time, so a window (at − span, at] takes those stamped inside it); `day` from the latest 08:00 before `at`.
 */
export function rainSums(increments: readonly TimedValue[], at: Date): RainSums {
  const end = at.getTime();
  const dayStart = dayStartBefore(end);
  const sums: RainSums = { '1h': 0, '3h': 0, '6h': 0, '12h': 0, '24h': 0, day: 0 };
  for (const { time, value } of increments) {
    const t = time.getTime();
    if (t > end) continue;
    for (const [window, span] of Object.entries(WINDOW_MS) as [keyof typeof WINDOW_MS, number][]) {
      if (t > end - span) sums[window] += value;
    }
    if (t > dayStart) sums.day += value;
  }
  for (const window of RAIN_WINDOWS) sums[window] = Math.round(sums[window] * 1000) / 1000;
  return sums;
}
