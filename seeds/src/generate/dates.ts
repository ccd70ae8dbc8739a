import type { Random } from './random.js';

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

function toDay(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A uniformly random ISO date between two ISO dates, both inclusive. */
export function randomDate(rng: Random, from: string, to: string): string {
  return fromDay(rng.int(toDay(from), toDay(to)));
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** Same month and day `years` later (29 February falls back to 28 February). */
export function addYears(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const monthDay = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
