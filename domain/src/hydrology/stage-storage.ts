import type { StagePoint } from '../registry/index.js';

/**
 * Level (m) → storage (10⁴ m³) on a stage–storage curve sorted by level, by linear interpolation.
 * Below the lowest point the storage is that point's (the basin is empty there); above the highest
 * point the last segment is extended, so a flood above the surveyed range still has a storage.
 */
export function levelToStorage(curve: readonly StagePoint[], level: number): number {
  return interpolate(curve, level, 0, 1);
}

/** Storage (10⁴ m³) → level (m): the inverse of {@link levelToStorage}. */
export function storageToLevel(curve: readonly StagePoint[], storage: number): number {
  return interpolate(curve, storage, 1, 0);
}

/** Sorts a copy of the curve by level and checks it can be inverted (storage rising with level). */
export function normalizeCurve(curve: readonly StagePoint[]): StagePoint[] {
  const sorted = [...curve].sort((a, b) => a[0] - b[0]);
  if (sorted.length < 2) throw new Error('a stage–storage curve needs at least two points');
  for (let i = 1; i < sorted.length; i++) {
    const [prev, point] = [sorted[i - 1] as StagePoint, sorted[i] as StagePoint];
    if (!(point[0] > prev[0] && point[1] > prev[1])) {
      throw new Error(`stage–storage curve not strictly increasing at level ${point[0]}`);
    }
  }
  return sorted;
}

function interpolate(curve: readonly StagePoint[], x: number, from: 0 | 1, to: 0 | 1): number {
  const first = curve[0] as StagePoint;
  if (x <= first[from]) return first[to];
  // Curves have a dozen points: a linear scan beats a binary search's bookkeeping.
  let i = 1;
  while (i < curve.length - 1 && (curve[i] as StagePoint)[from] < x) i++;
  const a = curve[i - 1] as StagePoint;
  const b = curve[i] as StagePoint;
  return a[to] + ((x - a[from]) * (b[to] - a[to])) / (b[from] - a[from]);
}
