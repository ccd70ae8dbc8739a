import { isFloodSeason, type SensorType } from '@yz/domain';

export type ReservoirState = 'normal' | 'above_flood_limit' | 'offline';

/** A reservoir whose level gauge has not reported for two hours shows as offline on the map and in the list. */
const OFFLINE_AFTER_MS = 2 * 3_600_000;

/** The level that matters now: the flood-limit level in the flood season, the normal pool outside it. */
export function limitLevel(r: { floodLimitLevel: number; normalLevel: number }, now: Date): number {
  return isFloodSeason(now) ? r.floodLimitLevel : r.normalLevel;
}

/** Offline when the level gauge is silent, above the limit when its newest value is over it, else normal. */
export function stateOf(
  r: { floodLimitLevel: number; normalLevel: number },
  latest: readonly { type: SensorType; time: Date; value: number }[],
  now: Date,
): ReservoirState {
  const level = latest.find((l) => l.type === 'water_level');
  if (!level || now.getTime() - new Date(level.time).getTime() > OFFLINE_AFTER_MS) return 'offline';
  return level.value > limitLevel(r, now) ? 'above_flood_limit' : 'normal';
}
