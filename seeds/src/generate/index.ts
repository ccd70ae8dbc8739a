import { Random, type Registry, type ReservoirSeed } from '@yz/domain';
import { scatterInArea } from './geography.js';
import { createReservoirNamer } from './names.js';
import { planSlots } from './plan.js';
import { drawProject } from './projects.js';
import { drawReservoir } from './reservoir.js';
import { areasFor, countsFor, YONGZHOU_RESERVOIRS } from './scale.js';

export { APPRAISAL_BASELINE_DATE, APPRAISAL_DUE_DEADLINE, PROGRAMME_DEADLINE, STATUS_DATE } from './dates.js';
export { KEY_SMALL2_MIN_DAM_HEIGHT, KEY_SMALL2_MIN_STORAGE, POLICY_COUNTS } from './plan.js';
export { MAX_RESERVOIRS, MIN_RESERVOIRS, YONGZHOU_RESERVOIRS } from './scale.js';

export const DEFAULT_SEED = 20211008;

/**
 * The Yongzhou registry: 4 medium and 1290 small reservoirs over the 14 areas, consistent with the policy
 * figures, and the 480 reinforcement projects of the category-3 dams. Pure: the same seed gives the same registry.
 * A larger `size` (a province, for load tests) scales the figures and the areas in proportion.
 */
export function generateRegistry(seed: number = DEFAULT_SEED, size: number = YONGZHOU_RESERVOIRS): Registry {
  const rng = new Random(seed);
  const areas = areasFor(size);
  const slots = planSlots(rng, countsFor(size), areas);
  const nameReservoir = createReservoirNamer(rng);
  const reservoirs: ReservoirSeed[] = areas.flatMap((area) => {
    // Shuffled so that codes within an area carry no hint of scale (the medium one is not always -0001).
    const areaSlots = rng.shuffle(slots.filter((slot) => slot.areaCode === area.code));
    const sites = scatterInArea(rng, area, areaSlots.length);
    return areaSlots.map((slot, i) =>
      drawReservoir(rng, slot, {
        code: `${area.code}-${String(i + 1).padStart(4, '0')}`,
        name: nameReservoir(),
        longitude: sites[i][0],
        latitude: sites[i][1],
      }),
    );
  });
  const projects = reservoirs.filter((r) => r.damCategory === 3).map((r) => drawProject(rng, r));
  return { areas, reservoirs, projects };
}
