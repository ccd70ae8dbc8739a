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
import { subsetCoefficients, subsetRss, subsetTriangle, triangularise } from './least-squares.js';
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
  /** Lag-one autocorrelation of the training residuals on consecutive days (≈ 0 when days are independent). */
  autocorrelation: number;
  /**
   * What the prediction interval needs, per kept term in `terms` order (a0 excluded): its training mean and spread,
   * and R of the standardised training columns (as columns), so that a day's leverage h = 1/n + |R⁻ᵀz|².
   */
  uncertainty: { mean: number[]; sd: number[]; r: number[][] };
}

/** What the model expects on a day, and the σ of a new day's residual there (the prediction interval's σ). */
export interface HstPrediction {
  expected: number;
  sigma: number;
}

/** Why an instrument gets no model (and is judged by its thresholds only). */
export type HstRefusal = 'short-history' | 'too-few-days' | 'constant-values';

export type HstFit =
  | {
      ok: true;
      model: HstModel;
      /** Terms left out, in the order they were dropped. */
      dropped: HstTermSymbol[];
      /** Days left out of training as gross errors (beyond 5σ of a first fit). */
      excluded: string[];
    }
  | { ok: false; reason: HstRefusal; message: string };

/** A model needs a full seasonal cycle of training days, and enough of them for a dozen terms. */
export const HST_MIN_SPAN_DAYS = 365;
export const HST_MIN_DAYS = 180;
/** Residual persistence beyond this is treated as this (a model that leaves such slow residuals is not judged finer). */
const HST_MAX_AUTOCORRELATION = 0.9;

/**
 * Fits the instrument's daily means `values` against the reservoir's daily series by least squares, keeping the
 * terms that lower the BIC. Each term is centred and scaled before the QR solve (a cubic in H is ill-conditioned
 * otherwise); the coefficients are reported back in the terms' own units.
 */
export function fitHst(inputs: HstInputs, values: readonly DailyValue[], fittedAt: string): HstFit {
  const fit = fitOnce(inputs, values, fittedAt);
  if (!fit.ok || fit.gross.size === 0) return strip(fit);
  // Gross errors (a stuck or spiking sensor, or the start of an anomaly) would bend the model towards them: drop
  // the days beyond GROSS_SIGMA and fit once more, so that the anomaly stays an anomaly.
  const again = fitOnce(
    inputs,
    values.filter((v) => !fit.gross.has(v.day)),
    fittedAt,
  );
  return strip(again.ok ? { ...again, excluded: [...fit.gross].sort() } : again);
}

/** Residuals beyond this many σ in a first fit are taken for gross errors and left out of the second. */
const GROSS_SIGMA = 5;

type FirstFit = Extract<HstFit, { ok: false }> | (Extract<HstFit, { ok: true }> & { gross: Set<string> });

function strip(fit: FirstFit): HstFit {
  if (!fit.ok) return fit;
  const { gross: _gross, ...rest } = fit;
  return rest;
}

function fitOnce(inputs: HstInputs, values: readonly DailyValue[], fittedAt: string): FirstFit {
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
  // triangularise overwrites its input; the columns are needed again for the residuals.
  const r = triangularise([...columns.map((s) => Float64Array.from(s.z)), Float64Array.from(centredY)], n);
  // Select on the rows as independent, then again on their effective number if the residuals persist.
  const solve = (effective: number) => {
    const selection = backwardEliminate(r, n, effective);
    const b = subsetCoefficients(r, selection.kept);
    const residuals = centredY.map((v, row) => selection.kept.reduce((e, j, i) => e - b[i] * columns[j].z[row], v));
    return { ...selection, b, rho: lagOneAutocorrelation(days, residuals) };
  };
  const independent = solve(n);
  const persistence = Math.min(HST_MAX_AUTOCORRELATION, Math.max(0, independent.rho));
  const { kept, dropped, b, rho } = persistence > 0 ? solve((n * (1 - persistence)) / (1 + persistence)) : independent;
  const rss = subsetRss(r, kept);
  const sigma = Math.sqrt(rss / (n - kept.length - 1));
  const gross = new Set<string>();
  centredY.forEach((v, row) => {
    const e = kept.reduce((sum, j, i) => sum - b[i] * columns[j].z[row], v);
    if (Math.abs(e) > GROSS_SIGMA * sigma) gross.add(dayString(days[row]));
  });

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
      sigma,
      levelRange: [Math.min(...design.level), Math.max(...design.level)],
      terms,
      autocorrelation: rho,
      uncertainty: {
        mean: kept.map((j) => columns[j].mean),
        sd: kept.map((j) => columns[j].sd),
        r: subsetTriangle(r, kept).map((column) => [...column]),
      },
    },
    dropped: [...design.symbols.filter((s) => !candidates.includes(s)), ...dropped.map((j) => candidates[j])],
    excluded: [],
    gross,
  };
}

