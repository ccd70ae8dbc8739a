import type { Random, Scale } from '@yz/domain';
import { clamp, logLerp, logPosition, round } from './numeric.js';
import { KEY_SMALL2_MIN_DAM_HEIGHT, KEY_SMALL2_MIN_STORAGE, scaleOf, type Kind } from './plan.js';

export interface Dimensions {
  /** m */
  damHeight: number;
  /** 10⁴ m³, at check flood level */
  totalStorage: number;
  /** km² */
  catchmentArea: number;
  /** m */
  spillwayWidth: number;
}

type Range = readonly [min: number, max: number];

/** Total storage by scale (10⁴ m³, GB 50201): small(2) 10–100, small(1) 100–1000, medium 1000–10000. */
const STORAGE: Record<Scale, Range> = { small2: [10, 99.9], small1: [100, 999.9], medium: [1000, 9999] };
const CATCHMENT: Record<Scale, Range> = { small2: [0.5, 10], small1: [3, 50], medium: [30, 300] };
const SPILLWAY_WIDTH: Record<Scale, Range> = { small2: [3, 12], small1: [6, 25], medium: [15, 40] };
const DAM_HEIGHT: Record<Scale, Range> = { small2: [6, 25], small1: [10, 40], medium: [25, 60] };

/**
 * Dam height and storage for a reservoir of the given kind, then a catchment and spillway in keeping with
 * the storage. Storages lean to the low end of each class, as they do in the real stock; the small(2) that
 * are not key miss the key criteria by a low dam or by a small storage.
 */
export function drawDimensions(rng: Random, kind: Kind): Dimensions {
  const scale = scaleOf(kind);
  const [damHeight, totalStorage] = kind === 'small2' ? drawOrdinarySmall2(rng) : drawHeightAndStorage(rng, kind);
  const size = logPosition(totalStorage, ...STORAGE[scale]);
  const catchment = logLerp(...CATCHMENT[scale], clamp(0.7 * size + 0.3 * rng.next(), 0, 1));
  const [minWidth, maxWidth] = SPILLWAY_WIDTH[scale];
  const widthPosition = clamp(0.6 * logPosition(catchment, ...CATCHMENT[scale]) + 0.4 * rng.next(), 0, 1);
  return {
    damHeight,
    totalStorage,
    catchmentArea: round(catchment, 2),
    spillwayWidth: round(minWidth + (maxWidth - minWidth) * widthPosition, 1),
  };
}

function drawHeightAndStorage(rng: Random, kind: Exclude<Kind, 'small2'>): [number, number] {
  const scale = scaleOf(kind);
  const storageRange: Range = kind === 'small2Key' ? [KEY_SMALL2_MIN_STORAGE, STORAGE.small2[1]] : STORAGE[scale];
  const heightRange: Range =
    kind === 'small2Key' ? [KEY_SMALL2_MIN_DAM_HEIGHT, DAM_HEIGHT.small2[1]] : DAM_HEIGHT[scale];
  const size = rng.next() ** 1.6;
  // Bigger storages tend to sit behind higher dams, with plenty of scatter.
  const tall = (0.5 * size + 0.5 * rng.next()) ** 1.4;
  return [lerpRounded(heightRange, tall, 1), round(logLerp(...storageRange, size), 2)];
}

function drawOrdinarySmall2(rng: Random): [number, number] {
  const [minHeight, maxHeight] = DAM_HEIGHT.small2;
  const [minStorage, maxStorage] = STORAGE.small2;
  const belowKeyHeight = KEY_SMALL2_MIN_DAM_HEIGHT - 0.1;
  const belowKeyStorage = KEY_SMALL2_MIN_STORAGE - 0.01;
  if (rng.chance(0.55)) {
    // Low dam: any small(2) storage.
    return [
      lerpRounded([minHeight, belowKeyHeight], rng.next(), 1),
      round(logLerp(minStorage, maxStorage, rng.next() ** 2), 2),
    ];
  }
  // Small pond behind a dam of any small(2) height.
  return [
    lerpRounded([minHeight, maxHeight], rng.next() ** 2, 1),
    lerpRounded([minStorage, belowKeyStorage], rng.next(), 2),
  ];
}

function lerpRounded([min, max]: Range, t: number, decimals: number): number {
  return round(min + (max - min) * t, decimals);
}
