import { spillwayDischarge, type Spillway } from './spillway.js';
import type { StorageCurve } from './types.js';

/** 1 m³/s for 1 h is 3600 m³ = 0.36 × 10⁴ m³. */
export const M3S_HOUR_IN_1E4_M3 = 0.36;
/** How far ahead the projection looks (h): beyond it a target counts as not reached. */
export const PROJECTION_HOURS = 24;
/** RK4 step (h). One minute stays far inside the stability limit of the smallest pool with the widest spillway. */
const STEP_HOURS = 1 / 60;

export interface Projection {
  curve: StorageCurve;
  /** Outflow follows the level over this spillway; null: none modelled (the inflow is then a net inflow). */
  spillway: Spillway | null;
  /** Constant inflow (m³/s). */
  inflow: number;
}

/**
 * Hours until the pool reaches each target level, starting at `level` and integrating the water balance
 * dS/dt = I − Q(Z) at constant inflow; 0 for a target already reached, null for one not reached within `horizon`.
 */
export function hoursToLevels<K extends string>(
  projection: Projection,
  level: number,
  targets: Readonly<Record<K, number>>,
  horizon = PROJECTION_HOURS,
): Record<K, number | null> {
  const { curve, spillway, inflow } = projection;
  const keys = Object.keys(targets) as K[];
  const hours = Object.fromEntries(keys.map((k) => [k, targets[k] <= level ? 0 : null])) as Record<K, number | null>;
  // Storage change per hour (10⁴ m³/h) at storage s.
  const rate = (s: number) =>
    M3S_HOUR_IN_1E4_M3 * (inflow - (spillway ? spillwayDischarge(spillway, curve.levelAt(s)) : 0));

  let storage = curve.storageAt(level);
  let z = level;
  for (let step = 0; step * STEP_HOURS < horizon && keys.some((k) => hours[k] === null); step++) {
    // At constant inflow the level moves one way only: once it stops rising, nothing higher is ever reached.
    const k1 = rate(storage);
    if (k1 <= 0) break;
    const k2 = rate(storage + (STEP_HOURS / 2) * k1);
    const k3 = rate(storage + (STEP_HOURS / 2) * k2);
    const k4 = rate(storage + STEP_HOURS * k3);
    storage += (STEP_HOURS / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    const next = curve.levelAt(storage);
    for (const k of keys) {
      // Crossed during this step: interpolate linearly within it.
      if (hours[k] === null && next >= targets[k]) hours[k] = (step + (targets[k] - z) / (next - z)) * STEP_HOURS;
    }
    z = next;
  }
  for (const k of keys) if ((hours[k] ?? 0) > horizon) hours[k] = null;
  return hours;
}

/** Within this many hours of the design flood level the foresight alert opens. */
export const DESIGN_FLOOD_ALERT_HOURS = 6;

/** The projected time to the design flood level 设计洪水位 is under `withinHours` (0 included: already there). */
export function designFloodSoon(
  hoursTo: { designFlood: number | null },
  withinHours = DESIGN_FLOOD_ALERT_HOURS,
): boolean {
  return hoursTo.designFlood !== null && hoursTo.designFlood < withinHours;
}
