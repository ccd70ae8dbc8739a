// Least squares by Householder QR. Hand-written (about forty lines) rather than a matrix library because the model
// needs one specific thing: the triangular factor R of [X | y], from which every subset of terms is refitted by
// re-triangularising a (p+1)-row matrix instead of the n-row data. That keeps term selection cheap, and QR never
// squares the condition number the way the normal equations XᵀX b = Xᵀy do.

/** A matrix stored as its columns (each of the same length): Householder works on it column by column. */
export type Columns = Float64Array[];

/**
 * Overwrites `columns` (rows × p, rows ≥ p) with its Householder reduction and returns R (p × p, upper triangular,
 * as columns of length p) with A = QR. |R[k][k]| is the part of column k that the columns before it do not explain.
 */
export function triangularise(columns: Columns, rows: number): Columns {
  const p = columns.length;
  for (let k = 0; k < p; k++) {
    const x = columns[k];
    let norm = 0;
    for (let i = k; i < rows; i++) norm += x[i] * x[i];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    // Reflect x onto -sign(x_k)·norm·e_k: v = x - alpha·e_k, with vᵀv = 2·norm·(norm + |x_k|) (no cancellation).
    const alpha = x[k] > 0 ? -norm : norm;
    const vv = 2 * norm * (norm + Math.abs(x[k]));
    x[k] -= alpha;
    for (let j = k + 1; j < p; j++) {
      const a = columns[j];
      let s = 0;
      for (let i = k; i < rows; i++) s += x[i] * a[i];
      const f = (2 * s) / vv;
      for (let i = k; i < rows; i++) a[i] -= f * x[i];
    }
    x[k] = alpha;
  }
  return columns.map((column, k) => {
    const r = new Float64Array(p);
    for (let i = 0; i <= k; i++) r[i] = column[i];
    return r;
  });
}

/** R of [X_chosen | y] from R of [X | y] (y its last column), by re-triangularising those columns of R. */
function reduce(r: Columns, chosen: readonly number[]): Columns {
  return triangularise(
    [...chosen, r.length - 1].map((j) => Float64Array.from(r[j])),
    r.length,
  );
}

/** Residual sum of squares of y on the chosen columns of X, given R of [X | y]. */
export function subsetRss(r: Columns, chosen: readonly number[]): number {
  return reduce(r, chosen)[chosen.length][chosen.length] ** 2;
}

/** R of the chosen columns of X alone (k × k, as columns), given R of [X | y]: (X_cᵀX_c)⁻¹ = R⁻¹R⁻ᵀ. */
export function subsetTriangle(r: Columns, chosen: readonly number[]): Columns {
  return reduce(r, chosen)
    .slice(0, chosen.length)
    .map((column) => column.slice(0, chosen.length));
}

/** Least-squares coefficients of y on the chosen columns of X, given R of [X | y]; throws on collinear columns. */
export function subsetCoefficients(r: Columns, chosen: readonly number[]): Float64Array {
  const s = reduce(r, chosen);
  const k = chosen.length;
  const b = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = s[k][i];
    for (let j = i + 1; j < k; j++) sum -= s[j][i] * b[j];
    // A diagonal this small next to the column's own length: the column is (numerically) a mix of the others.
    if (!(Math.abs(s[i][i]) > 1e-10 * Math.hypot(...r[chosen[i]]))) throw new Error(`Collinear column ${chosen[i]}`);
    b[i] = sum / s[i][i];
  }
  return b;
}
