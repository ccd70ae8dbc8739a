import { AREAS, type Area, type Random, type Scale } from '@yz/domain';

/** Figures from the policy (永政办发〔2021〕32号), plus the small(1)/small(2) split chosen for Hunan (about 1 : 4.4). */
export const POLICY_COUNTS = {
  medium: 4,
  small: 1290,
  small1: 240,
  /** Small reservoirs with dam-safety monitoring: every small(1) plus the key small(2). */
  monitoredSmall: 401,
  programmeSmall: 476,
  appraisalDueBy2022: 122,
} as const;

/** The plan's figures for one registry: the policy's for Yongzhou, scaled for a larger registry. */
export type PlanCounts = { -readonly [K in keyof typeof POLICY_COUNTS]: number };

/** Key small(2) (重点小(2)型): dam height ≥ 10 m and total storage ≥ 20 ×10⁴ m³. */
export const KEY_SMALL2_MIN_DAM_HEIGHT = 10;
export const KEY_SMALL2_MIN_STORAGE = 20;

/**
 * What a reservoir has to be before its figures are drawn. small2Key meets the key criteria, small2 does not.
 * Monitored: small(1), key small(2), and the 4 medium (medium dams carry monitoring by regulation; the
 * policy's 401 counts small reservoirs only, so 405 reservoirs are monitored in all).
 */
export type Kind = 'medium' | 'small1' | 'small2Key' | 'small2';

export type AppraisalGroup = 'programme' | 'dueBy2022' | 'regular';

export interface Slot {
  areaCode: string;
  kind: Kind;
  appraisal: AppraisalGroup;
}

export function scaleOf(kind: Kind): Scale {
  return kind === 'medium' ? 'medium' : kind === 'small1' ? 'small1' : 'small2';
}

/** Functional areas (开发区, 管理区) carry county digits 71–79 in their statistical code. */
export function isFunctionalArea(code: string): boolean {
  return Number(code.slice(4, 6)) >= 71;
}

export function isMonitored(kind: Kind): boolean {
  return kind !== 'small2';
}

/** Which area, kind and appraisal group each reservoir (Yongzhou's 1294 by default) gets, before any figure is drawn. */
export function planSlots(rng: Random, counts: PlanCounts = POLICY_COUNTS, areas: readonly Area[] = AREAS): Slot[] {
  const { medium, small, small1, monitoredSmall, programmeSmall, appraisalDueBy2022 } = counts;
  const kinds: Kind[] = rng.shuffle([
    ...repeat<Kind>('small1', small1),
    ...repeat<Kind>('small2Key', monitoredSmall - small1),
    ...repeat<Kind>('small2', small - monitoredSmall),
  ]);
  // Programme and overdue appraisals are disjoint; both are drawn at random over small reservoirs.
  const groups: AppraisalGroup[] = rng.shuffle([
    ...repeat<AppraisalGroup>('programme', programmeSmall),
    ...repeat<AppraisalGroup>('dueBy2022', appraisalDueBy2022),
    ...repeat<AppraisalGroup>('regular', small - programmeSmall - appraisalDueBy2022),
  ]);
  const areaCodes = allocateByArea(small, areas).flatMap(([code, count]) => repeat(code, count));
  const smallSlots = areaCodes.map((areaCode, i) => ({ areaCode, kind: kinds[i], appraisal: groups[i] }));

  // Medium reservoirs (all in the programme) go to distinct counties, never to the small functional areas
  // (经开区, 金洞, 回龙圩: statistical areas carved out of the counties, with few reservoirs).
  const counties = rng.shuffle(areas.filter((area) => !isFunctionalArea(area.code)).map((area) => area.code));
  const mediumSlots = counties
    .slice(0, medium)
    .map((areaCode): Slot => ({ areaCode, kind: 'medium', appraisal: 'programme' }));
  return [...mediumSlots, ...smallSlots];
}

/** Splits `total` over the areas in proportion to their extent (radius²), by largest remainder. */
export function allocateByArea(total: number, areas: readonly Area[]): [code: string, count: number][] {
  const weights = areas.map((area) => area.radiusKm ** 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return areas.map((area, i) => [area.code, counts[i]]);
}

function repeat<T>(value: T, count: number): T[] {
  return Array.from({ length: count }, () => value);
}
