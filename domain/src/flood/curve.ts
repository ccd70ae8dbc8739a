import { levelToStorage, storageToLevel } from '../hydrology/stage-storage.js';
import type { StagePoint } from '../registry/index.js';
import type { StorageCurve } from './types.js';

/** The registry's stage–storage points as the curve the flood rules read. */
export function storageCurve(points: readonly StagePoint[]): StorageCurve {
  return { storageAt: (level) => levelToStorage(points, level), levelAt: (storage) => storageToLevel(points, storage) };
}
