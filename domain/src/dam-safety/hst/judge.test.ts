import { describe, expect, it } from 'vitest';
import { dayNumber, dayString } from './days.js';
import { hstInputs, type DailyValue, type HstCoefficients, type HstInputs } from './features.js';
import {
  HST_JUDGE_START,
  HST_RULE_DEFAULTS,
  judgeDay,
  judgeReading,
  type HstJudgeState,
  type HstVerdict,
} from './judge.js';
import { fitHst, predictDay, type HstModel } from './model.js';
import { SYNTHETIC_TRUTHS, syntheticInstrument, syntheticReservoir } from './synthetic.js';

const SP2 = { code: 'SP2', name: { zh: '渗压', en: 'seepage pressure' }, unit: 'kPa' };

describe('judging a day against a model', () => {
  // Expects 10 + 2·H kPa with σ 0.5 kPa: 30 kPa at 310 m on a 300 m base.
  const model: HstModel = {
    kind: 'hst',
    fittedAt: '2026-01-01T02:00:00+08:00',
    trainingFrom: '2024-01-01',
    trainingTo: '2025-12-31',
    n: 731,
    r2: 0.97,
    sigma: 0.5,
    levelRange: [305, 315],
    terms: { a0: 10, a1: 2 },
    // Trained around H = 10 m with a spread of 2 m: at 310 m the leverage is 1/n and σ stays 0.5 kPa.
    autocorrelation: 0,
    uncertainty: { mean: [10], sd: [2], r: [[27]] },
  };
  const january = Array.from({ length: 31 }, (_, i) => ({
    day: `2026-01-${String(i + 1).padStart(2, '0')}`,
    value: 310,
  }));
  const inputs = hstInputs(300, january);
  /** Judges z-scores on consecutive January days (null: no daily mean that day). */
  function run(zs: (number | null)[], state = HST_JUDGE_START): HstVerdict[] {
    const verdicts: HstVerdict[] = [];
    zs.forEach((z, i) => {
      if (z === null) return;
      const judged = judgeDay(model, inputs, SP2, state, { day: january[i].day, value: 30 + 0.5 * z });
      verdicts.push(judged.verdict);
      state = judged.state;
    });
    return verdicts;
  }

  it('names the instrument, the expected and measured values and σ', () => {
    const [first, second] = run([3.5, 3.5]);
    expect(first).toMatchObject({ status: 'judged', expected: 30, measured: 31.75, residual: 1.75, severity: null });
    // σ of a new day: the model's 0.5 kPa widened by the day's leverage (1/n here, at the training mean).
    expect(first.sigma).toBeCloseTo(0.5 * Math.sqrt(1 + 1 / 731), 12);
    expect(first.z).toBeCloseTo(3.5, 2);
    expect(first.message).toEqual({
      zh: 'SP2 渗压 实测 31.75 kPa，模型预期 30.00 kPa，残差 +1.75 kPa（+3.5σ，σ = 0.50 kPa），超过 3σ，待确认（连续 2 天才报警）',
      en:
        'SP2 seepage pressure measured 31.75 kPa, model expects 30.00 kPa, residual +1.75 kPa (+3.5σ, σ 0.50 kPa), ' +
        'beyond 3σ, to be confirmed (alerts after 2 consecutive days)',
    });
    expect(second.severity).toBe('warning');
    expect(second.message.en).toMatch(/\(\+3.5σ, σ 0.50 kPa\), beyond 3σ on 2 consecutive days$/);
  });

  it('is yellow beyond 3σ on a second day running and orange beyond 4σ at once, either way', () => {
    expect(run([2.9, -3.1, -3.2, 4.1]).map((v) => v.severity)).toEqual([null, null, 'warning', 'major']);
    expect(run([-4.5]).map((v) => v.severity)).toEqual(['major']);
    expect(run([-4.5])[0].message.en).toMatch(/residual -2.25 kPa \(-4.5σ, σ 0.50 kPa\), beyond 4σ$/);
  });

  it('is yellow on the first day beyond 3σ under the one-day rule', () => {
    const verdict = judgeDay(
      model,
      inputs,
      SP2,
      HST_JUDGE_START,
      { day: '2026-01-01', value: 31.6 },
      {
        ...HST_RULE_DEFAULTS,
        confirmDays: 1,
      },
    ).verdict;
    expect(verdict).toMatchObject({ severity: 'warning', streak: 1 });
    expect(verdict.message.en).toMatch(/, beyond 3σ$/);
  });

  it('turns orange on the third consecutive day beyond 3σ; a day within or a day missing starts over', () => {
    const verdicts = run([3.2, -3.3, 3.1, 3.4]);
    expect(verdicts.map((v) => [v.severity, v.streak])).toEqual([
      [null, 1],
      ['warning', 2],
      ['major', 3],
      ['major', 4],
    ]);
    expect(verdicts[2].message.en).toMatch(/beyond 3σ on 3 consecutive days$/);
    expect(verdicts[2].message.zh).toMatch(/连续 3 天超过 3σ$/);
    expect(run([3.2, 3.2, 1, 3.2]).map((v) => v.severity)).toEqual([null, 'warning', null, null]);
    expect(run([3.2, 3.2, null, 3.2]).map((v) => v.severity)).toEqual([null, 'warning', null]);
  });

  it('lets an open alert clear only once back within 2σ', () => {
    expect(run([3.5, 2.5, 1.5]).map((v) => v.clear)).toEqual([false, false, true]);
  });

  it('states a level outside the trained range instead of alarming, and that breaks a streak', () => {
    const high = hstInputs(300, [january[0], { day: '2026-01-02', value: 316.2 }, ...january.slice(2)]);
    let state: HstJudgeState = HST_JUDGE_START;
    const verdicts = [5, 9, 3.5].map((z, i) => {
      const judged = judgeDay(model, high, SP2, state, { day: january[i].day, value: 30 + 0.5 * z });
      state = judged.state;
      return judged.verdict;
    });
    expect(verdicts[1]).toMatchObject({ status: 'level-out-of-range', severity: null, expected: null, level: 316.2 });
    expect(verdicts[1].message.en).toBe(
      "SP2 seepage pressure measured 34.50 kPa, reservoir level 316.20 m is outside the model's trained range " +
        '305.00–315.00 m, not judged by the model (the alarm thresholds still apply)',
    );
    expect(verdicts[1].message.zh).toContain('超出模型训练水位范围 305.00–315.00 m');
    expect(verdicts[2]).toMatchObject({ severity: null, streak: 1 });
  });

  it('says so when the level history the model needs is missing', () => {
    const { verdict } = judgeDay(model, hstInputs(300, []), SP2, HST_JUDGE_START, { day: '2026-01-05', value: 30 });
    expect(verdict).toMatchObject({ status: 'inputs-missing', severity: null, level: null, clear: false });
  });

  it('judges a reading provisionally at its own level, against the streak up to yesterday', () => {
    const { state } = judgeDay(
      model,
      inputs,
      SP2,
      { lastDay: '2026-01-01', streak: 1 },
      { day: '2026-01-02', value: 32 },
    );
    const reading = { day: '2026-01-03', value: 33.8, level: 311 }; // expects 32: +3.6σ, a third day running
    const verdict = judgeReading(model, inputs, SP2, state, reading);
    expect(verdict).toMatchObject({ provisional: true, expected: 32, severity: 'major', streak: 3 });
    expect(verdict.message.en).toMatch(/\(provisional\)$/);
    expect(state).toEqual({ lastDay: '2026-01-02', streak: 2 });
  });

  it('does not move the streak when an earlier day is judged again', () => {
    const state = { lastDay: '2026-01-10', streak: 2 };
    expect(judgeDay(model, inputs, SP2, state, { day: '2026-01-04', value: 40 }).state).toBe(state);
  });
});

