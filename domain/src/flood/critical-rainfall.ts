/** 1 mm of rain on 1 km² is 1000 m³ = 0.1 × 10⁴ m³. */
const MM_ON_KM2_IN_1E4_M3 = 0.1;

/**
 * Critical rainfall 临界雨量 (mm): the rain whose runoff alone fills the reservoir from its storage now to the
 * target's, P = (S_target − S_now) / (0.1·α·A), S in 10⁴ m³, A in km². Spill during the storm is left out, which
 * errs on the safe side (a lower P). 0 when the pool is already at or above the target.
 */
export function criticalRainfall(
  storageNow: number,
  storageTarget: number,
  catchmentArea: number,
  alpha: number,
): number {
  return Math.max(0, storageTarget - storageNow) / (MM_ON_KM2_IN_1E4_M3 * alpha * catchmentArea);
}

/** The targets the outlook reports, lowest first. */
export const RAIN_TARGETS = ['floodLimit', 'designFlood', 'checkFlood'] as const;
export type RainTarget = (typeof RAIN_TARGETS)[number];
export type CriticalRainfall = Record<RainTarget, number | null>;

/**
 * The highest target whose critical rainfall the rain of the last 3 h, or the forecast, exceeds; null when none
 * is (the reservoir is not flagged).
 */
export function rainfallFlag(
  critical: CriticalRainfall,
  rain: { last3h: number | null; forecast?: number | null },
): RainTarget | null {
  const worst = Math.max(rain.last3h ?? 0, rain.forecast ?? 0);
  let flagged: RainTarget | null = null;
  for (const target of RAIN_TARGETS) {
    const mm = critical[target];
    if (mm !== null && worst > mm) flagged = target;
  }
  return flagged;
}
