import { AREAS, type Area } from '@yz/domain';
import { round } from './numeric.js';
import { POLICY_COUNTS, type PlanCounts } from './plan.js';

/** Yongzhou's registry: 4 medium and 1290 small reservoirs. */
export const YONGZHOU_RESERVOIRS = POLICY_COUNTS.medium + POLICY_COUNTS.small;
/** Bounds of a generated registry: reservoir codes hold 4 digits per area, area codes 2 digits of copy number. */
export const MIN_RESERVOIRS = 100;
export const MAX_RESERVOIRS = 100_000;

/**
 * The policy figures scaled to a registry of `size` reservoirs (Yongzhou's exactly at its own size), so a
 * province-size registry keeps Yongzhou's proportions of medium, small(1), monitored, dangerous and overdue dams.
 */
export function countsFor(size: number): PlanCounts {
  checkSize(size);
  const f = size / YONGZHOU_RESERVOIRS;
  const medium = Math.max(1, Math.round(POLICY_COUNTS.medium * f));
  const scaled = (n: number) => Math.round(n * f);
  return {
    medium,
    small: size - medium,
    small1: scaled(POLICY_COUNTS.small1),
    monitoredSmall: scaled(POLICY_COUNTS.monitoredSmall),
    programmeSmall: scaled(POLICY_COUNTS.programmeSmall),
    appraisalDueBy2022: scaled(POLICY_COUNTS.appraisalDueBy2022),
  };
}

/**
 * The areas of a registry of `size` reservoirs: Yongzhou's 14, and beyond Yongzhou's size as many more as keep
 * about Yongzhou's number of reservoirs per area (14,000 reservoirs: 151 areas, Hunan has 122 counties). The extra
 * ones are copies of Yongzhou's areas laid over the same ground (numbered ·2, ·3, … with codes 4312xx, 4313xx, …),
 * so a province-size registry still draws on Yongzhou's map: a load test of the same screens, not a real province.
 */
export function areasFor(size: number): readonly Area[] {
  checkSize(size);
  const count = Math.max(AREAS.length, Math.round((AREAS.length * size) / YONGZHOU_RESERVOIRS));
  const extra = Array.from({ length: count - AREAS.length }, (_, i): Area => {
    const source = AREAS[i % AREAS.length];
    const copy = Math.floor(i / AREAS.length) + 2;
    // Each copy sits a little off its source's seat, on a spiral, so the copies do not stack exactly.
    const angle = copy * 2.39996;
    const shift = (source.radiusKm * 0.3) / 111.32;
    return {
      code: `43${10 + copy}${source.code.slice(4)}`,
      name: `${source.name}·${copy}`,
      nameEn: `${source.nameEn} ${copy}`,
      center: [
        round(source.center[0] + shift * Math.cos(angle), 5),
        round(source.center[1] + shift * Math.sin(angle), 5),
      ],
      radiusKm: source.radiusKm,
    };
  });
  return [...AREAS, ...extra];
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < MIN_RESERVOIRS || size > MAX_RESERVOIRS) {
    throw new RangeError(`a registry holds ${MIN_RESERVOIRS}–${MAX_RESERVOIRS} reservoirs, not ${size}`);
  }
}