describe('judging synthetic instruments', () => {
  const BASE = 300;
  const KINDS: { truth: HstCoefficients; noise: number }[] = Object.values(SYNTHETIC_TRUTHS);

  /**
   * A reservoir from 2023-12-22 and an instrument from 2024-01-01; `edit` may change the level first. The noise is
   * independent from day to day unless `autocorrelation` is given.
   */
  function site(seed: number, kind: number, days: number, edit?: (level: DailyValue[]) => void, autocorrelation = 0) {
    const reservoir = syntheticReservoir({ seed, start: '2023-12-22', days: days + 10, base: BASE, head: 12 });
    edit?.(reservoir.level);
    const inputs = hstInputs(BASE, reservoir.level, reservoir.rain);
    const { truth, noise } = KINDS[kind];
    const from = '2024-01-01';
    const values = syntheticInstrument({ seed: seed * 3 + kind, inputs, truth, from, days, noise, autocorrelation });
    return { inputs, values };
  }

  function fitted(inputs: HstInputs, values: DailyValue[]): HstModel {
    const fit = fitHst(inputs, values, '2026-01-01T02:00:00+08:00');
    if (!fit.ok) throw new Error(fit.message);
    return fit.model;
  }

  /** Verdicts of consecutive days, and how many model alerts they open (an alert stays open until clear). */
  function judgeAll(model: HstModel, inputs: HstInputs, values: DailyValue[]) {
    let state = HST_JUDGE_START;
    let open = false;
    let alerts = 0;
    const verdicts = values.map((v) => {
      const judged = judgeDay(model, inputs, SP2, state, v);
      state = judged.state;
      if (!open && judged.verdict.severity) [open, alerts] = [true, alerts + 1];
      else if (open && judged.verdict.clear) open = false;
      return judged.verdict;
    });
    return { verdicts, alerts };
  }

  it('finds a +5σ step within one day, and turns orange within five', () => {
    for (let seed = 1; seed <= 10; seed++) {
      for (let kind = 0; kind < KINDS.length; kind++) {
        const { inputs, values } = site(seed, kind, 800);
        const model = fitted(inputs, values.slice(0, 730));
        const after = values.slice(730);
        // The step starts on the first day from the 20th after training whose next five days the model judges.
        const judged = judgeAll(model, inputs, after).verdicts.map((v) => v.status === 'judged');
        const at = judged.findIndex((_, i) => i >= 20 && judged.slice(i, i + 5).every(Boolean));
        expect(at).toBeGreaterThan(0);
        const stepped = after.map((v, i) => (i >= at ? { ...v, value: v.value + 5 * model.sigma } : v));
        const severities = judgeAll(model, inputs, stepped).verdicts.map((v) => v.severity);
        expect(severities[at] ?? severities[at + 1], `seed ${seed} kind ${kind}`).not.toBeNull();
        expect(severities.slice(at, at + 5), `seed ${seed} kind ${kind}`).toContain('major');
      }
    }
  });

  it('raises no model alert on a flood inside the trained range, where a fixed threshold fires', () => {
    const FLOOD = dayNumber('2026-01-10');
    // Two days up to 1 cm under the highest level of the training years, five days there, a week down.
    const flood = (level: DailyValue[]) => {
      const peak = Math.max(...level.filter((l) => l.day <= '2025-12-30').map((l) => l.value)) - 0.01;
      const before = level.find((l) => l.day === dayString(FLOOD - 1))!.value;
      const shape = [0.5, 1, 1, 1, 1, 1, 0.8, 0.6, 0.45, 0.3, 0.2, 0.1, 0.05];
      for (const [i, f] of shape.entries()) {
        level.find((l) => l.day === dayString(FLOOD + i))!.value = before + f * (peak - before);
      }
    };
    const window = (values: DailyValue[]) =>
      values.filter((v) => dayNumber(v.day) >= FLOOD - 3 && dayNumber(v.day) < FLOOD + 14);
    for (let kind = 0; kind < KINDS.length; kind++) {
      // The same instrument (same noise) without and with the flood; training ends before it.
      const calm = site(1, kind, 760);
      const flooded = site(1, kind, 760, flood);
      const model = fitted(flooded.inputs, flooded.values.slice(0, 730));
      expect(fitted(calm.inputs, calm.values.slice(0, 730))).toEqual(model);
      const withFlood = judgeAll(model, flooded.inputs, window(flooded.values)).verdicts;
      const without = judgeAll(model, calm.inputs, window(calm.values)).verdicts;
      const rise = Math.max(...withFlood.map((v) => v.level!)) - withFlood[0].level!;
      expect(rise, `kind ${kind}`).toBeGreaterThan(2);
      for (const [i, v] of withFlood.entries()) {
        expect(v.status).toBe('judged');
        // The level explains the flood: the residual stays within 1σ of the one the calm days would have had.
        expect(Math.abs(v.z! - without[i].z!), `kind ${kind} ${v.day}`).toBeLessThan(1);
        if (v.severity) expect(without[i].severity, `kind ${kind} ${v.day}: ${v.message.en}`).not.toBeNull();
      }

      // The fixed rule of a dam rated dangerous (its threshold 1/0.95 of the reading at normal pool, as the
      // simulator sets them) on the same days: the flood pushes the reading over it.
      if (kind === 0) {
        const atNormal = predictDay(model, constantLevel(flooded.inputs, BASE + 12), '2026-01-09')!.expected;
        expect(withFlood.filter((v) => v.measured >= atNormal / 0.95).length).toBeGreaterThan(0);
        expect(without.filter((v) => v.measured >= atNormal / 0.95).length).toBe(0);
      }
    }
  });

  /**
   * Model alerts per instrument-year, under the default rule and the one-day rule, and the share of days beyond 3σ
   * on 108 clean series in service: each judges its second year with a model fitted on the days before, refitted
   * every quarter (the nightly refit, thinned to keep the test quick).
   */
  function falseAlarms(autocorrelation: number) {
    const rules = [HST_RULE_DEFAULTS, { ...HST_RULE_DEFAULTS, confirmDays: 1 }];
    const alerts = rules.map(() => 0);
    let judged = 0;
    let beyond = 0;
    for (let seed = 1; seed <= 36; seed++) {
      for (let kind = 0; kind < KINDS.length; kind++) {
        const { inputs, values } = site(seed, kind, 730, undefined, autocorrelation);
        const states = rules.map(() => ({ state: HST_JUDGE_START, open: false }));
        let model = fitted(inputs, values.slice(0, 365));
        for (let d = 365; d < values.length; d++) {
          if ((d - 365) % 91 === 0) model = fitted(inputs, values.slice(0, d));
          rules.forEach((rule, r) => {
            const { verdict, state } = judgeDay(model, inputs, SP2, states[r].state, values[d], rule);
            states[r].state = state;
            if (!states[r].open && verdict.severity) [states[r].open, alerts[r]] = [true, alerts[r] + 1];
            else if (states[r].open && verdict.clear) states[r].open = false;
            if (r === 0 && Math.abs(verdict.z!) > 3) beyond++;
          });
          judged++;
        }
      }
    }
    const years = judged / 365.25;
    expect(years).toBeGreaterThanOrEqual(100);
    return { perYear: alerts[0] / years, oneDayRulePerYear: alerts[1] / years, beyond: beyond / judged };
  }

  it('opens fewer than one false model alert per instrument-year in service, with or without persistence', () => {
    // Real residuals persist for days (weather, temperature not in the model): lag-one autocorrelation 0.6.
    expect(falseAlarms(0.6).perYear).toBeLessThan(0.5);
  });

  it('has an honest σ: on independent daily noise, about the normal 0.27 % of new days fall beyond 3σ', () => {
    const { perYear, oneDayRulePerYear, beyond } = falseAlarms(0);
    expect(beyond).toBeGreaterThan(0.0017);
    expect(beyond).toBeLessThan(0.0045);
    expect(perYear).toBeLessThan(0.2);
    // So a one-day 3σ rule opens about 365 × 0.27 % ≈ 1 alert per instrument-year by construction.
    expect(oneDayRulePerYear).toBeGreaterThan(0.6);
  });
});

/** The same inputs with every day's level at `level`: what the instrument reads once the pool has settled there. */
function constantLevel(inputs: HstInputs, level: number): HstInputs {
  return { ...inputs, level: new Map([...inputs.level.keys()].map((d) => [d, level])) };
}
