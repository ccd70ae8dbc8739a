import { dayEndAtOrBefore } from '../time/index.js';
import { dailyRainfall } from './rainfall.js';
import type { TimedValue } from '../time/index.js';

/** Days of rain the antecedent precipitation index 前期影响雨量 looks back over. */
export const ANTECEDENT_DAYS = 15;
/** Daily decay k of the index: soil moisture lost to evaporation (humid southern China: 0.8–0.95). */
export const ANTECEDENT_DECAY = 0.85;
/** Wm (mm): the soil's greatest moisture deficit, the ceiling of the index (Hunan hills: 80–120 mm). */
export const SOIL_CAPACITY_MM = 100;
/** Runoff coefficient α on a dry catchment (Pa = 0) and on a saturated one (Pa = Wm). */
export const RUNOFF_DRY = 0.3;
export const RUNOFF_WET = 0.9;
/** α where neither the reservoir's own α nor a rain gauge is at hand: the mid-wetness value α(Wm/2). */
export const DEFAULT_RUNOFF_COEFFICIENT = 0.6;

/** Pa = Σ k^i·P_i (mm) over daily totals, newest first (i = 1 is the last complete day), capped at Wm. */
export function antecedentPrecipitation(daily: readonly number[], k = ANTECEDENT_DECAY): number {
  const pa = daily.reduce((sum, rain, i) => sum + k ** (i + 1) * rain, 0);
  return Math.min(SOIL_CAPACITY_MM, pa);
}

/** α(Pa): linear from {@link RUNOFF_DRY} at Pa = 0 to {@link RUNOFF_WET} at Pa = Wm. */
export function runoffCoefficient(pa: number): number {
  const wetness = Math.min(1, Math.max(0, pa) / SOIL_CAPACITY_MM);
  return RUNOFF_DRY + (RUNOFF_WET - RUNOFF_DRY) * wetness;
}

/**
 * The α to use now: the reservoir's own where set, else from the index of the gauge's last 15 complete
 * hydrological days, else (no gauge: `rain` null) the default.
 */
export function currentRunoffCoefficient(
  reservoir: { runoffCoefficient?: number | null },
  rain: readonly TimedValue[] | null,
  now: Date,
): number {
  if (reservoir.runoffCoefficient != null) return reservoir.runoffCoefficient;
  if (rain === null) return DEFAULT_RUNOFF_COEFFICIENT;
  return runoffCoefficient(
    antecedentPrecipitation(dailyRainfall(rain, new Date(dayEndAtOrBefore(now.getTime())), ANTECEDENT_DAYS)),
  );
}
