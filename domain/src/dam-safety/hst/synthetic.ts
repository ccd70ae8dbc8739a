// Synthetic daily series with known HST coefficients, for tests and the benchmark: a made-up reservoir (seasonal
// pool, storms that raise it, recessions back) and instruments that follow given coefficients plus noise.
import { dayNumber, dayOfYear, dayString } from './days.js';
import type { DailyValue, HstCoefficients, HstInputs } from './features.js';
import { expectedAt } from './model.js';
import { Random } from '../../random/index.js';

/**
 * Known coefficients per dam-safety instrument kind, with the daily-mean noise a 5-minute RTU gives (the simulator's
 * reading noise / √288). Units: kPa, L/s, mm; H in m above the dam base.
 */
export const SYNTHETIC_TRUTHS = {
  // Piezometer: follows the head with a lag, a small seasonal swing, falls as the fill consolidates.
  seepage_pressure: { truth: { a0: 8, a1: 3.5, b1: 1.6, b2: 0.9, c11: 0.8, c21: -0.6, d2: -1.2 }, noise: 0.02 },
  // Weir: grows with the square of the head, answers rain, slowly rises.
  seepage_flow: { truth: { a0: 0.05, a2: 0.004, b1: 0.02, c11: 0.03, c21: 0.02, d1: 0.01, e1: 0.004 }, noise: 0.001 },
  // Crest displacement: water load, a thermal cycle with a half-year harmonic, creep.
  displacement: {
    truth: { a0: 2, a1: 0.15, c11: 0.8, c21: -0.5, c12: 0.2, c22: 0.15, d1: 0.3, d2: 1.5 },
    noise: 0.02,
  },
} as const satisfies Record<string, { truth: HstCoefficients; noise: number }>;

export interface SyntheticReservoirOptions {
  seed: number;
  /** First day of the series ('YYYY-MM-DD'). */
  start: string;
  days: number;
  /** Dam base elevation, m. */
  base: number;
  /** Normal pool above the base, m. */
  head: number;
  /** Seasonal swing of the pool either side of its mean, as a share of `head` (default 0.08). */
  swing?: number;
}

/** Daily mean level (m, elevation) and daily rain (mm) of a made-up reservoir in Hunan's climate. */
export function syntheticReservoir(o: SyntheticReservoirOptions): { level: DailyValue[]; rain: DailyValue[] } {
  const random = Random.derive(o.seed, 'hst');
  const first = dayNumber(o.start);
  const level: DailyValue[] = [];
  const rain: DailyValue[] = [];
  let h = 0.85 * o.head;
  for (let d = first; d < first + o.days; d++) {
    const season = (2 * Math.PI * dayOfYear(d)) / 365.25;
    // Storms come mostly in the April–June wet season (peak late May); drizzle all year.
    const wet = Math.max(0, Math.sin(season - (2 * Math.PI * 60) / 365.25));
    const storm = random.next() < 0.06 + 0.14 * wet;
    const mm = storm ? -25 * Math.log(1 - random.next()) : random.next() < 0.2 ? 2 * random.next() : 0;
    // The pool is highest after the wet season and drawn down through the dry winter; storms lift it for days.
    const target = o.head * (0.85 + (o.swing ?? 0.08) * Math.sin(season - (2 * Math.PI * 80) / 365.25));
    h += 0.002 * o.head * mm - 0.1 * (h - target) + 0.01 * o.head * random.normal();
    h = Math.min(1.1 * o.head, Math.max(0.4 * o.head, h));
    level.push({ day: dayString(d), value: o.base + h });
    rain.push({ day: dayString(d), value: mm });
  }
  return { level, rain };
}

export interface SyntheticInstrumentOptions {
  seed: number;
  inputs: HstInputs;
  /** The true coefficients; θ counts from `from`. */
  truth: HstCoefficients;
  /** First day of the instrument's series ('YYYY-MM-DD'); the level should start 10 days before. */
  from: string;
  days: number;
  /** Standard deviation of the daily noise, in the instrument's unit. */
  noise: number;
  /** Lag-one autocorrelation of the noise: 0 for independent days, near 1 for slow unmodelled effects. */
  autocorrelation?: number;
}

/** The instrument's daily means: the HST formula with the true coefficients, plus (optionally correlated) noise. */
export function syntheticInstrument(o: SyntheticInstrumentOptions): DailyValue[] {
  const random = Random.derive(o.seed, 'hst');
  const rho = o.autocorrelation ?? 0;
  const origin = dayNumber(o.from);
  const values: DailyValue[] = [];
  let noise = o.noise * random.normal();
  for (let d = origin; d < origin + o.days; d++) {
    const level = o.inputs.level.get(d);
    const expected = level === undefined ? null : expectedAt(o.truth, o.inputs, origin, d, level);
    if (expected !== null) values.push({ day: dayString(d), value: expected + noise });
    noise = rho * noise + Math.sqrt(1 - rho * rho) * o.noise * random.normal();
  }
  return values;
}
