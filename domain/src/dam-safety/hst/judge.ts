// Judging an instrument's daily means (and, provisionally, single readings) against its HST model.
import { dayNumber } from './days.js';
import type { HstInputs } from './features.js';
import { predictDay, predictReading, type HstModel, type HstPrediction } from './model.js';

/** When a residual is abnormal, in multiples of the model's σ. */
export interface HstRule {
  /** Beyond this: yellow (severity 'warning'). */
  warningSigma: number;
  /** Beyond this, or beyond warningSigma on `streakDays` consecutive days: orange ('major'). */
  majorSigma: number;
  streakDays: number;
  /**
   * Consecutive days beyond warningSigma before a yellow opens (1: the first day). On honest independent daily
   * residuals 0.27 % of days fall beyond 3σ, so a one-day rule cries wolf about once per instrument-year by
   * construction; asking for a second day cuts that to a few per hundred instrument-years, while anything beyond
   * majorSigma (a step of 5σ) still alerts on its first day.
   */
  confirmDays: number;
  /** An open model alert may resolve once a residual is back within this (hysteresis against flapping). */
  clearSigma: number;
}

export const HST_RULE_DEFAULTS: HstRule = {
  warningSigma: 3,
  majorSigma: 4,
  streakDays: 3,
  confirmDays: 2,
  clearSigma: 2,
};

/** The repo's severity names for the yellow and orange warning colours. */
export type HstSeverity = 'warning' | 'major';

/** Carried from one judged day to the next (plain JSON). */
export interface HstJudgeState {
  /** Last day judged by judgeDay ('YYYY-MM-DD'), null before the first. */
  lastDay: string | null;
  /** Consecutive days up to lastDay whose residual was beyond warningSigma. */
  streak: number;
}

export const HST_JUDGE_START: HstJudgeState = { lastDay: null, streak: 0 };

/** The instrument as messages name it, e.g. { code: 'SP2', name: { zh: '渗压', en: 'seepage pressure' }, unit: 'kPa' }. */
export interface HstInstrument {
  code: string;
  name: { zh: string; en: string };
  unit: string;
}

export interface HstVerdict {
  instrument: string;
  day: string;
  /**
   * 'judged'; 'level-out-of-range' when the level is outside the range the model was trained on (stated, not
   * alarmed: the model would extrapolate); 'inputs-missing' when the level or rain history the terms need is missing.
   */
  status: 'judged' | 'level-out-of-range' | 'inputs-missing';
  /** Judged from a single reading (or the day so far); the day's mean settles it. */
  provisional: boolean;
  level: number | null;
  measured: number;
  expected: number | null;
  /** measured − expected. */
  residual: number | null;
  /** σ of this residual: the model's σ widened by the day's leverage and the residuals' autocorrelation. */
  sigma: number;
  /** residual / σ. */
  z: number | null;
  severity: HstSeverity | null;
  /** Consecutive days beyond warningSigma, this one included (0 when this one is not). */
  streak: number;
  /** Back within clearSigma: an open model alert may resolve. */
  clear: boolean;
  message: { zh: string; en: string };
}

/** Judges the day's mean `value` and returns the verdict with the state for the next day. Days come in order. */
export function judgeDay(
  model: HstModel,
  inputs: HstInputs,
  instrument: HstInstrument,
  state: HstJudgeState,
  observation: { day: string; value: number },
  rule: HstRule = HST_RULE_DEFAULTS,
): { verdict: HstVerdict; state: HstJudgeState } {
  const { day, value } = observation;
  const level = inputs.level.get(dayNumber(day)) ?? null;
  const verdict = judge(model, instrument, state, day, value, level, predictDay(model, inputs, day), false, rule);
  // A day at or before the last one judged (a late re-judgement) does not move the streak.
  const fresh = state.lastDay === null || dayNumber(day) > dayNumber(state.lastDay);
  return { verdict, state: fresh ? { lastDay: day, streak: verdict.streak } : state };
}

/**
 * Provisional verdict on a reading taken at water level `level` (m), against the streak up to yesterday; the state
 * does not change. Pass the mean of the day's readings so far where single readings scatter more than σ.
 */
export function judgeReading(
  model: HstModel,
  inputs: HstInputs,
  instrument: HstInstrument,
  state: HstJudgeState,
  reading: { day: string; value: number; level: number },
  rule: HstRule = HST_RULE_DEFAULTS,
): HstVerdict {
  const { day, value, level } = reading;
  const prediction = predictReading(model, inputs, day, level);
  return judge(model, instrument, state, day, value, level, prediction, true, rule);
}

