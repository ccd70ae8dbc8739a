import type { DamType, ManagementMode, Random, ReservoirSeed } from '@yz/domain';
import { drawAppraisal } from './appraisal.js';
import { drawDimensions } from './dimensions.js';
import { drawHydraulics } from './levels.js';
import { drawResponsiblePersons } from './persons.js';
import { isMonitored, scaleOf, type Slot } from './plan.js';
import { drawSensors } from './sensors.js';

/** Small dams in Hunan are mostly homogeneous earth fills; masonry arches close the narrow gorges. */
const SMALL_DAM_TYPES: readonly (readonly [DamType, number])[] = [
  ['earth', 0.72],
  ['earth_rock', 0.14],
  ['masonry_arch', 0.07],
  ['concrete_gravity', 0.04],
  ['rockfill', 0.03],
];
const MEDIUM_DAM_TYPES: readonly (readonly [DamType, number])[] = [
  ['earth', 0.4],
  ['earth_rock', 0.3],
  ['concrete_gravity', 0.2],
  ['rockfill', 0.1],
];

export interface Placement {
  code: string;
  name: string;
  longitude: number;
  latitude: number;
}

/** One reservoir, its figures drawn to fit the slot the plan gave it. */
export function drawReservoir(rng: Random, slot: Slot, placement: Placement): ReservoirSeed {
  const scale = scaleOf(slot.kind);
  const medium = scale === 'medium';
  const dimensions = drawDimensions(rng, slot.kind);
  // Most small reservoirs spill over a free crest; medium ones mostly have gates.
  const gatedSpillway = rng.chance(medium ? 0.75 : 0.08);
  const monitored = isMonitored(slot.kind);
  // All under professional or social management, as the policy requires from the end of 2022.
  const managementMode: ManagementMode = medium || rng.chance(0.6) ? 'professional' : 'social';
  return {
    ...placement,
    areaCode: slot.areaCode,
    scale,
    damType: rng.weighted(medium ? MEDIUM_DAM_TYPES : SMALL_DAM_TYPES),
    ...dimensions,
    gatedSpillway,
    ...drawHydraulics(rng, scale, dimensions.damHeight, dimensions.totalStorage, gatedSpillway),
    managementMode,
    ...drawAppraisal(rng, slot.appraisal),
    damSafetyMonitoring: monitored,
    sensors: drawSensors(rng, scale, dimensions.damHeight, monitored),
    responsiblePersons: drawResponsiblePersons(rng),
  };
}