function refuse(reason: HstRefusal, detail: string): Extract<HstFit, { ok: false }> {
  return { ok: false, reason, message: `No model: ${detail}. Judged by its alarm thresholds only.` };
}

/** Σ e_t·e_(t−1) over pairs of consecutive days / Σ e_t². */
function lagOneAutocorrelation(days: readonly number[], residuals: Float64Array): number {
  let products = 0;
  for (let i = 1; i < days.length; i++) if (days[i] === days[i - 1] + 1) products += residuals[i] * residuals[i - 1];
  const squares = sumOfSquares(residuals);
  return squares > 0 ? products / squares : 0;
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

/** What the model expects on `day` at the day's mean level; null without the history the terms need. */
export function predictDay(model: HstModel, inputs: HstInputs, day: string): HstPrediction | null {
  const level = inputs.level.get(dayNumber(day));
  return level === undefined ? null : predictReading(model, inputs, day, level);
}

/**
 * What the model expects of a single reading on `day` taken at water level `level` (m, elevation), with the σ of
 * its residual: σ·√(1 + h·(1+ρ)/(1−ρ)). The leverage h grows away from the training data (a level near the edge
 * of its range, θ carried past trainingTo); with residuals correlated from day to day (ρ > 0) the training days
 * carry less information than their number says, so the coefficients' share of the uncertainty is scaled up by
 * the usual AR(1) variance factor.
 */
export function predictReading(model: HstModel, inputs: HstInputs, day: string, level: number): HstPrediction | null {
  const { symbols, coefficients } = keptTerms(model.terms);
  const row = valuesAt(symbols, inputs, dayNumber(model.trainingFrom), dayNumber(day), level);
  if (!row) return null;
  const expected = coefficients.reduce((sum, c, j) => sum + c * row[j], model.terms.a0);
  const rho = Math.min(HST_MAX_AUTOCORRELATION, Math.max(0, model.autocorrelation));
  const h = leverage(model, row);
  return { expected, sigma: model.sigma * Math.sqrt(1 + (h * (1 + rho)) / (1 - rho)) };
}

/** h = 1/n + |u|² with Rᵀu = z, z the row standardised as in training (forward substitution, R as columns). */
function leverage(model: HstModel, row: Float64Array): number {
  const { mean, sd, r } = model.uncertainty;
  const u = new Float64Array(row.length);
  let h = 1 / model.n;
  for (let j = 0; j < row.length; j++) {
    let z = (row[j] - mean[j]) / sd[j];
    for (let i = 0; i < j; i++) z -= r[j][i] * u[i];
    u[j] = z / r[j][j];
    h += u[j] ** 2;
  }
  return h;
}

function keptTerms(terms: HstCoefficients): { symbols: HstTermSymbol[]; coefficients: number[] } {
  const symbols = HST_SYMBOLS.filter((s) => terms[s] !== undefined);
  return { symbols, coefficients: symbols.map((s) => terms[s] ?? 0) };
}

/** The kept terms' values on a day; null before θ's origin or without the history they need. */
function valuesAt(
  symbols: HstTermSymbol[],
  inputs: HstInputs,
  origin: number,
  day: number,
  level: number,
): Float64Array | null {
  return day < origin ? null : termValues(inputs, symbols, origin, day, level);
}

/** Σ coefficient × term on a day; null before θ's origin or without the history the kept terms need. */
export function expectedAt(
  terms: HstCoefficients,
  inputs: HstInputs,
  origin: number,
  day: number,
  level: number,
): number | null {
  const { symbols, coefficients } = keptTerms(terms);
  const row = valuesAt(symbols, inputs, origin, day, level);
  return row && coefficients.reduce((sum, c, j) => sum + c * row[j], terms.a0);
}
