// The HST terms of one day, built from a reservoir's daily means. Fitting, prediction and the synthetic series all
// build their rows here, so a term means the same thing everywhere.
import { dayNumber, dayOfYear } from './days.js';

/** One day's mean (or total, for rain) of a series; `day` is a 'YYYY-MM-DD' calendar date. */
export interface DailyValue {
  day: string;
  value: number;
}

/** A reservoir's daily series, indexed by day number, as the model reads them. */
export interface HstInputs {
  /** Dam base elevation (m, the level's datum): the model works on H = level − base. */
  base: number;
  /** Daily mean water level (m, elevation). */
  level: ReadonlyMap<number, number>;
  /** Daily rain (mm); only given for instruments that may take a rain term (seepage flow). */
  rain: ReadonlyMap<number, number> | null;
}

export function hstInputs(base: number, level: readonly DailyValue[], rain?: readonly DailyValue[]): HstInputs {
  return { base, level: byDay(level), rain: rain ? byDay(rain) : null };
}

/** Day number → value; non-finite values are left out (a missing day), a repeated day keeps its last value. */
export function byDay(series: readonly DailyValue[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const { day, value } of series) if (Number.isFinite(value)) map.set(dayNumber(day), value);
  return map;
}

/** What the terms of one day are made of. */
interface DayFeatures {
  /** Level above the dam base, m. */
  h: number;
  /** Mean level above the base over the 1–3 and 4–10 days before (NaN when the window is too thin). */
  near: number;
  far: number;
  /** Day of year as an angle: 2π·t/365.25. */
  season: number;
  /** Days since the first training day / 100. */
  theta: number;
  /** Mean daily rain of the day and the two before, mm (NaN without rain data). */
  rain: number;
}

/** Each candidate term's value, in formula order, keyed by its coefficient's symbol (a0, the intercept, is always kept). */
const TERMS = {
  a1: (f: DayFeatures) => f.h,
  a2: (f: DayFeatures) => f.h ** 2,
  a3: (f: DayFeatures) => f.h ** 3,
  b1: (f: DayFeatures) => f.near,
  b2: (f: DayFeatures) => f.far,
  c11: (f: DayFeatures) => Math.sin(f.season),
  c21: (f: DayFeatures) => Math.cos(f.season),
  c12: (f: DayFeatures) => Math.sin(2 * f.season),
  c22: (f: DayFeatures) => Math.cos(2 * f.season),
  d1: (f: DayFeatures) => f.theta,
  d2: (f: DayFeatures) => Math.log1p(f.theta),
  e1: (f: DayFeatures) => f.rain,
} as const;

export type HstTermSymbol = keyof typeof TERMS;

/** The symbols in formula order. */
export const HST_SYMBOLS = Object.keys(TERMS) as HstTermSymbol[];

/** Coefficients by symbol: a0 always, the others where the term was kept. */
export type HstCoefficients = { a0: number } & Partial<Record<HstTermSymbol, number>>;

/**
 * Days a lag window needs: at least half of its days, so that one stray day does not stand in for a week. Windows
 * are [from, to] days before the day itself.
 */
function windowMean(series: ReadonlyMap<number, number>, day: number, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let back = from; back <= to; back++) {
    const v = series.get(day - back);
    if (v !== undefined) [sum, count] = [sum + v, count + 1];
  }
  return count >= (to - from + 1) / 2 ? sum / count : NaN;
}

/**
 * The values of `symbols` on `day` (a day number) with the level `level` (m, elevation: the day's mean, or a
 * single reading's level), θ counted from the day number `origin`; null when a term it needs lacks its history.
 */
export function termValues(
  inputs: HstInputs,
  symbols: readonly HstTermSymbol[],
  origin: number,
  day: number,
  level: number,
): Float64Array | null {
  const f: DayFeatures = {
    h: level - inputs.base,
    near: windowMean(inputs.level, day, 1, 3) - inputs.base,
    far: windowMean(inputs.level, day, 4, 10) - inputs.base,
    season: (2 * Math.PI * dayOfYear(day)) / 365.25,
    theta: (day - origin) / 100,
    rain: inputs.rain ? windowMean(inputs.rain, day, 0, 2) : NaN,
  };
  const row = new Float64Array(symbols.length);
  for (let j = 0; j < symbols.length; j++) {
    row[j] = TERMS[symbols[j]](f);
    if (Number.isNaN(row[j])) return null;
  }
  return row;
}

/** The rows a fit sees: one per day with the instrument's mean, the day's level and every term's history. */
export interface HstDesign {
  /** Candidate terms, one column each: all but the rain term, which is a candidate only when rain is given. */
  symbols: HstTermSymbol[];
  /** Day numbers of the rows, ascending; the first is θ's origin. */
  days: number[];
  /** The instrument's daily means and the day's mean level (m, elevation), per row. */
  y: Float64Array;
  level: Float64Array;
  /** Term values, a column per symbol. */
  columns: Float64Array[];
}

/**
 * Days without the instrument's mean or the day's level are skipped; so are days whose lag windows hold less than
 * half their days of level (or rain). θ counts from the first day kept.
 */
export function buildHstDesign(inputs: HstInputs, values: readonly DailyValue[]): HstDesign {
  const symbols = HST_SYMBOLS.filter((s) => s !== 'e1' || inputs.rain !== null);
  const byDate = [...byDay(values)].sort(([a], [b]) => a - b);
  const days: number[] = [];
  const y: number[] = [];
  const level: number[] = [];
  const rows: Float64Array[] = [];
  for (const [day, value] of byDate) {
    const l = inputs.level.get(day);
    if (l === undefined) continue;
    const row = termValues(inputs, symbols, days[0] ?? day, day, l);
    if (!row) continue;
    days.push(day);
    y.push(value);
    level.push(l);
    rows.push(row);
  }
  const columns = symbols.map(() => new Float64Array(rows.length));
  rows.forEach((row, i) => row.forEach((v, j) => (columns[j][i] = v)));
  return { symbols, days, y: Float64Array.from(y), level: Float64Array.from(level), columns };
}
