import type { FloodLevels } from './types.js';

/** What decides whether a dam runs at a restricted level (限制运用水位). */
export interface DamStatus {
  /** Dam-safety category from the latest appraisal: 3 三类坝 is a dangerous dam. */
  damCategory: 1 | 2 | 3;
  /** The reinforcement (除险加固) has passed acceptance: the restriction is lifted. */
  reinforcementAccepted: boolean;
  /** The reservoir's own restricted level (m), when its authority has set one. */
  restrictedLevel?: number | null;
}

/** Which characteristic level the pool is compared with. */
export type LimitKind = 'floodLimit' | 'restricted' | 'normalPool';

export interface EffectiveLimit {
  level: number;
  kind: LimitKind;
}

/** Where no restricted level is set: this far below the flood-limit level (m), never below the dead level. */
export const DEFAULT_RESTRICTION_DEPTH = 1;

/** The restricted level in force (m): a category-3 dam not yet through reinforcement acceptance; else null. */
export function restrictedLevel(levels: FloodLevels, dam: DamStatus): number | null {
  if (dam.damCategory !== 3 || dam.reinforcementAccepted) return null;
  return dam.restrictedLevel ?? Math.max(levels.deadLevel, levels.floodLimitLevel - DEFAULT_RESTRICTION_DEPTH);
}

/**
 * The level the pool must stay at or below: in the flood season the flood-limit level 汛限水位, replaced by the
 * restricted level for a restricted dam; outside the season the normal pool 正常蓄水位 (DESIGN §2).
 */
export function effectiveLimitLevel(
  reservoir: { levels: FloodLevels },
  dam: DamStatus,
  floodSeason: boolean,
): EffectiveLimit {
  const { levels } = reservoir;
  if (!floodSeason) return { level: levels.normalLevel, kind: 'normalPool' };
  const restricted = restrictedLevel(levels, dam);
  return restricted === null
    ? { level: levels.floodLimitLevel, kind: 'floodLimit' }
    : { level: restricted, kind: 'restricted' };
}
