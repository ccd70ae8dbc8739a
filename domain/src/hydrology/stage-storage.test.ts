import type { StagePoint } from '../registry/index.js';
import { describe, expect, it } from 'vitest';
import { levelToStorage, normalizeCurve, storageToLevel } from './stage-storage.js';
import { valleyCurve } from '../testing/fixtures.js';

const curve = normalizeCurve(valleyCurve(300, 318, 250, 322.5));

describe('stage–storage curve', () => {
  it('passes through its points and interpolates linearly between them', () => {
    const flat: StagePoint[] = [
      [100, 0],
      [102, 10],
      [104, 30],
    ];
    expect(levelToStorage(flat, 102)).toBe(10);
    expect(levelToStorage(flat, 103)).toBe(20);
    expect(storageToLevel(flat, 20)).toBe(103);
  });

  it('is monotonic', () => {
    let previous = -Infinity;
    for (let level = 299; level <= 325; level += 0.01) {
      const storage = levelToStorage(curve, level);
      expect(storage).toBeGreaterThanOrEqual(previous);
      previous = storage;
    }
  });

  it('inverts: level → storage → level', () => {
    for (let level = 300; level <= 324; level += 0.37) {
      expect(storageToLevel(curve, levelToStorage(curve, level))).toBeCloseTo(level, 9);
    }
  });

  it('holds at the lowest point below the curve and extends the last segment above it', () => {
    expect(levelToStorage(curve, 290)).toBe(0);
    expect(storageToLevel(curve, -5)).toBe(300);
    const [a, b] = curve.slice(-2) as [StagePoint, StagePoint];
    const slope = (b[1] - a[1]) / (b[0] - a[0]);
    expect(levelToStorage(curve, b[0] + 1)).toBeCloseTo(b[1] + slope, 9);
  });

  it('sorts the curve and rejects one that cannot be inverted', () => {
    const rising: StagePoint[] = [
      [1, 0],
      [2, 5],
    ];
    const flat: StagePoint[] = [
      [1, 0],
      [2, 0],
    ];
    expect(normalizeCurve([...rising].reverse())).toEqual(rising);
    expect(() => normalizeCurve(flat)).toThrow(/not strictly increasing/);
  });
});