function judge(
  model: HstModel,
  instrument: HstInstrument,
  state: HstJudgeState,
  day: string,
  measured: number,
  level: number | null,
  prediction: HstPrediction | null,
  provisional: boolean,
  rule: HstRule,
): HstVerdict {
  const [low, high] = model.levelRange;
  const outOfRange = level !== null && (level < low || level > high);
  const base = { instrument: instrument.code, day, provisional, level, measured };
  let verdict: Omit<HstVerdict, 'message'>;
  if (outOfRange || prediction === null) {
    const status = outOfRange ? 'level-out-of-range' : 'inputs-missing';
    const unjudged = { expected: null, residual: null, z: null, severity: null, streak: 0, clear: false };
    verdict = { ...base, status, sigma: model.sigma, ...unjudged };
  } else {
    const { expected, sigma } = prediction;
    const residual = measured - expected;
    const z = residual / sigma;
    const follows = state.lastDay !== null && dayNumber(day) === dayNumber(state.lastDay) + 1;
    const streak = Math.abs(z) > rule.warningSigma ? (follows ? state.streak : 0) + 1 : 0;
    const major = Math.abs(z) > rule.majorSigma || streak >= rule.streakDays;
    const severity = major ? 'major' : streak >= rule.confirmDays ? 'warning' : null;
    const clear = Math.abs(z) < rule.clearSigma;
    verdict = { ...base, status: 'judged', expected, residual, sigma, z, severity, streak, clear };
  }
  return { ...verdict, message: message(verdict, model, instrument, rule) };
}

/** Names the instrument, the measured and expected values and σ; says why it is abnormal or not judged. */
function message(
  v: Omit<HstVerdict, 'message'>,
  model: HstModel,
  instrument: HstInstrument,
  rule: HstRule,
): HstVerdict['message'] {
  // Enough decimals to show σ to two significant digits, at least two.
  const digits = Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(v.sigma))));
  const num = (x: number, sign = '') => `${x >= 0 ? sign : ''}${x.toFixed(digits)} ${instrument.unit}`;
  const zh = [`${instrument.code} ${instrument.name.zh} 实测 ${num(v.measured)}`];
  const en = [`${instrument.code} ${instrument.name.en} measured ${num(v.measured)}`];
  if (v.expected === null || v.residual === null || v.z === null) {
    if (v.status === 'level-out-of-range' && v.level !== null) {
      const range = `${model.levelRange[0].toFixed(2)}–${model.levelRange[1].toFixed(2)} m`;
      zh.push(`库水位 ${v.level.toFixed(2)} m 超出模型训练水位范围 ${range}，模型不作判断（报警值仍有效）`);
      en.push(`reservoir level ${v.level.toFixed(2)} m is outside the model's trained range ${range}`);
      en.push('not judged by the model (the alarm thresholds still apply)');
    } else {
      zh.push('缺少模型所需的水位（或雨量）历史，模型不作判断');
      en.push('the level (or rain) history the model needs is missing: not judged by the model');
    }
  } else {
    const z = `${v.z >= 0 ? '+' : ''}${v.z.toFixed(1)}σ`;
    zh.push(`模型预期 ${num(v.expected)}，残差 ${num(v.residual, '+')}（${z}，σ = ${num(v.sigma)}）`);
    en.push(`model expects ${num(v.expected)}, residual ${num(v.residual, '+')} (${z}, σ ${num(v.sigma)})`);
    if (Math.abs(v.z) > rule.majorSigma) {
      zh.push(`超过 ${rule.majorSigma}σ`);
      en.push(`beyond ${rule.majorSigma}σ`);
    } else if (v.severity === 'major') {
      zh.push(`连续 ${v.streak} 天超过 ${rule.warningSigma}σ`);
      en.push(`beyond ${rule.warningSigma}σ on ${v.streak} consecutive days`);
    } else if (v.severity === 'warning' && v.streak > 1) {
      zh.push(`连续 ${v.streak} 天超过 ${rule.warningSigma}σ`);
      en.push(`beyond ${rule.warningSigma}σ on ${v.streak} consecutive days`);
    } else if (v.streak) {
      zh.push(`超过 ${rule.warningSigma}σ`);
      en.push(`beyond ${rule.warningSigma}σ`);
      if (!v.severity) {
        zh.push(`待确认（连续 ${rule.confirmDays} 天才报警）`);
        en.push(`to be confirmed (alerts after ${rule.confirmDays} consecutive days)`);
      }
    }
  }
  const tail = v.provisional ? { zh: '（暂定）', en: ' (provisional)' } : { zh: '', en: '' };
  return { zh: zh.join('，') + tail.zh, en: en.join(', ') + tail.en };
}
