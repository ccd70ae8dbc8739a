import { M3S_HOUR_IN_1E4_M3 } from './projection.js';
import { spillwayDischarge, type Spillway } from './spillway.js';
import { HOUR_MS, type StorageCurve } from './types.js';
import type { TimedValue } from '../time/index.js';

/** Hours of levels the inflow is read from. */
export const INFLOW_WINDOW_HOURS = 3;
/** The readings used must span at least this long (h): a 1 cm step over a few minutes would read as a flood. */
const MIN_SPAN_HOURS = 1;

/** Flows in m³/s; null where they cannot be told. */
export interface Flows {
  /** Spillway discharge at the latest level; null for a gated spillway (the gates decide it). */
  outflow: number | null;
  /** Inflow = storage change + mean outflow over the window, never below 0; null for a gated spillway. */
  inflow: number | null;
  /** Storage change alone over the window (m³/s equivalent), known with or without gates. */
  netInflow: number | null;
}

/**
 * Flows from the levels of the `INFLOW_WINDOW_HOURS` up to `now`: the water balance
 * I = ΔS/Δt + Q̄, with Q̄ the time-weighted mean spillway discharge over the window.
 */
export function estimateFlows(
  levels: readonly TimedValue[],
  curve: StorageCurve,
  spillway: Spillway | null,
  now: Date,
): Flows {
  const from = now.getTime() - INFLOW_WINDOW_HOURS * HOUR_MS;
  const window = levels
    .filter((r) => r.time.getTime() >= from && r.time <= now)
    .sort((a, b) => a.time.getTime() - b.time.getTime());
  const first = window.at(0);
  const last = window.at(-1);
  const outflow = spillway && last ? spillwayDischarge(spillway, last.value) : null;
  const spanHours = first && last ? (last.time.getTime() - first.time.getTime()) / HOUR_MS : 0;
  if (!first || !last || spanHours < MIN_SPAN_HOURS) return { outflow, inflow: null, netInflow: null };

  const netInflow = (curve.storageAt(last.value) - curve.storageAt(first.value)) / (M3S_HOUR_IN_1E4_M3 * spanHours);
  if (!spillway) return { outflow, inflow: null, netInflow };
  return { outflow, inflow: Math.max(0, netInflow + dischargeVolume(window, spillway) / spanHours), netInflow };
}

/** The spillway's discharge integrated over the readings by trapezoids, (m³/s)·h. */
function dischargeVolume(window: readonly TimedValue[], spillway: Spillway): number {
  let volume = 0;
  for (let i = 1; i < window.length; i++) {
    const [a, b] = [window[i - 1], window[i]];
    const hours = (b.time.getTime() - a.time.getTime()) / HOUR_MS;
    volume += (hours * (spillwayDischarge(spillway, a.value) + spillwayDischarge(spillway, b.value))) / 2;
  }
  return volume;
}
