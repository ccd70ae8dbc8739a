import type { ProjectKind } from '../programme/programme-rules.js';
import type { Scale } from '../registry/types.js';
import { ratio } from './money.js';

/**
 * Funding standards and shares of 永政办发〔2021〕32号 五. Money is in fen (1/100 CNY, BigInt); shares in basis
 * points (7000 = 70%).
 */

export const SOURCES = ['central', 'provincial', 'municipal', 'county'] as const;
export type FundingSource = (typeof SOURCES)[number];

/** Reinforcement (五.1): 5,000,000 CNY per small(1), 1,900,000 per small(2); medium per approved design estimate. */
const REINFORCEMENT_STANDARD_FEN: Record<Exclude<Scale, 'medium'>, bigint> = {
  small1: 500_000_000n,
  small2: 190_000_000n,
};

/** The standard reinforcement budget in fen, or null for a medium reservoir (its approved design estimate). */
export function reinforcementStandardFen(scale: string): bigint | null {
  return scale === 'small1' || scale === 'small2' ? REINFORCEMENT_STANDARD_FEN[scale] : null;
}

/**
 * Funding standard for telemetry and dam-monitoring construction in fen (五.2: telemetry 80,000 CNY per small(1),
 * 60,000 per small(2); dam-safety monitoring 300,000 per reservoir). Null for a medium reservoir's telemetry: the
 * policy's 1290 are all small, so a medium one goes by its approved estimate; null for reinforcement.
 */
export function constructionStandardFen(kind: ProjectKind, scale: string): bigint | null {
  if (kind === 'dam_monitoring') return 30_000_000n;
  if (kind === 'telemetry') return scale === 'small1' ? 8_000_000n : scale === 'small2' ? 6_000_000n : null;
  return null;
}

/**
 * Central share of reinforcement funding (五.1): medium reservoirs 80% central / 20% local, small ones 70% / 30%.
 * Telemetry and dam-monitoring construction get no central funds: "由省财政安排地方政府一般债券资金解决" (五.2, the
 * province's local-government general bonds), so their expected central share is 0.
 */
export function expectedCentralShareBp(
  scale: string,
  kind: ProjectKind = 'reinforcement',
  basis?: FundingBasis,
): number {
  if (kind !== 'reinforcement' || (basis && locallyFunded(basis))) return 0;
  return scale === 'medium' ? 8000 : 7000;
}

/**
 * The national plan (全国小型病险水库除险加固实施方案 2021–2025) took the dams found dangerous in the appraisals up to
 * 2020; a dam found dangerous later is reinforced with local money unless it has been added to the plan.
 */
export const NATIONAL_PLAN_APPRAISALS_UNTIL = '2020-12-31';

/** Where a reinforcement project came from: whether it is in the national plan, the appraisal that opened it. */
export interface FundingBasis {
  inNationalPlan: boolean;
  /** The appraisal that opened the project (YYYY-MM-DD), when one did. */
  appraisedOn?: string | null;
}

/** A project opened from a post-2020 appraisal and not in the national plan: no central share is expected. */
export function locallyFunded({ inNationalPlan, appraisedOn }: FundingBasis): boolean {
  return !inNationalPlan && appraisedOn != null && appraisedOn > NATIONAL_PLAN_APPRAISALS_UNTIL;
}

/** How the local part of reinforcement funding is customarily split: province 50%, city 20%, county the rest. */
export const LOCAL_SPLIT_BP = { provincial: 5000, municipal: 2000 } as const;

/** Tolerance of the share check: half a percentage point. */
export const SHARE_TOLERANCE_BP = 50;

export interface ShareCheck {
  expectedCentralShare: string;
  /** Null while nothing is allocated. */
  actualCentralShare: string | null;
  ok: boolean;
}

/** Does the central part of what was allocated match the policy share (within half a percentage point)? */
export function shareCheck(
  scale: string,
  centralFen: bigint,
  totalFen: bigint,
  kind: ProjectKind = 'reinforcement',
  basis?: FundingBasis,
): ShareCheck {
  const bp = expectedCentralShareBp(scale, kind, basis);
  const expectedCentralShare = ratio(BigInt(bp), 10000n)!;
  if (totalFen === 0n) return { expectedCentralShare, actualCentralShare: null, ok: true };
  const diff = centralFen * 10000n - BigInt(bp) * totalFen;
  const abs = diff < 0n ? -diff : diff;
  return {
    expectedCentralShare,
    actualCentralShare: ratio(centralFen, totalFen),
    ok: abs <= BigInt(SHARE_TOLERANCE_BP) * totalFen,
  };
}
