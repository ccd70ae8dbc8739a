import { currentRunoffCoefficient } from './antecedent.js';
import { criticalRainfall, type CriticalRainfall } from './critical-rainfall.js';
import { estimateFlows } from './flows.js';
import { hoursToLevels } from './projection.js';
import { effectiveLimitLevel, restrictedLevel, type DamStatus } from './restricted-level.js';
import { ungatedSpillway, type SpillwayFacts } from './spillway.js';
import { round, type FloodLevels, type StorageCurve } from './types.js';
import type { TimedValue } from '../time/index.js';

/** What the outlook needs to know of a reservoir: a registry reservoir with its curve and dam status. */
export interface OutlookReservoir extends SpillwayFacts {
  levels: FloodLevels;
  curve: StorageCurve;
  /** km² */
  catchmentArea: number;
  /** The reservoir's own runoff coefficient α, where calibrated; else it follows the antecedent rain. */
  runoffCoefficient?: number | null;
  dam: DamStatus;
}

export interface OutlookInput {
  reservoir: OutlookReservoir;
  /** Water levels (m) of at least the last 3 h, in any order. */
  levelSeries: readonly TimedValue[];
  /** Rain increments (mm) of at least the last 15 hydrological days; null when the reservoir has no gauge. */
  rainSeries: readonly TimedValue[] | null;
  now: Date;
  floodSeason: boolean;
}

export type HoursTo = Record<'floodLimit' | 'designFlood' | 'crest', number | null>;

/** `GET /api/reservoirs/{code}/outlook`: m, 10⁴ m³, m³/s, mm, h. */
export interface FloodOutlook {
  level: number | null;
  storage: number | null;
  inflow: number | null;
  outflow: number | null;
  criticalRainfall: CriticalRainfall;
  /** Null when the level's course cannot be told (no level, or too few recent levels). */
  hoursTo: HoursTo | null;
  restrictedLevel: number | null;
}

/**
 * The flood outlook of one reservoir at `now`. "floodLimit" is the effective limit: the restricted level for a
 * restricted dam, the normal pool outside the flood season. An hour is null when its target is not reached within
 * 24 h; `hoursTo` is null as a whole when the rate of rise cannot be told (too few recent levels), so "not known"
 * never reads as "not within 24 h".
 */
export function floodOutlook({ reservoir, levelSeries, rainSeries, now, floodSeason }: OutlookInput): FloodOutlook {
  const { levels, curve } = reservoir;
  const restricted = restrictedLevel(levels, reservoir.dam);
  const latest = levelSeries.reduce<TimedValue | null>(
    (best, r) => (r.time <= now && (best === null || r.time > best.time) ? r : best),
    null,
  );
  if (latest === null) {
    return {
      level: null,
      storage: null,
      inflow: null,
      outflow: null,
      criticalRainfall: { floodLimit: null, designFlood: null, checkFlood: null },
      hoursTo: null,
      restrictedLevel: restricted,
    };
  }

  const level = latest.value;
  const storage = curve.storageAt(level);
  const limit = effectiveLimitLevel(reservoir, reservoir.dam, floodSeason).level;
  const alpha = currentRunoffCoefficient(reservoir, rainSeries, now);
  const rainTo = (target: number) =>
    round(criticalRainfall(storage, curve.storageAt(target), reservoir.catchmentArea, alpha), 1);

  const spillway = ungatedSpillway(reservoir);
  const flows = estimateFlows(levelSeries, curve, spillway, now);
  // Gated: the gates' outflow is unknown, so the level is carried on at the net rate it has shown.
  const inflow = spillway ? flows.inflow : flows.netInflow;
  const targets = { floodLimit: limit, designFlood: levels.designFloodLevel, crest: levels.crestElevation };
  const hours = inflow === null ? null : hoursToLevels({ curve, spillway, inflow }, level, targets);

  return {
    level,
    storage: round(storage, 3),
    inflow: flows.inflow === null ? null : round(flows.inflow, 2),
    outflow: flows.outflow === null ? null : round(flows.outflow, 2),
    criticalRainfall: {
      floodLimit: rainTo(limit),
      designFlood: rainTo(levels.designFloodLevel),
      checkFlood: rainTo(levels.checkFloodLevel),
    },
    hoursTo: hours && {
      floodLimit: roundHours(hours.floodLimit),
      designFlood: roundHours(hours.designFlood),
      crest: roundHours(hours.crest),
    },
    restrictedLevel: restricted,
  };
}

function roundHours(hours: number | null): number | null {
  return hours === null ? null : round(hours, 2);
}
