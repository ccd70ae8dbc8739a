import type { CharacteristicLevels, Random, Scale, StagePoint } from '@yz/domain';
import { round } from './numeric.js';

export interface Hydraulics {
  levels: CharacteristicLevels;
  stageStorage: StagePoint[];
}

/**
 * Characteristic levels built down from the crest (riverbed + dam height), then the stage–storage curve.
 * Every gap between consecutive levels is at least 0.2 m, so rounding to centimetres cannot reorder them.
 */
export function drawHydraulics(
  rng: Random,
  scale: Scale,
  damHeight: number,
  totalStorage: number,
  gated: boolean,
): Hydraulics {
  // Southern Hunan hills: small dams close the hollows at 120–480 m, medium ones the larger valleys lower down.
  const riverbed = round(scale === 'medium' ? rng.between(150, 350) : rng.between(120, 480), 2);
  const crestElevation = round(riverbed + damHeight, 2);
  const checkFloodLevel = round(crestElevation - rng.between(0.5, Math.min(1.5, 0.5 + 0.05 * damHeight)), 2);
  const designFloodLevel = round(checkFloodLevel - rng.between(0.2, 0.2 + 0.03 * damHeight), 2);
  // A gated spillway passes the design flood with less surcharge above the pool than a free overflow crest.
  const surcharge = gated ? rng.between(0.4, 0.4 + 0.04 * damHeight) : rng.between(0.6, 0.6 + 0.08 * damHeight);
  const normalLevel = round(designFloodLevel - surcharge, 2);
  const deadLevel = round(riverbed + Math.max(1.5, (normalLevel - riverbed) * rng.between(0.12, 0.3)), 2);
  // Ungated: the pool cannot be drawn down for the flood season, so the flood-limit level is the normal pool.
  const floodLimitLevel = gated
    ? round(normalLevel - rng.between(0.3, 1) * Math.min(2.5, 0.3 * (normalLevel - deadLevel)), 2)
    : normalLevel;
  const levels = { deadLevel, floodLimitLevel, normalLevel, designFloodLevel, checkFloodLevel, crestElevation };
  return { levels, stageStorage: stageStorageCurve(rng, riverbed, levels, totalStorage) };
}

/**
 * Storage grows as a power (2.2–2.8, the valley's shape) of the depth above the riverbed, scaled so the check
 * flood level holds exactly the total storage. 8–12 points: riverbed, dead level, 2–6 points up to the normal
 * pool, normal, design flood, check flood and crest.
 */
function stageStorageCurve(
  rng: Random,
  riverbed: number,
  levels: CharacteristicLevels,
  totalStorage: number,
): StagePoint[] {
  const exponent = rng.between(2.2, 2.8);
  const coefficient = totalStorage / (levels.checkFloodLevel - riverbed) ** exponent;
  const { deadLevel, normalLevel } = levels;
  const between = rng.int(2, 6);
  const stages = [
    riverbed,
    deadLevel,
    ...Array.from({ length: between }, (_, i) =>
      round(deadLevel + ((normalLevel - deadLevel) * (i + 1)) / (between + 1), 2),
    ),
    normalLevel,
    levels.designFloodLevel,
    levels.checkFloodLevel,
    levels.crestElevation,
  ];
  return stages.map((level): StagePoint => [level, round(coefficient * (level - riverbed) ** exponent, 3)]);
}
