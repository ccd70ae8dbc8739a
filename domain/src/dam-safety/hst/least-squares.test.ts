import { describe, expect, it } from 'vitest';
import { subsetCoefficients, subsetRss, triangularise, type Columns } from './least-squares.js';
import { backwardEliminate, bic } from './selection.js';
import { Random } from '../../random/index.js';

const copy = (columns: Columns) => columns.map((c) => Float64Array.from(c));

/** RSS of y on the columns by brute force: the residual of the best fit is orthogonal to every column. */
function residual(columns: Columns, y: Float64Array, b: Float64Array): number {
  return y.reduce((sum, v, i) => sum + (v - columns.reduce((s, c, j) => s + b[j] * c[i], 0)) ** 2, 0);
}

describe('Householder least squares', () => {
  const random = Random.derive(7, 'hst');
  const n = 200;
  const x = Array.from({ length: 4 }, () => Float64Array.from({ length: n }, () => random.normal()));
  const noise = Float64Array.from({ length: n }, () => 0.1 * random.normal());
  const y = Float64Array.from({ length: n }, (_, i) => 3 * x[0][i] - 2 * x[2][i] + noise[i]);
  const r = triangularise(copy([...x, y]), n);

  it('gives an upper-triangular R with RᵀR = AᵀA', () => {
    const a = [...x, y];
    for (let i = 0; i < a.length; i++) {
      for (let j = 0; j < a.length; j++) {
        const ata = a[i].reduce((s, v, k) => s + v * a[j][k], 0);
        const rtr = r[i].reduce((s, v, k) => s + v * r[j][k], 0);
        expect(rtr).toBeCloseTo(ata, 8);
        if (j > i) expect(r[i][j]).toBe(0);
      }
    }
  });

  it('fits any subset of the columns from R alone, as a fit on the data would', () => {
    for (const chosen of [[0, 2], [1, 3], [0, 1, 2, 3], [2]]) {
      const b = subsetCoefficients(r, chosen);
      const rss = subsetRss(r, chosen);
      expect(rss).toBeCloseTo(
        residual(
          chosen.map((j) => x[j]),
          y,
          b,
        ),
        8,
      );
      // Least squares: the residual is orthogonal to each chosen column.
      const e = y.map((v, i) => v - chosen.reduce((s, j, k) => s + b[k] * x[j][i], 0));
      for (const j of chosen) expect(e.reduce((s, v, i) => s + v * x[j][i], 0)).toBeCloseTo(0, 8);
    }
    const b = subsetCoefficients(r, [0, 2]);
    expect(b[0]).toBeCloseTo(3, 1);
    expect(b[1]).toBeCloseTo(-2, 1);
    expect(subsetRss(r, [])).toBeCloseTo(
      y.reduce((s, v) => s + v * v, 0),
      8,
    );
  });

  it('refuses coefficients for a column that is a mix of the others', () => {
    const mix = x[0].map((v, i) => v - 2 * x[1][i]);
    const rr = triangularise(copy([x[0], x[1], mix, y]), n);
    expect(() => subsetCoefficients(rr, [0, 1, 2])).toThrow(/Collinear/);
    expect(subsetCoefficients(rr, [0, 2])).toHaveLength(2);
  });
});

describe('BIC backward elimination', () => {
  it('charges ln(n) per term against n·ln(RSS/n)', () => {
    expect(bic(50, 100, 2)).toBeCloseTo(100 * Math.log(0.5) + 3 * Math.log(100), 12);
  });

  it('drops the columns that do not help and keeps those that do, naming the order', () => {
    const random = Random.derive(11, 'hst');
    const n = 500;
    const x = Array.from({ length: 5 }, () => Float64Array.from({ length: n }, () => random.normal()));
    // Column 3 is a weak effect (0.5 against noise 1), still worth far more than the ln(n) a term costs.
    const y = Float64Array.from({ length: n }, (_, i) => 2 * x[1][i] + 0.5 * x[3][i] + random.normal());
    const r = triangularise(
      [...x, y].map((c) => Float64Array.from(c)),
      n,
    );
    const { kept, dropped } = backwardEliminate(r, n);
    expect(kept).toEqual([1, 3]);
    expect(dropped.sort()).toEqual([0, 2, 4]);
  });
});
