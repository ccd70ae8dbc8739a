/**
 * A reservoir's stage–storage curve (库容曲线): level (m) ⇄ storage (10⁴ m³). Passed in so that the one curve
 * implementation of the domain (hydrology/stage-storage) serves here too.
 */
export interface StorageCurve {
  storageAt(level: number): number;
  levelAt(storage: number): number;
}

/** The characteristic levels (m) the flood rules read; a registry `CharacteristicLevels` fits. */
export type FloodLevels = Readonly<
  Record<
    'deadLevel' | 'floodLimitLevel' | 'normalLevel' | 'designFloodLevel' | 'checkFloodLevel' | 'crestElevation',
    number
  >
>;

export const HOUR_MS = 3_600_000;

/** Rounds for presentation: figures leave the domain at the precision they are measured to. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
