import { describe, expect, it } from 'vitest';
import { dayNumber, dayString } from './days.js';
import { buildHstDesign, hstInputs, type DailyValue, type HstCoefficients, type HstTermSymbol } from './features.js';
import { fitHst, predictDay, predictReading, type HstModel } from './model.js';
import { SYNTHETIC_TRUTHS, syntheticInstrument, syntheticReservoir } from './synthetic.js';

const BASE = 300;
const FITTED_AT = '2026-01-05T02:00:00+08:00';

const { seepage_pressure: PRESSURE, seepage_flow: FLOW } = SYNTHETIC_TRUTHS;

interface Kind {
  truth: HstCoefficients;
  noise: number;
}

/** Two years of an instrument from 2024-01-01 on a reservoir whose level starts ten days earlier. */
function twoYears(seed: number, { truth, noise }: Kind, swing?: number) {
  const reservoir = syntheticReservoir({ seed, start: '2023-12-22', days: 741, base: BASE, head: 12, swing });
  const inputs = hstInputs(BASE, reservoir.level, reservoir.rain);
  const values = syntheticInstrument({ seed: seed + 1000, inputs, truth, from: '2024-01-01', days: 730, noise });
  return { reservoir, inputs, values };
}

function fitted(inputs: Parameters<typeof fitHst>[0], values: DailyValue[]): HstModel {
  const fit = fitHst(inputs, values, FITTED_AT);
  if (!fit.ok) throw new Error(fit.message);
  return fit.model;
}

describe('fitting on synthetic series with known coefficients', () => {
  // A reservoir drawn down through the dry season (level over ~55–110 % of the normal head): over a narrow level
  // band H, H², H³ and the lagged means are nearly collinear and only their sum is identifiable (see README).
  for (const [kind, { truth, noise }] of Object.entries(SYNTHETIC_TRUTHS)) {
    it(`recovers ${kind} coefficients within 5 % and all but drops the terms it does not have`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const { inputs, values } = twoYears(seed, { truth, noise }, 0.3);
        const model = fitted(inputs, values);
        for (const [symbol, value] of Object.entries(truth)) {
          const got = model.terms[symbol as HstTermSymbol] ?? NaN;
          expect(Math.abs(got / value - 1), `seed ${seed} ${symbol}: ${got} vs ${value}`).toBeLessThan(0.05);
        }
        // BIC lets a null term in now and then (about 1 % each); one that does must change the fit by less than σ.
        const design = buildHstDesign(inputs, values);
        for (const [symbol, value] of Object.entries(model.terms)) {
          if (symbol === 'a0' || symbol in truth) continue;
          const column = design.columns[design.symbols.indexOf(symbol as HstTermSymbol)];
          const swing = Math.abs(value) * (Math.max(...column) - Math.min(...column));
          expect(swing, `seed ${seed} ${symbol} = ${value}`).toBeLessThan(noise);
        }
        expect(model.r2).toBeGreaterThan(0.9);
        expect(model.sigma / noise).toBeGreaterThan(0.9);
        expect(model.sigma / noise).toBeLessThan(1.1);
      }
    });
  }

  it('states n, the training days and the level range it has seen', () => {
    const { inputs, values, reservoir } = twoYears(3, PRESSURE);
    const model = fitted(inputs, values);
    expect(model).toMatchObject({ kind: 'hst', fittedAt: FITTED_AT, trainingFrom: '2024-01-01', n: 730 });
    expect(model.trainingTo).toBe('2025-12-30');
    const trained = reservoir.level.filter((l) => l.day >= '2024-01-01').map((l) => l.value);
    expect(model.levelRange).toEqual([Math.min(...trained), Math.max(...trained)]);
  });

  it('serialises to exactly the API fields and predicts the same after a JSON round trip', () => {
    const { inputs, values } = twoYears(4, FLOW);
    const model = fitted(inputs, values);
    expect(Object.keys(model)).toEqual([
      'kind',
      'fittedAt',
      'trainingFrom',
      'trainingTo',
      'n',
      'r2',
      'sigma',
      'levelRange',
      'terms',
      'autocorrelation',
      'uncertainty',
    ]);
    const stored = JSON.parse(JSON.stringify(model)) as HstModel;
    expect(stored).toEqual(model);
    for (const day of ['2024-03-01', '2025-07-15', '2025-12-30']) {
      expect(predictDay(stored, inputs, day)).toEqual(predictDay(model, inputs, day));
    }
  });

  it('keeps a rain term for seepage flow only where rain drives it', () => {
    const withRain = twoYears(5, FLOW);
    expect(fitted(withRain.inputs, withRain.values).terms.e1).toBeCloseTo(0.004, 4);
    const { e1: _, ...truth } = FLOW.truth;
    const noRain = twoYears(5, { truth, noise: FLOW.noise });
    expect(fitted(noRain.inputs, noRain.values).terms.e1).toBeUndefined();
    // Without rain inputs the term is not a candidate at all.
    expect(fitted(hstInputs(BASE, withRain.reservoir.level), withRain.values).terms.e1).toBeUndefined();
  });

  it('fits a reservoir held at one level all year on the terms that vary', () => {
    const first = dayNumber('2023-12-22');
    const level = Array.from({ length: 741 }, (_, i) => ({ day: dayString(first + i), value: 312.5 }));
    const inputs = hstInputs(BASE, level);
    const values = syntheticInstrument({
      seed: 9,
      inputs,
      truth: { a0: 20, c11: 1, d1: 0.2 },
      from: '2024-01-01',
      days: 730,
      noise: 0.05,
    });
    const fit = fitHst(inputs, values, FITTED_AT);
    expect(fit.ok && fit.dropped.slice(0, 5)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(fit.ok && Object.keys(fit.model.terms)).toEqual(['a0', 'c11', 'd1']);
    expect(fit.ok && fit.model.levelRange).toEqual([312.5, 312.5]);
  });
});

