import type { OutlookReservoir } from './outlook.js';
import type { FloodLevels, StorageCurve } from './types.js';

/** A prismatic pool: the same water surface `area` (10⁴ m², so 10⁴ m³ per metre) at every level. */
export function prismaticCurve(level0: number, storage0: number, area: number): StorageCurve {
  return {
    storageAt: (level) => storage0 + area * (level - level0),
    levelAt: (storage) => level0 + (storage - storage0) / area,
  };
}

/** A small(2) reservoir: ungated spillway at the normal pool 110 m, which is also its flood-limit level. */
export const LEVELS: FloodLevels = {
  deadLevel: 104,
  floodLimitLevel: 110,
  normalLevel: 110,
  designFloodLevel: 111.5,
  checkFloodLevel: 112.2,
  crestElevation: 113.5,
};

/** 0.1 km² of water (S = 50 + 10·(Z − 110) × 10⁴ m³), 2 km² of catchment, a 5 m spillway (C 1.7 by default). */
export const RESERVOIR: OutlookReservoir = {
  levels: LEVELS,
  curve: prismaticCurve(110, 50, 10),
  catchmentArea: 2,
  gatedSpillway: false,
  spillwayWidth: 5,
  dam: { damCategory: 2, reinforcementAccepted: false },
};

/** A Beijing time in 2026: `beijing('07-01T08:00')`. */
export function beijing(monthDayTime: string): Date {
  return new Date(`2026-${monthDayTime}:00+08:00`);
}
