// Fitting an HST model to an instrument's daily means, and what the model expects on a day or at a reading.
import { dayNumber, dayString } from './days.js';
import {
  buildHstDesign,
  HST_SYMBOLS,
  termValues,
  type DailyValue,
  type HstCoefficients,
  type HstInputs,
  type HstTermSymbol,
} from './features.js';
import { subsetCoefficients, subsetRss, triangularise } from './least-squares.js';
import { backwardEliminate } from './selection.js';

/** A fitted model, exactly as `GET …/sensors/{sensor}/model` serves it (plain JSON: store it as it is). */
export interface HstModel {
  kind: 'hst';
  /** When it was fitted (ISO-8601, given by the caller). */
  fittedAt: string;
  /** First and last training day ('YYYY-MM-DD'); θ counts from trainingFrom. */
  trainingFrom: string;
  trainingTo: string;
  /** Training days (rows). */
  n: number;
  r2: number;
  /** Residual standard deviation in the instrument's unit, on n − (terms kept + 1) degrees of freedom. */
  sigma: number;
  /** Lowest and highest daily mean level seen in training, m (elevation). */
  levelRange: [number, number];
  /** Coefficients of the terms kept, on H in metres above the dam base (see README for units). */
  terms: HstCoefficients;
}

/** Why an instrument gets no model (and is judged by its thresholds only). */
export type HstRefusal = 'short-history' | 'too-few-days' | 'constant-values';

export type HstFit =
  | { ok: true; model: HstModel; /** Terms left out, in the order they were dropped. */ dropped: HstTermSymbol[] }
  | { ok: false; reason: HstRefusal; message: string };

/** A model needs a full seasonal cycle of training days, and enough of them for a dozen terms. */
export const HST_MIN_SPAN_DAYS = 365;
export const HST_MIN_DAYS = 180;

/**
 * Fits the instrument's daily means `values` against the reservoir's daily series by least squares, keeping the
 * terms that lower the BIC. Each term is centred and scaled before the QR solve (a cubic in H is ill-conditioned
 * otherwise); the coefficients are reported back in the terms' own units.
 */
export function fitHst(inputs: HstInputs, values: readonly DailyValue[], fittedAt: string): HstFit {
  const design = buildHstDesign(inputs, values);
  const { days, y } = design;
  const n = days.length;
  const span = n ? days[n - 1] - days[0] + 1 : 0;
  const period = n ? ` (${dayString(days[0])} – ${dayString(days[n - 1])})` : '';
  if (n && span < HST_MIN_SPAN_DAYS) {
    return refuse('short-history', `${span} days of history${period}; a model needs ${HST_MIN_SPAN_DAYS}`);
  }
  if (n < HST_MIN_DAYS) {
    return refuse(
      'too-few-days',
      `${n} days with a daily mean and level history${period}; a model needs ${HST_MIN_DAYS}`,
    );
  }
  const yMean = mean(y);
  const centredY = y.map((v) => v - yMean);
  const tss = sumOfSquares(centredY);
  if (!(tss > 0)) return refuse('constant-values', `the instrument read the same every day${period}`);

  // A term that never varied in training (say, a level held at the spillway crest) cannot be fitted.
  const scaled = design.columns.map(standardise);
  const candidates = design.symbols.filter((_, j) => scaled[j] !== null);
  const columns = scaled.filter((s) => s !== null);
  const r = triangularise([...columns.map((s) => s.z), centredY], n);
  const { kept, dropped } = backwardEliminate(r, n);
  const b = subsetCoefficients(r, kept);
  const rss = subsetRss(r, kept);

  // Back from standardised to the terms' own units; kept is in formula order, so the JSON keys are too.
  const terms: HstCoefficients = { a0: yMean };
  kept.forEach((j, i) => {
    const coefficient = b[i] / columns[j].sd;
    terms[candidates[j]] = coefficient;
    terms.a0 -= coefficient * columns[j].mean;
  });
  return {
    ok: true,
    model: {
      kind: 'hst',
      fittedAt,
      trainingFrom: dayString(days[0]),
      trainingTo: dayString(days[n - 1]),
      n,
      r2: 1 - rss / tss,
      sigma: Math.sqrt(rss / (n - kept.length - 1)),
      levelRange: [Math.min(...design.level), Math.max(...design.level)],
      terms,
    },
    dropped: [...design.symbols.filter((s) => !candidates.includes(s)), ...dropped.map((j) => candidates[j])],
  };
}

function refuse(reason: HstRefusal, detail: string): HstFit {
  return { ok: false, reason, message: `No model: ${detail}. Judged by its alarm thresholds only.` };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function sumOfSquares(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return sum;
}

/** The column centred and scaled to unit spread, or null when it (numerically) does not vary. */
function standardise(column: Float64Array): { z: Float64Array; mean: number; sd: number } | null {
  const m = mean(column);
  const z = column.map((v) => v - m);
  const sd = Math.sqrt(sumOfSquares(z) / column.length);
  if (!(sd > 1e-9 * Math.max(1, Math.abs(m)))) return null;
  return { z: z.map((v) => v / sd), mean: m, sd };
}

/** Expected value of the instrument on `day` at the day's mean level; null without the history the terms need. */
export function predictDay(model: HstModel, inputs: HstInputs, day: string): number | null {
  const d = dayNumber(day);
  const level = inputs.level.get(d);
  return level === undefined ? null : expectedAt(model.terms, inputs, dayNumber(model.trainingFrom), d, level);
}

/** Expected value of a single reading on `day` taken at water level `level` (m, elevation). */
export function predictReading(model: HstModel, inputs: HstInputs, day: string, level: number): number | null {
  return expectedAt(model.terms, inputs, dayNumber(model.trainingFrom), dayNumber(day), level);
}

/** Σ coefficient × term on a day; null before θ's origin or without the history the kept terms need. */
export function expectedAt(
  terms: HstCoefficients,
  inputs: HstInputs,
  origin: number,
  day: number,
  level: number,
): number | null {
  if (day < origin) return null;
  const symbols: HstTermSymbol[] = [];
  const coefficients: number[] = [];
  for (const s of HST_SYMBOLS) {
    const c = terms[s];
    if (c === undefined) continue;
    symbols.push(s);
    coefficients.push(c);
  }
  const row = termValues(inputs, symbols, origin, day, level);
  if (!row) return null;
  return coefficients.reduce((sum, c, j) => sum + c * row[j], terms.a0);
}