describe('refusing to fit', () => {
  const { inputs, values } = twoYears(6, PRESSURE);

  it('refuses less than a year of history, saying so', () => {
    const fit = fitHst(inputs, values.slice(0, 200), FITTED_AT);
    expect(fit).toEqual({
      ok: false,
      reason: 'short-history',
      message:
        'No model: 200 days of history (2024-01-01 – 2024-07-18); a model needs 365. Judged by its alarm thresholds only.',
    });
  });

  it('refuses a year with too few daily means in it', () => {
    const sparse = values.filter((_, i) => i % 5 === 0);
    const fit = fitHst(inputs, sparse, FITTED_AT);
    expect(fit.ok === false && fit.reason).toBe('too-few-days');
    expect(fit.ok === false && fit.message).toMatch(/146 days with a daily mean and level history/);
  });

  it('refuses an instrument without level history, and one stuck on a value', () => {
    expect(fitHst(hstInputs(BASE, []), values, FITTED_AT)).toMatchObject({ ok: false, reason: 'too-few-days' });
    const stuck = values.map((v) => ({ ...v, value: 42 }));
    expect(fitHst(inputs, stuck, FITTED_AT)).toMatchObject({ ok: false, reason: 'constant-values' });
  });
});

describe('gross errors', () => {
  it('leaves days far off a first fit out of training, so that a spike or a step does not bend the model', () => {
    const { inputs, values } = twoYears(9, PRESSURE);
    const clean = fitted(inputs, values);
    const spiked = values.map((v, i) => (i % 100 === 50 || i >= 725 ? { ...v, value: v.value + 50 * clean.sigma } : v));
    const fit = fitHst(inputs, spiked, FITTED_AT);
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.excluded).toEqual([
      ...[50, 150, 250, 350, 450, 550, 650].map((i) => values[i].day),
      ...values.slice(725).map((v) => v.day),
    ]);
    expect(fit.model.sigma / clean.sigma).toBeLessThan(1.05);
    expect(fitHst(inputs, values, FITTED_AT)).toMatchObject({ excluded: [] });
  });
});

describe('predicting', () => {
  const { inputs, values } = twoYears(7, PRESSURE);
  const model = fitted(inputs, values);

  it('expects the daily mean within a few σ on a training day', () => {
    const day = values[400];
    expect(Math.abs(predictDay(model, inputs, day.day)!.expected - day.value)).toBeLessThan(4 * model.sigma);
  });

  it('predicts a reading from its own level with the lags of the days before', () => {
    const day = '2025-03-10';
    const mean = inputs.level.get(dayNumber(day))!;
    expect(predictReading(model, inputs, day, mean)).toEqual(predictDay(model, inputs, day));
    // The piezometer sees 3.5 kPa per metre of head at once: a reading 0.4 m higher expects ≈ 1.4 kPa more.
    const higher = predictReading(model, inputs, day, mean + 0.4)!.expected - predictDay(model, inputs, day)!.expected;
    expect(higher).toBeCloseTo(0.4 * 3.5, 1);
  });

  it('has no expectation before its training, or without the level history', () => {
    expect(predictDay(model, inputs, '2023-12-31')).toBeNull();
    expect(predictDay(model, inputs, '2026-06-01')).toBeNull();
    expect(predictReading(model, hstInputs(BASE, []), '2025-03-10', 310)).toBeNull();
  });
});
