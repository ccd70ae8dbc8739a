// Term selection by the Bayesian information criterion, by backward elimination from the full term set: the
// standard stepwise practice for statistical dam-monitoring models, deterministic and easy to explain step by step.
import { subsetRss, type Columns } from './least-squares.js';

/**
 * BIC of a least-squares fit with an intercept and `terms` terms on `n` rows, up to a constant common to all fits.
 * A term earns its place when it lowers n·ln(RSS) by more than ln(n) (about 6.6 for two years of days). With
 * residuals correlated from day to day, the rows count as `effective` independent ones (n·(1−ρ)/(1+ρ) for AR(1)):
 * otherwise slow terms (θ, the harmonics) are kept for fitting a spell of persistent noise and then extrapolate it.
 */
export function bic(rss: number, n: number, terms: number, effective = n): number {
  return effective * Math.log(rss / n) + (terms + 1) * Math.log(effective);
}

export interface Selection {
  /** Column indices kept, in column order. */
  kept: number[];
  /** Column indices in the order they were dropped. */
  dropped: number[];
}

/**
 * Starting from every column of X, repeatedly drops the column whose removal lowers the BIC most, until no removal
 * lowers it. `r` is the R factor of [X | y] (y last), `n` the number of rows (`effective`: as many independent
 * ones). Ties go to the earlier column.
 */
export function backwardEliminate(r: Columns, n: number, effective = n): Selection {
  let kept = Array.from({ length: r.length - 1 }, (_, j) => j);
  const dropped: number[] = [];
  let best = bic(subsetRss(r, kept), n, kept.length, effective);
  for (;;) {
    let drop = -1;
    for (const j of kept) {
      const trial = kept.filter((i) => i !== j);
      const score = bic(subsetRss(r, trial), n, trial.length, effective);
      if (score < best) [best, drop] = [score, j];
    }
    if (drop < 0) return { kept, dropped };
    kept = kept.filter((i) => i !== drop);
    dropped.push(drop);
  }
}
