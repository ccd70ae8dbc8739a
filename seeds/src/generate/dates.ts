import type { Random } from '@yz/domain';

/**
 * Fixed reference dates, so the generator never reads the clock.
 * Appraisal state is recorded as at the policy (永政办发〔2021〕32号, autumn 2021): that is when
 * "122 reservoirs were due by end of 2022" holds. Programme stages and training are recorded as at
 * the end of Q1 2026, just before the flood season opens on 1 April.
 */
export const APPRAISAL_BASELINE_DATE = '2021-09-30';
export const APPRAISAL_DUE_DEADLINE = '2022-12-31';
export const PROGRAMME_DEADLINE = '2025-12-31';
export const STATUS_DATE = '2026-03-31';

const DAY_MS = 86_400_000;

/** A uniformly random ISO date between two ISO dates, both inclusive. */
export function randomDate(rng: Random, from: string, to: string): string {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
  return new Date(rng.int(day(from), day(to)) * DAY_MS).toISOString().slice(0, 10);
}
