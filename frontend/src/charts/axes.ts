// Axis arithmetic for the reservoir charts, kept apart from ECharts so it can be tested.

import type { Levels } from '../api/types';

export const LEVEL_KEYS: (keyof Levels)[] = [
  'deadLevel',
  'floodLimitLevel',
  'normalLevel',
  'designFloodLevel',
  'checkFloodLevel',
  'crestElevation',
];

const floor2 = (v: number) => Math.floor(v * 100 + 1e-6) / 100;
const ceil2 = (v: number) => Math.ceil(v * 100 - 1e-6) / 100;

/**
 * The water-level axis. `full`: dead level to crest. `focus` (default): the band around the limit the water is
 * held against, the data and the next characteristic level above, so a 0.02–0.28 m exceedance is visible instead
 * of a flat line on the limit.
 */
export function levelAxisRange(
  values: number[],
  levels: Levels,
  limit: number,
  mode: 'focus' | 'full',
): [number, number] {
  const finite = values.filter(Number.isFinite);
  const dataLo = finite.length ? Math.min(...finite) : limit;
  const dataHi = finite.length ? Math.max(...finite) : limit;
  if (mode === 'full') {
    return [floor2(Math.min(levels.deadLevel, dataLo) - 0.3), ceil2(Math.max(levels.crestElevation, dataHi) + 0.3)];
  }
  let lo = Math.min(dataLo, limit);
  let hi = Math.max(dataHi, limit);
  const above = LEVEL_KEYS.map((k) => levels[k])
    .filter((v) => v > hi + 1e-6)
    .sort((a, b) => a - b)[0];
  if (above !== undefined && above - hi < Math.max(1.5, (hi - lo) * 2)) hi = above;
  const span = Math.max(hi - lo, 0.4);
  const pad = Math.max(span * 0.12, 0.05);
  lo -= pad;
  hi += pad;
  return [floor2(lo), ceil2(hi)];
}

/** A value axis that always holds the thresholds as well as the data (a line off the axis is not drawn). */
export function thresholdRange(values: number[], thresholds: number[]): [number, number] | null {
  const all = [...values, ...thresholds].filter(Number.isFinite);
  if (!all.length) return null;
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.02, 0.01);
  const digits = hi - lo >= 10 ? 0 : hi - lo >= 1 ? 1 : 2;
  const f = 10 ** digits;
  return [Math.floor((lo - pad) * f) / f, Math.ceil((hi + pad) * f) / f];
}

/** Running total of rain (mm) along its series, for the cumulative curve. */
export function cumulative(points: [string, number][]): [string, number][] {
  let sum = 0;
  return points.map(([t, v]) => [t, Math.round((sum += v) * 10) / 10]);
}

/** Storage (10⁴ m³) at a level by linear interpolation of the stage–storage curve. */
export function storageAt(curve: [number, number][], level: number): number | null {
  if (curve.length < 2 || !Number.isFinite(level)) return null;
  const c = [...curve].sort((a, b) => a[0] - b[0]);
  let i = c.findIndex(([l]) => l >= level);
  if (i <= 0) i = i === 0 ? 1 : c.length - 1;
  const [l0, s0] = c[i - 1]!;
  const [l1, s1] = c[i]!;
  return l1 === l0 ? s0 : Math.max(0, s0 + ((level - l0) * (s1 - s0)) / (l1 - l0));
}

/** Percent full: storage at the level against storage at the normal pool. */
export function percentFull(curve: [number, number][], level: number | null, normalLevel: number): number | null {
  if (level === null) return null;
  const s = storageAt(curve, level);
  const full = storageAt(curve, normalLevel);
  return s === null || !full ? null : (s / full) * 100;
}

/**
 * Label placement for horizontal lines: lines closer than `minGap` (axis units) to the previous one alternate
 * between the right and the left end, above and below, so their labels do not print over each other.
 */
export function labelSpots(values: number[], minGap: number): string[] {
  const spots = ['insideEndTop', 'insideStartTop', 'insideEndBottom', 'insideStartBottom'];
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out: string[] = new Array<string>(values.length);
  let run = 0;
  order.forEach(([v, i], k) => {
    run = k > 0 && v - order[k - 1]![0] < minGap ? run + 1 : 0;
    out[i] = spots[run % spots.length]!;
  });
  return out;
}
